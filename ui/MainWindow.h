#pragma once

#include <QMainWindow>

class QTabWidget;

namespace walness::ui {

class ClinicPanel;
class DiagnosisPage;
class SettingsDialog;

// Wires the pages together; holds no logic of its own beyond remembering the user's choices.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);

  DiagnosisPage* diagnosisPage() const { return diagnosisPage_; }
  ClinicPanel* clinicPanel() const { return clinicPanel_; }
  QTabWidget* tabs() const { return tabs_; }
  // Opens Settings (non-modal for tests, modal to the user: it is window-modal while open).
  SettingsDialog* showSettings();
  QString aboutText() const;

 protected:
  void changeEvent(QEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void retranslate();
  void showAbout();

  QTabWidget* tabs_;
  DiagnosisPage* diagnosisPage_;
  ClinicPanel* clinicPanel_;
};

}  // namespace walness::ui
