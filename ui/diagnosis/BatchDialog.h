#pragma once

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>

#include "walness/Species.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace walness::batch {
struct BatchSummary;
}

namespace walness::ui {

class HistoryDatabase;

// Screens a folder of photos with the installed model, off the GUI thread, with progress and
// cancel: a CSV row per photo (resumable), optionally a report per photo (PDF, HTML, JSON) and the
// results saved to a pet.
class BatchDialog : public QDialog {
  Q_OBJECT

 public:
  BatchDialog(HistoryDatabase* history, Species species, QWidget* parent = nullptr);
  ~BatchDialog() override;

  void setFolder(const QString& folder);
  void setCsvPath(const QString& path);
  void setReportFolder(const QString& folder);  // empty: no reports
  void setPet(qint64 petId);                    // 0: do not save to a pet
  // Starts the batch; false (with the reason shown) when it cannot start.
  bool start();
  void cancel();
  bool isRunning() const;
  QString summary() const;
  QProgressBar* progressBar() const { return progress_; }

 Q_SIGNALS:
  void finished(const QString& summary);

 protected:
  void reject() override;

 private:
  struct Outcome {
    QString text;
    bool ok = false;
  };
  void setUpFields();
  // A Browse... button that calls `browse`; disabled with the fields while a batch runs.
  QPushButton* browseButton(void (BatchDialog::*browse)());
  void layOut();
  void connectSignals();
  // What a finished batch did, for the dialog and finished().
  static QString summaryText(const batch::BatchSummary& summary, const QString& csvPath);
  void browseFolder();
  void browseCsv();
  void browseReports();
  void updateButtons();

  HistoryDatabase* history_;
  Species species_;
  QLineEdit* folder_;
  QLineEdit* csv_;
  QCheckBox* reports_;
  QLineEdit* reportFolder_;
  QComboBox* pet_;
  QLabel* model_;
  QProgressBar* progress_;
  QLabel* progressText_;
  QLabel* result_;
  QPushButton* startButton_;
  QPushButton* cancelButton_;
  QPushButton* closeButton_;
  QList<QPushButton*> browseButtons_;
  QFutureWatcher<Outcome>* watcher_;
  std::atomic<bool> cancelled_{false};
  bool closeRequested_ = false;
  QString summary_;
  QString bundleDirectory_;
};

}  // namespace walness::ui
