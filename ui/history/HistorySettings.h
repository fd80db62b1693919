#pragma once

#include <QWidget>

#include "walness/history/StoreLocation.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace walness::ui {

class HistoryDatabase;

// Settings > History: keep pet histories on this computer, or on a PostgreSQL server that the
// clinic's front-desk computers share. Switching opens the new store first and keeps the old one
// when that fails.
class HistorySettings : public QWidget {
  Q_OBJECT

 public:
  explicit HistorySettings(HistoryDatabase& history, QWidget* parent = nullptr);

  QRadioButton* serverChoice() const { return server_; }
  QLineEdit* hostEdit() const { return host_; }
  QSpinBox* portBox() const { return port_; }
  QLineEdit* databaseEdit() const { return database_; }
  QLineEdit* userEdit() const { return user_; }
  QLabel* statusLabel() const { return status_; }
  // Opens the chosen store (a server from a worker thread first) and remembers it; the outcome is
  // shown and signalled.
  void apply();

 Q_SIGNALS:
  void applied(bool ok);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateFields();
  void reportApplied(bool opened, const history::StoreLocation& location);

  HistoryDatabase& history_;
  QRadioButton* local_;
  QRadioButton* server_;
  QLabel* localFolder_;
  QLineEdit* host_;
  QSpinBox* port_;
  QLineEdit* database_;
  QLineEdit* user_;
  QComboBox* sslMode_;
  QLabel* hostLabel_;
  QLabel* portLabel_;
  QLabel* databaseLabel_;
  QLabel* userLabel_;
  QLabel* sslModeLabel_;
  QLabel* serverNote_;
  QPushButton* applyButton_;
  QLabel* status_;
};

}  // namespace walness::ui
