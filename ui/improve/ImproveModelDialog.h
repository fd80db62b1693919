#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <QTemporaryDir>

#include <atomic>
#include <memory>
#include <optional>

#include "walness/bundle/ModelLocator.h"
#include "walness/history/StoreLocation.h"
#include "walness/training/clinic/ClinicFineTune.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace walness::ui {

// Settings > Models > "Improve with this clinic's confirmed checks": fine-tunes the selected
// bundle on the history's confirmed checks off the GUI thread (progress, time left, cancel),
// compares it with the bundle on the held-back pets and offers to install it, as a new version
// beside the old one, only when it did better.
class ImproveModelDialog : public QDialog {
  Q_OBJECT

 public:
  ImproveModelDialog(const bundle::BundleListing& base, const history::StoreLocation& history,
                     QWidget* parent = nullptr);
  ~ImproveModelDialog() override;

  void start();   // what the Start button does
  void cancel();  // what Cancel does while it runs
  bool running() const { return running_; }
  // After a run: the outcome (nullopt when it failed or was cancelled) and the install action.
  const std::optional<training::ClinicFineTuneResult>& result() const { return result_; }
  bool install();  // copies the new bundle into the user's models and uses it

  QSpinBox* epochsField() const { return epochs_; }
  QPushButton* installButton() const { return install_; }
  QLabel* statusLabel() const { return status_; }
  QLabel* resultLabel() const { return result_label_; }

 Q_SIGNALS:
  void installed(const QString& directory);
  void finished();

 private:
  void countChecks();
  void updateEstimate();
  void showProgress(const training::TrainingProgress& progress);
  void showResult(const Result<training::ClinicFineTuneResult>& outcome);

  bundle::BundleListing base_;
  history::StoreLocation history_;
  int trainPhotos_ = 0;
  int confirmedChecks_ = 0;
  QLabel* intro_;
  QLabel* counts_;
  QSpinBox* epochs_;
  QLabel* estimate_;
  QProgressBar* progress_;
  QLabel* status_;
  QLabel* result_label_;
  QPushButton* start_;
  QPushButton* cancel_;
  QPushButton* install_;
  QPushButton* close_;
  std::shared_ptr<std::atomic<bool>> stop_;
  std::unique_ptr<QTemporaryDir> work_;
  bool running_ = false;
  std::optional<training::ClinicFineTuneResult> result_;
  QFutureWatcher<Result<training::ClinicFineTuneResult>>* watcher_;
};

}  // namespace walness::ui
