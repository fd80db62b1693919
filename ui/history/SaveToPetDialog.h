#pragma once

#include <QDialog>

#include <cstdint>

#include "walness/Species.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace walness::ui {

class HistoryDatabase;

// Chooses the pet a result is saved to, or creates one on the spot (name, breed, birth year), and
// takes a note for this diagnosis. Says where the history is kept.
class SaveToPetDialog : public QDialog {
  Q_OBJECT

 public:
  SaveToPetDialog(HistoryDatabase& history, Species species, QWidget* parent = nullptr);

  // After accept(): the pet chosen or created.
  int64_t petId() const { return petId_; }
  QString notes() const;

  QComboBox* petBox() const { return pet_; }
  QLineEdit* nameEdit() const { return name_; }

  void accept() override;

 private:
  void updateNewPetFields();

  HistoryDatabase& history_;
  Species species_;
  QComboBox* pet_;
  QWidget* newPet_;
  QLineEdit* name_;
  QLineEdit* breed_;
  QSpinBox* birthYear_;
  QLineEdit* notes_;
  QLabel* error_;
  int64_t petId_ = 0;
};

}  // namespace walness::ui
