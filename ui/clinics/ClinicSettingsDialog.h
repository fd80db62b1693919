#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace walness::ui {

class ApiKeyStore;
class ClinicSearch;

// Clinic search settings: the optional Google Places key (kept in the system keychain), the search
// radius and a custom map tile server.
class ClinicSettingsDialog : public QDialog {
  Q_OBJECT

 public:
  ClinicSettingsDialog(ClinicSearch* search, ApiKeyStore* keys, QWidget* parent = nullptr);

  static QString tileServerSetting();

 private:
  void saveKey();
  void removeKey();

  ClinicSearch* search_;
  ApiKeyStore* keys_;
  QLineEdit* keyEdit_;
  QPushButton* saveKeyButton_;
  QPushButton* removeKeyButton_;
  QLabel* keyStatus_;
  QSpinBox* radius_;
  QLineEdit* tileServer_;
};

}  // namespace walness::ui
