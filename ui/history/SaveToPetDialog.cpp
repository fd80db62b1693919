#include "ui/history/SaveToPetDialog.h"

#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <vector>

#include "ui/common/SafeText.h"
#include "ui/history/HistoryDatabase.h"

namespace walness::ui {

SaveToPetDialog::SaveToPetDialog(HistoryDatabase& history, Species species, QWidget* parent)
    : QDialog(parent),
      history_(history),
      species_(species),
      pet_(new QComboBox(this)),
      newPet_(new QWidget(this)),
      name_(new QLineEdit(this)),
      breed_(new QLineEdit(this)),
      birthYear_(new QSpinBox(this)),
      notes_(new QLineEdit(this)),
      error_(new QLabel(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this)) {
  setObjectName(QStringLiteral("saveToPetDialog"));
  setWindowTitle(tr("Save to a pet's history"));
  pet_->setObjectName(QStringLiteral("petBox"));
  name_->setObjectName(QStringLiteral("newPetName"));
  notes_->setObjectName(QStringLiteral("diagnosisNotes"));
  pet_->addItem(tr("New pet..."), QVariant(qint64(0)));

  birthYear_->setRange(1990, QDate::currentDate().year());
  birthYear_->setSpecialValueText(tr("unknown"));
  birthYear_->setMinimum(1989);
  birthYear_->setValue(1989);
  name_->setPlaceholderText(species == Species::Cat ? tr("e.g. Nabi") : tr("e.g. Coco"));
  notes_->setPlaceholderText(tr("e.g. left eye, after two days of drops"));

  auto* petForm = new QFormLayout(newPet_);
  petForm->setContentsMargins(0, 0, 0, 0);
  petForm->addRow(tr("Name"), name_);
  petForm->addRow(tr("Breed"), breed_);
  petForm->addRow(tr("Birth year"), birthYear_);

  auto* form = new QFormLayout;
  form->addRow(tr("Pet"), pet_);
  form->addRow(newPet_);
  form->addRow(tr("Note"), notes_);

  const history::StoreLocation location =
      history_.store() ? history_.store()->location() : HistoryDatabase::savedLocation();
  auto* where = new QLabel(
      location.kind == history::StoreLocation::Kind::Postgres
          ? tr("The photo, the eye region, the heatmap and the findings are saved on the shared "
               "server %1, where the clinic's other computers see them.")
                .arg(location.describe())
          : tr("The photo, the eye region, the heatmap and the findings are saved on this "
               "computer only (%1).")
                .arg(location.describe()),
      this);
  where->setWordWrap(true);
  showPlainText(where);  // names the server or folder
  error_->setObjectName(QStringLiteral("saveToPetError"));
  error_->setWordWrap(true);
  showPlainText(error_);  // the store's messages
  error_->setStyleSheet(QStringLiteral("color: #b3261e"));
  error_->hide();

  connect(buttons_, &QDialogButtonBox::accepted, this, &SaveToPetDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &SaveToPetDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(where);
  layout->addWidget(error_);
  layout->addWidget(buttons_);
  connect(pet_, &QComboBox::currentIndexChanged, this, &SaveToPetDialog::updateNewPetFields);
  updateNewPetFields();
  resize(460, sizeHint().height());
  readPets();
}

void SaveToPetDialog::readPets() {
  auto* store = history_.store();
  if (!store) return;
  readingPets_ = true;
  updateButtons();
  // A shared server may be slow: read with a connection of its own, off the GUI thread.
  auto* watcher = new QFutureWatcher<std::vector<history::Pet>>(this);
  connect(watcher, &QFutureWatcher<std::vector<history::Pet>>::finished, this, [this, watcher] {
    watcher->deleteLater();
    readingPets_ = false;
    const bool chosen = pet_->currentIndex() != 0 || !name_->text().trimmed().isEmpty();
    for (const auto& pet : watcher->result())
      if (pet.species == species_)
        pet_->addItem(QString::fromStdString(pet.name), QVariant(qint64(pet.id)));
    // An existing pet first, unless the user has begun a new one meanwhile.
    if (pet_->count() > 1 && !chosen) pet_->setCurrentIndex(1);
    updateButtons();
  });
  watcher->setFuture(QtConcurrent::run([location = store->location()] {
    auto worker = history::HistoryStore::open(location);
    if (!worker) return std::vector<history::Pet>();
    return (*worker)->pets().value_or(std::vector<history::Pet>());
  }));
}

void SaveToPetDialog::updateButtons() {
  buttons_->button(QDialogButtonBox::Save)->setEnabled(!isBusy());
  buttons_->button(QDialogButtonBox::Cancel)->setEnabled(!addingPet_);
  pet_->setEnabled(!isBusy());
}

void SaveToPetDialog::updateNewPetFields() {
  newPet_->setVisible(pet_->currentData().toLongLong() == 0);
  if (newPet_->isVisible()) name_->setFocus();
}

QString SaveToPetDialog::notes() const {
  return notes_->text().trimmed();
}

void SaveToPetDialog::accept() {
  if (isBusy()) return;
  if (!history_.store()) {
    error_->setText(history_.error());
    error_->show();
    return;
  }
  petId_ = pet_->currentData().toLongLong();
  if (petId_ == 0) {
    history::Pet pet;
    pet.name = name_->text().trimmed().toStdString();
    pet.species = species_;
    pet.breed = breed_->text().trimmed().toStdString();
    if (birthYear_->value() != birthYear_->minimum()) pet.birthYear = birthYear_->value();
    if (pet.name.empty()) {
      error_->setText(tr("Give the new pet a name."));
      error_->show();
      name_->setFocus();
      return;
    }
    return addPet(pet);
  }
  QDialog::accept();
}

void SaveToPetDialog::addPet(const history::Pet& pet) {
  addingPet_ = true;
  updateButtons();
  auto* watcher = new QFutureWatcher<Result<int64_t>>(this);
  connect(watcher, &QFutureWatcher<Result<int64_t>>::finished, this, [this, watcher] {
    watcher->deleteLater();
    addingPet_ = false;
    updateButtons();
    const Result<int64_t> added = watcher->result();
    if (!added) {
      error_->setText(QString::fromStdString(added.message()));
      error_->show();
      return;
    }
    petId_ = *added;
    history_.notifyChanged();
    QDialog::accept();
  });
  watcher->setFuture(
      QtConcurrent::run([location = history_.store()->location(), pet]() -> Result<int64_t> {
        auto worker = history::HistoryStore::open(location);
        if (!worker) return worker.error();
        return (*worker)->addPet(pet);
      }));
}

void SaveToPetDialog::reject() {
  if (!addingPet_) QDialog::reject();
}

}  // namespace walness::ui
