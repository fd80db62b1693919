// HistoryPage: adding and editing pets, and deleting pets and checks with undo. These writes run
// off the GUI thread, after what the page asked the store before, one attempt each, and say in
// the status line when they fail.
#include <QComboBox>
#include <QDate>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoStack>

#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistoryPage.h"
#include "ui/history/HistoryReader.h"
#include "ui/history/StoreCommand.h"

namespace walness::ui {

void HistoryPage::writeStore(std::function<Status(history::HistoryStore&)> change,
                             std::function<void(const Status&)> after) {
  // The store open now: Settings may have opened another one since the change was asked for.
  auto* store = history_.store();
  if (!store) return after(Status(Error{history_.error().toStdString()}));
  reader_->run<Ok>(store->location(), std::move(change), std::move(after));
  showBusySoon();
}

void HistoryPage::editPet(bool create) {
  if (!history_.store()) return;
  history::Pet pet;
  if (!create) {
    // The pet as last read (the page reads it off the GUI thread with its checks).
    if (!shownPet_ || shownPet_->id != currentPet()) return;
    pet = *shownPet_;
  }
  if (const std::optional<history::Pet> edited = askPet(pet, create)) savePet(*edited, create);
}

std::optional<history::Pet> HistoryPage::askPet(history::Pet pet, bool create) {
  QDialog dialog(this);
  dialog.setWindowTitle(create ? tr("New pet") : tr("Edit pet"));
  auto* name = new QLineEdit(QString::fromStdString(pet.name), &dialog);
  auto* species = new QComboBox(&dialog);
  species->addItem(tr("Dog"), QStringLiteral("dog"));
  species->addItem(tr("Cat"), QStringLiteral("cat"));
  species->setCurrentIndex(pet.species == Species::Cat ? 1 : 0);
  auto* breed = new QLineEdit(QString::fromStdString(pet.breed), &dialog);
  auto* born = new QSpinBox(&dialog);
  born->setRange(1989, QDate::currentDate().year());
  born->setSpecialValueText(tr("unknown"));
  born->setValue(pet.birthYear.value_or(1989));
  auto* notes = new QLineEdit(QString::fromStdString(pet.notes), &dialog);
  auto* form = new QFormLayout(&dialog);
  form->addRow(tr("Name"), name);
  form->addRow(tr("Species"), species);
  form->addRow(tr("Breed"), breed);
  form->addRow(tr("Birth year"), born);
  form->addRow(tr("Notes"), notes);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
    if (!name->text().trimmed().isEmpty()) dialog.accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() != QDialog::Accepted) return std::nullopt;
  pet.name = name->text().trimmed().toStdString();
  pet.species = species->currentIndex() == 1 ? Species::Cat : Species::Dog;
  pet.breed = breed->text().trimmed().toStdString();
  pet.birthYear =
      born->value() == born->minimum() ? std::nullopt : std::optional<int>(born->value());
  pet.notes = notes->text().trimmed().toStdString();
  return pet;
}

void HistoryPage::savePet(const history::Pet& pet, bool create) {
  auto* store = history_.store();  // the dialog waited on the user: looked up again
  if (!store) return;
  if (!create) {
    return writeStore([pet](history::HistoryStore& s) { return s.updatePet(pet); },
                      [this](const Status& updated) {
                        if (!updated) return setStatus(QString::fromStdString(updated.message()));
                        history_.notifyChanged();
                      });
  }
  reader_->run<int64_t>(
      store->location(), [pet](history::HistoryStore& s) { return s.addPet(pet); },
      [this](const Result<int64_t>& added) {
        if (!added) return setStatus(QString::fromStdString(added.message()));
        history_.notifyChanged();
        selectPet(*added);
      });
  showBusySoon();
}

void HistoryPage::deleteCurrentPet() {
  const int64_t petId = currentPet();
  if (!history_.store() || petId == 0 || !shownPet_ || shownPet_->id != petId) return;
  const QString name = QString::fromStdString(shownPet_->name);
  const auto after = [this, name](const Status& status) {
    if (!status) return setStatus(QString::fromStdString(status.message()));
    history_.notifyChanged();
    // Said once the store answered: the undo stack has moved by then.
    undoButton_->setVisible(undo_->canUndo());
    setStatus(undo_->canUndo() ? tr("%1 was deleted with its history. Undo brings it back "
                                    "(Ctrl+Z) until Walness is closed.")
                                     .arg(name)
                               : QString());
  };
  undo_->push(new StoreCommand(
      tr("Delete %1").arg(name),
      [this, petId, after] {
        writeStore([petId](history::HistoryStore& s) { return s.deletePet(petId); }, after);
      },
      [this, petId, after] {
        writeStore([petId](history::HistoryStore& s) { return s.restorePet(petId); }, after);
      }));
}

void HistoryPage::deleteSelectedDiagnoses() {
  const std::vector<int64_t> ids = selectedDiagnoses();
  if (!history_.store() || ids.empty()) return;
  const auto each = [ids](Status (history::HistoryStore::*action)(int64_t)) {
    return [ids, action](history::HistoryStore& store) {
      for (int64_t id : ids)
        if (auto done = (store.*action)(id); !done) return done;
      return Status(Ok{});
    };
  };
  const auto after = [this, count = int(ids.size())](const Status& status) {
    if (!status) return setStatus(QString::fromStdString(status.message()));
    history_.notifyChanged();
    undoButton_->setVisible(undo_->canUndo());
    setStatus(undo_->canUndo()
                  ? tr("Eye checks deleted: %1. Undo brings them back (Ctrl+Z).").arg(count)
                  : QString());
  };
  undo_->push(new StoreCommand(
      tr("Delete eye checks (%1)").arg(ids.size()),
      [this, each, after] { writeStore(each(&history::HistoryStore::deleteDiagnosis), after); },
      [this, each, after] { writeStore(each(&history::HistoryStore::restoreDiagnosis), after); }));
}

}  // namespace walness::ui
