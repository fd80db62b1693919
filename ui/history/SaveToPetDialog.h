#pragma once

#include <QDialog>

#include <cstdint>

#include "walness/Species.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace walness::history {
struct Pet;
}

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

  // Save: a new pet is added off the GUI thread, then the dialog closes (or says why not).
  void accept() override;
  // Cancel and closing wait while the new pet is being added.
  void reject() override;
  // While the pets are being read or the new pet added (Save waits).
  bool isBusy() const { return readingPets_ || addingPet_; }

 private:
  void readPets();  // off the GUI thread: the list fills in when read
  void addPet(const history::Pet& pet);
  void updateNewPetFields();
  void updateButtons();

  HistoryDatabase& history_;
  Species species_;
  QComboBox* pet_;
  QWidget* newPet_;
  QLineEdit* name_;
  QLineEdit* breed_;
  QSpinBox* birthYear_;
  QLineEdit* notes_;
  QLabel* error_;
  QDialogButtonBox* buttons_;
  int64_t petId_ = 0;
  bool readingPets_ = false;
  bool addingPet_ = false;
};

}  // namespace walness::ui
