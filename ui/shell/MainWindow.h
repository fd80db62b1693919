#pragma once

#include <QHash>
#include <QMainWindow>
#include <QStringList>

class QAbstractButton;
class QMenu;
class QTabWidget;

namespace walness::ui {

class ClinicPanel;
class DiagnosisPage;
class HistoryDatabase;
class HistoryPage;
class BatchDialog;
class SettingsDialog;

// Wires the pages together; holds no logic of its own beyond remembering the user's choices.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);

  DiagnosisPage* diagnosisPage() const { return diagnosisPage_; }
  ClinicPanel* clinicPanel() const { return clinicPanel_; }
  HistoryPage* historyPage() const { return historyPage_; }
  HistoryDatabase* history() const { return history_; }
  // Tools > Screen a folder: the batch dialog (non-modal for tests).
  BatchDialog* showBatch();
  QTabWidget* tabs() const { return tabs_; }
  // Opens Settings (non-modal for tests, modal to the user: it is window-modal while open).
  SettingsDialog* showSettings();
  QString aboutText() const;

 public Q_SLOTS:
  // Photos handed to the app (its command line, a file manager, a second `walness PHOTO`): the
  // first one that can be read opens on the eye-check page, and the window comes to the front.
  void openPhotos(const QStringList& paths);

 protected:
  void changeEvent(QEvent* event) override;
  void closeEvent(QCloseEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void createFileMenu();
  // Keeps `action` enabled exactly when the page's `button` is.
  void follow(QAction* action, QAbstractButton* button);
  void updateRecentMenu();
  void retranslate();
  void showAbout();

  QTabWidget* tabs_;
  HistoryDatabase* history_;
  DiagnosisPage* diagnosisPage_;
  HistoryPage* historyPage_;
  ClinicPanel* clinicPanel_;
  QMenu* recentMenu_ = nullptr;
  QHash<QObject*, QAction*> followers_;  // page button -> File menu action
};

}  // namespace walness::ui
