#include "ui/history/HistoryPage.h"

#include <opencv2/imgproc.hpp>

#include <QComboBox>
#include <QDate>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPromise>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <set>

#include "ui/common/DiseaseName.h"
#include "ui/common/MatImage.h"
#include "ui/common/ReportPdf.h"
#include "ui/common/SafeText.h"
#include "ui/history/AuditDialog.h"
#include "ui/history/CompareDialog.h"
#include "ui/history/ConfirmationDialog.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/ProbabilityChart.h"
#include "walness/cam/HeatmapImage.h"
#include "walness/cam/HeatmapOverlay.h"
#include "walness/history/PetArchive.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/io/SafeFileName.h"
#include "walness/report/HistoryReport.h"

namespace walness::ui {

namespace {

constexpr int kThumbnailSide = 96;
const int kIdRole = Qt::UserRole;
const int kConfirmedRole = Qt::UserRole + 1;  // the vet has answered this check

// A change to the history that Undo reverses (delete <-> restore).
class StoreCommand : public QUndoCommand {
 public:
  StoreCommand(const QString& text, std::function<Status()> apply, std::function<Status()> revert,
               std::function<void(const Status&)> after)
      : apply_(std::move(apply)), revert_(std::move(revert)), after_(std::move(after)) {
    setText(text);
  }
  void redo() override { after_(apply_()); }
  void undo() override { after_(revert_()); }

 private:
  std::function<Status()> apply_;
  std::function<Status()> revert_;
  std::function<void(const Status&)> after_;
};

// The eye region of a stored photo, and the same with the saved heatmap over it.
struct EyeImages {
  QImage eye;
  QImage heatmap;
};

EyeImages eyeImages(const QByteArray& photo, const QByteArray& heatmapPng, const cv::Rect& region,
                    int side) {
  EyeImages images;
  auto decoded = imaging::decodeImageBytes(
      reinterpret_cast<const unsigned char*>(photo.constData()), size_t(photo.size()), "photo");
  if (!decoded) return images;
  const cv::Rect inside = region & cv::Rect(0, 0, decoded->rgb.cols, decoded->rgb.rows);
  if (inside.empty()) return images;
  cv::Mat eye;
  const double scale = double(side) / std::max(inside.width, inside.height);
  cv::resize(decoded->rgb(inside), eye, cv::Size(), scale, scale,
             scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  images.eye = toQImage(eye);
  const cv::Mat heatmap = cam::decodeRegionHeatmap(heatmapPng);
  if (!heatmap.empty()) {
    cv::Mat fitted;
    cv::resize(heatmap, fitted, eye.size(), 0, 0, cv::INTER_LINEAR);
    images.heatmap =
        toQImage(cam::overlayHeatmap(eye, fitted, 0.45, cv::Rect(0, 0, eye.cols, eye.rows)));
  }
  return images;
}

QIcon placeholderIcon() {
  QPixmap pixmap(kThumbnailSide, kThumbnailSide);
  pixmap.fill(QColor(0xee, 0xee, 0xee));
  return QIcon(pixmap);
}

}  // namespace

HistoryPage::HistoryPage(HistoryDatabase& history, QWidget* parent)
    : QWidget(parent),
      history_(history),
      pets_(new QListWidget(this)),
      newPet_(new QPushButton(this)),
      editPet_(new QPushButton(this)),
      deletePet_(new QPushButton(this)),
      importPet_(new QPushButton(this)),
      exportPet_(new QPushButton(this)),
      petTitle_(new QLabel(this)),
      timelineTitle_(new QLabel(this)),
      timeline_(new QListWidget(this)),
      compare_(new QPushButton(this)),
      confirm_(new QPushButton(this)),
      audit_(new QPushButton(this)),
      report_(new QPushButton(this)),
      deleteDiagnosis_(new QPushButton(this)),
      chartTitle_(new QLabel(this)),
      chart_(new ProbabilityChart(this)),
      status_(new QLabel(this)),
      undoButton_(new QPushButton(this)),
      undo_(new QUndoStack(this)),
      thumbnails_(new QFutureWatcher<Thumbnail>(this)) {
  setObjectName(QStringLiteral("historyPage"));
  pets_->setObjectName(QStringLiteral("petList"));
  timeline_->setObjectName(QStringLiteral("timeline"));
  compare_->setObjectName(QStringLiteral("compareButton"));
  confirm_->setObjectName(QStringLiteral("confirmButton"));
  audit_->setObjectName(QStringLiteral("auditButton"));
  report_->setObjectName(QStringLiteral("reportButton"));
  deleteDiagnosis_->setObjectName(QStringLiteral("deleteDiagnosisButton"));
  deletePet_->setObjectName(QStringLiteral("deletePetButton"));
  undoButton_->setObjectName(QStringLiteral("undoButton"));
  status_->setObjectName(QStringLiteral("historyStatus"));
  petTitle_->setObjectName(QStringLiteral("petTitle"));

  // The timeline: oldest to newest, left to right, a thumbnail of the eye per diagnosis.
  timeline_->setViewMode(QListView::IconMode);
  timeline_->setFlow(QListView::LeftToRight);
  timeline_->setWrapping(false);
  timeline_->setMovement(QListView::Static);
  timeline_->setIconSize(QSize(kThumbnailSide, kThumbnailSide));
  timeline_->setGridSize(QSize(kThumbnailSide + 70, kThumbnailSide + 56));
  timeline_->setWordWrap(true);
  timeline_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  timeline_->setFixedHeight(kThumbnailSide + 80);
  petTitle_->setTextFormat(Qt::RichText);  // deliberate: the pet's name in it is escaped
  petTitle_->setWordWrap(true);
  showPlainText(status_);  // quotes pet names, paths and the store's messages
  status_->setWordWrap(true);
  undoButton_->hide();
  deletePet_->setShortcut(QKeySequence());
  deleteDiagnosis_->setShortcut(QKeySequence::Delete);

  auto* petButtons = new QGridLayout;
  petButtons->addWidget(newPet_, 0, 0);
  petButtons->addWidget(editPet_, 0, 1);
  petButtons->addWidget(deletePet_, 1, 0);
  petButtons->addWidget(exportPet_, 1, 1);
  petButtons->addWidget(importPet_, 2, 0, 1, 2);
  petButtons->addWidget(audit_, 3, 0, 1, 2);
  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(pets_, 1);
  leftLayout->addLayout(petButtons);

  auto* timelineButtons = new QHBoxLayout;
  timelineButtons->addWidget(timelineTitle_, 1);
  timelineButtons->addWidget(confirm_);
  timelineButtons->addWidget(compare_);
  timelineButtons->addWidget(report_);
  timelineButtons->addWidget(deleteDiagnosis_);
  auto* statusRow = new QHBoxLayout;
  statusRow->addWidget(status_, 1);
  statusRow->addWidget(undoButton_);
  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(petTitle_);
  rightLayout->addLayout(timelineButtons);
  rightLayout->addWidget(timeline_);
  rightLayout->addWidget(chartTitle_);
  rightLayout->addWidget(chart_, 1);
  rightLayout->addLayout(statusRow);

  auto* splitter = new QSplitter(this);
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 3);
  splitter->setSizes({240, 760});
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter);

  connect(&history_, &HistoryDatabase::changed, this, &HistoryPage::reloadPets);
  connect(&history_, &HistoryDatabase::reopened, undo_, &QUndoStack::clear);
  connect(pets_, &QListWidget::currentRowChanged, this, [this] {
    if (!reloading_) showPet();
  });
  connect(timeline_, &QListWidget::itemSelectionChanged, this, &HistoryPage::updateActions);
  connect(timeline_, &QListWidget::itemDoubleClicked, this, [this] {
    if (timeline_->selectedItems().size() == 2) compareSelected();
  });
  connect(newPet_, &QPushButton::clicked, this, [this] { editPet(true); });
  connect(editPet_, &QPushButton::clicked, this, [this] { editPet(false); });
  connect(deletePet_, &QPushButton::clicked, this, &HistoryPage::deleteCurrentPet);
  connect(deleteDiagnosis_, &QPushButton::clicked, this, &HistoryPage::deleteSelectedDiagnoses);
  connect(compare_, &QPushButton::clicked, this, [this] {
    if (auto* dialog = compareSelected()) dialog->open();
  });
  connect(confirm_, &QPushButton::clicked, this, [this] {
    if (auto* dialog = confirmSelected()) dialog->open();
  });
  connect(audit_, &QPushButton::clicked, this, [this] {
    if (auto* dialog = showAudit()) dialog->open();
  });
  connect(report_, &QPushButton::clicked, this, &HistoryPage::chooseReport);
  connect(exportPet_, &QPushButton::clicked, this, &HistoryPage::chooseExport);
  connect(importPet_, &QPushButton::clicked, this, &HistoryPage::chooseImport);
  connect(undoButton_, &QPushButton::clicked, undo_, &QUndoStack::undo);
  connect(thumbnails_, &QFutureWatcher<Thumbnail>::resultReadyAt, this, [this](int index) {
    const Thumbnail thumbnail = thumbnails_->resultAt(index);
    for (int row = 0; row < timeline_->count(); ++row) {
      QListWidgetItem* item = timeline_->item(row);
      if (item->data(kIdRole).toLongLong() == thumbnail.diagnosisId && !thumbnail.image.isNull())
        item->setIcon(QIcon(QPixmap::fromImage(thumbnail.image)));
    }
  });
  retranslate();
  reloadPets();
}

HistoryPage::~HistoryPage() {
  thumbnails_->cancel();
  thumbnails_->waitForFinished();
}

QString HistoryPage::language() const {
  //: The language code of this translation ("ko" for Korean); picks report and disease texts.
  return tr("en");
}

QString HistoryPage::diseaseName(const std::string& id) const {
  return diseaseLabel(id, language());
}

void HistoryPage::setStatus(const QString& text) {
  status_->setText(text);
  Q_EMIT statusChanged(text);
}

void HistoryPage::reloadPets() {
  const int64_t keep = currentPet();
  reloading_ = true;
  pets_->clear();
  if (auto* store = history_.store()) {
    if (auto pets = store->pets()) {
      for (const auto& pet : *pets) {
        QStringList facts{pet.species == Species::Cat ? tr("cat") : tr("dog")};
        if (!pet.breed.empty()) facts << QString::fromStdString(pet.breed);
        if (pet.birthYear) facts << tr("born %1").arg(*pet.birthYear);
        auto* item = new QListWidgetItem(QStringLiteral("%1\n%2").arg(
            QString::fromStdString(pet.name), facts.join(QStringLiteral(", "))));
        item->setData(kIdRole, qint64(pet.id));
        pets_->addItem(item);
        if (pet.id == keep) pets_->setCurrentItem(item);
      }
    } else {
      setStatus(QString::fromStdString(pets.message()));
    }
  } else {
    setStatus(history_.error());
  }
  if (!pets_->currentItem() && pets_->count() > 0) pets_->setCurrentRow(0);
  reloading_ = false;
  showPet();
}

void HistoryPage::selectPet(int64_t petId) {
  for (int row = 0; row < pets_->count(); ++row)
    if (pets_->item(row)->data(kIdRole).toLongLong() == petId) pets_->setCurrentRow(row);
}

int64_t HistoryPage::currentPet() const {
  return pets_->currentItem() ? pets_->currentItem()->data(kIdRole).toLongLong() : 0;
}

bool HistoryPage::thumbnailsLoaded() const {
  return thumbnails_->isFinished();
}

void HistoryPage::showPet() {
  thumbnails_->cancel();
  timeline_->clear();
  auto* store = history_.store();
  const int64_t petId = currentPet();
  if (!store || petId == 0) {
    petTitle_->setText(
        tr("<h3>No pets yet</h3><p>Open a photo on the Eye check page, analyse "
           "it, then use <b>Save to pet...</b> to start a pet's history.</p>"));
    chart_->setHistory({}, [](const std::string&) { return QString(); });
    updateActions();
    return;
  }
  auto pet = store->pet(petId);
  auto records = store->diagnoses(petId);
  if (!pet || !records) {
    setStatus(QString::fromStdString(!pet ? pet.message() : records.message()));
    return;
  }
  petTitle_->setText(QStringLiteral("<h3>%1</h3>%2")
                         .arg(QString::fromStdString(pet->name).toHtmlEscaped(),
                              tr("Eye checks saved: %1").arg(records->size())));
  struct Job {
    qint64 id;
    std::string photoHash;
    cv::Rect region;
  };
  std::vector<Job> jobs;
  const std::set<int64_t> confirmed =
      store->confirmedDiagnoses(petId).value_or(std::set<int64_t>{});
  for (const auto& record : *records) {
    const auto& diagnosis = record.diagnosis;
    QString finding;
    if (diagnosis.abstention)
      finding = tr("no findings (photo)");
    else if (diagnosis.anyPositive())
      finding = QStringLiteral("%1 %2%")
                    .arg(diseaseName(diagnosis.top()->disease))
                    .arg(int(std::lround(diagnosis.top()->probability * 100)));
    else
      finding = tr("none above threshold");
    auto* item = new QListWidgetItem(
        placeholderIcon(),
        QStringLiteral("%1\n%2").arg(
            QDateTime::fromString(QString::fromStdString(record.takenAt), Qt::ISODateWithMs)
                .toLocalTime()
                .toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            finding));
    item->setData(kIdRole, qint64(record.id));
    QString tip = QString::fromStdString(record.notes);
    if (confirmed.count(record.id)) {
      // The mark of a check the vet has answered: a check mark and the words, for every reader.
      item->setText(item->text() + QLatin1Char('\n') + tr("\u2713 vet confirmed"));
      item->setData(kConfirmedRole, true);
      tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) +
             tr("The vet's answer is saved; Confirm... shows or edits it.");
    }
    item->setToolTip(plainToolTip(tip));
    timeline_->addItem(item);
    jobs.push_back(Job{record.id, record.photoHash, record.region});
  }
  if (!records->empty()) timeline_->scrollToItem(timeline_->item(timeline_->count() - 1));
  auto series = store->probabilityHistory(petId);
  chart_->setHistory(series.value_or({}),
                     [this](const std::string& id) { return diseaseName(id); });
  // Photos are read (and checked against their hash) and decoded on a worker with its own
  // connection to the store; each thumbnail appears as it is ready.
  thumbnails_->setFuture(QtConcurrent::run(
      [](QPromise<Thumbnail>& promise, history::StoreLocation location, std::vector<Job> jobs) {
        auto worker = history::HistoryStore::open(location);
        if (!worker) return;
        for (const Job& job : jobs) {
          if (promise.isCanceled()) return;
          const QByteArray photo = (*worker)->photo(job.photoHash).value_or(QByteArray());
          promise.addResult(
              Thumbnail{job.id, eyeImages(photo, QByteArray(), job.region, kThumbnailSide).eye});
        }
      },
      store->location(), std::move(jobs)));
  updateActions();
}

void HistoryPage::updateActions() {
  const bool pet = currentPet() != 0;
  const int selected = int(timeline_->selectedItems().size());
  editPet_->setEnabled(pet);
  deletePet_->setEnabled(pet);
  exportPet_->setEnabled(pet);
  report_->setEnabled(pet && timeline_->count() > 0);
  compare_->setEnabled(selected == 2);
  confirm_->setEnabled(selected == 1);
  audit_->setEnabled(history_.store() != nullptr);
  deleteDiagnosis_->setEnabled(selected > 0);
  report_->setText(selected > 0 ? tr("Report on selected...") : tr("Report..."));
}

void HistoryPage::editPet(bool create) {
  auto* store = history_.store();
  if (!store) return;
  history::Pet pet;
  if (!create) {
    auto current = store->pet(currentPet());
    if (!current) return;
    pet = *current;
  }
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
  if (dialog.exec() != QDialog::Accepted) return;
  pet.name = name->text().trimmed().toStdString();
  pet.species = species->currentIndex() == 1 ? Species::Cat : Species::Dog;
  pet.breed = breed->text().trimmed().toStdString();
  pet.birthYear =
      born->value() == born->minimum() ? std::nullopt : std::optional<int>(born->value());
  pet.notes = notes->text().trimmed().toStdString();
  if (create) {
    auto added = store->addPet(pet);
    if (!added) return setStatus(QString::fromStdString(added.message()));
    history_.notifyChanged();
    selectPet(*added);
  } else if (auto updated = store->updatePet(pet); !updated) {
    setStatus(QString::fromStdString(updated.message()));
  } else {
    history_.notifyChanged();
  }
}

void HistoryPage::deleteCurrentPet() {
  auto* store = history_.store();
  const int64_t petId = currentPet();
  if (!store || petId == 0) return;
  auto pet = store->pet(petId);
  if (!pet) return setStatus(QString::fromStdString(pet.message()));
  const QString name = QString::fromStdString(pet->name);
  // The store is looked up when the command runs: Settings may have opened another one since.
  HistoryDatabase* history = &history_;
  const auto onStore = [history](auto action) {
    return history->store() ? action(*history->store())
                            : Status(Error{history->error().toStdString()});
  };
  undo_->push(new StoreCommand(
      tr("Delete %1").arg(name),
      [onStore, petId] {
        return onStore([petId](history::HistoryStore& s) { return s.deletePet(petId); });
      },
      [onStore, petId] {
        return onStore([petId](history::HistoryStore& s) { return s.restorePet(petId); });
      },
      [this, name](const Status& status) {
        if (!status) return setStatus(QString::fromStdString(status.message()));
        history_.notifyChanged();
        // The stack moves its index after redo()/undo() return: ask it from the event loop.
        QMetaObject::invokeMethod(
            this,
            [this, name] {
              undoButton_->setVisible(undo_->canUndo());
              setStatus(undo_->canUndo()
                            ? tr("%1 was deleted with its history. Undo brings it back "
                                 "(Ctrl+Z) until Walness is closed.")
                                  .arg(name)
                            : QString());
            },
            Qt::QueuedConnection);
      }));
}

void HistoryPage::deleteSelectedDiagnoses() {
  auto* store = history_.store();
  std::vector<int64_t> ids;
  for (QListWidgetItem* item : timeline_->selectedItems())
    ids.push_back(item->data(kIdRole).toLongLong());
  if (!store || ids.empty()) return;
  // The store is looked up when the command runs: Settings may have opened another one since.
  const auto each = [history = &history_, ids](Status (history::HistoryStore::*action)(int64_t)) {
    if (!history->store()) return Status(Error{history->error().toStdString()});
    for (int64_t id : ids)
      if (auto done = (history->store()->*action)(id); !done) return done;
    return Status(Ok{});
  };
  undo_->push(new StoreCommand(
      tr("Delete eye checks (%1)").arg(ids.size()),
      [each] { return each(&history::HistoryStore::deleteDiagnosis); },
      [each] { return each(&history::HistoryStore::restoreDiagnosis); },
      [this, count = int(ids.size())](const Status& status) {
        if (!status) return setStatus(QString::fromStdString(status.message()));
        history_.notifyChanged();
        QMetaObject::invokeMethod(
            this,
            [this, count] {
              undoButton_->setVisible(undo_->canUndo());
              setStatus(
                  undo_->canUndo()
                      ? tr("Eye checks deleted: %1. Undo brings them back (Ctrl+Z).").arg(count)
                      : QString());
            },
            Qt::QueuedConnection);
      }));
}

int64_t HistoryPage::selectedDiagnosis() const {
  const auto selected = timeline_->selectedItems();
  return selected.size() == 1 ? selected.front()->data(kIdRole).toLongLong() : 0;
}

CompareDialog* HistoryPage::compareSelected() {
  auto* store = history_.store();
  const auto selected = timeline_->selectedItems();
  if (!store || selected.size() != 2) return nullptr;
  std::vector<CompareDialog::Side> sides;
  for (QListWidgetItem* item : selected) {
    auto record = store->diagnosis(item->data(kIdRole).toLongLong());
    if (!record) {
      setStatus(QString::fromStdString(record.message()));
      return nullptr;
    }
    // Two photos: decoded here, a fraction of a second even for large ones.
    const QByteArray heatmap = record->camHash.empty()
                                   ? QByteArray()
                                   : store->photo(record->camHash).value_or(QByteArray());
    const EyeImages images = eyeImages(store->photo(record->photoHash).value_or(QByteArray()),
                                       heatmap, record->region, 320);
    auto confirmation = store->confirmation(record->id);
    sides.push_back({*record, images.eye, images.heatmap,
                     confirmation.value_or(std::optional<history::Confirmation>())});
  }
  if (sides[0].record.takenAt > sides[1].record.takenAt) std::swap(sides[0], sides[1]);
  auto* dialog = new CompareDialog(
      sides[0], sides[1], [this](const std::string& id) { return diseaseName(id); }, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  return dialog;
}

void HistoryPage::writeReport(const QString& path, std::function<void(const QString&)> done) {
  auto* store = history_.store();
  const int64_t petId = currentPet();
  if (!store || petId == 0) return;
  std::vector<int64_t> ids;
  for (QListWidgetItem* item : timeline_->selectedItems())
    ids.push_back(item->data(kIdRole).toLongLong());
  setStatus(tr("Writing the report..."));
  report_->setEnabled(false);
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path, done] {
    const QString error = watcher->result();
    watcher->deleteLater();
    updateActions();
    setStatus(error.isEmpty() ? tr("Report saved: %1").arg(path)
                              : tr("The report could not be written: %1").arg(error));
    if (done) done(error);
  });
  // Photos are decoded and the PDF laid out on a worker with its own connection to the store.
  watcher->setFuture(QtConcurrent::run(
      [location = store->location(), petId, ids, language = language().toStdString(), path] {
        auto worker = history::HistoryStore::open(location);
        if (!worker) return QString::fromStdString(worker.message());
        auto request = report::requestFromHistory(**worker, petId, ids, language);
        if (!request) return QString::fromStdString(request.message());
        const Status written = writeReportAs(report::buildReport(*request), path);
        return written ? QString() : QString::fromStdString(written.message());
      }));
}

void HistoryPage::chooseReport() {
  auto* store = history_.store();
  if (!store || currentPet() == 0) return;
  const QString name = io::safeFileName(
      QString::fromStdString(store->pet(currentPet()).value_or({}).name), QStringLiteral("pet"));
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save a report for the vet"),
      QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/') +
          name + QStringLiteral("-walness-report.pdf"),
      tr("PDF document (*.pdf);;Web page (*.html);;JSON data (*.json)"));
  if (!path.isEmpty()) writeReport(path);
}

void HistoryPage::exportCurrentPet(const QString& folder,
                                   std::function<void(const QString&)> done) {
  auto* store = history_.store();
  const int64_t petId = currentPet();
  if (!store || petId == 0) return;
  setStatus(tr("Exporting..."));
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, folder, done] {
    const QString error = watcher->result();
    watcher->deleteLater();
    setStatus(error.isEmpty()
                  ? tr("Exported to %1. Import it in Walness on another computer.").arg(folder)
                  : tr("Export failed: %1").arg(error));
    if (done) done(error);
  });
  watcher->setFuture(QtConcurrent::run([location = store->location(), petId, folder] {
    auto worker = history::HistoryStore::open(location);
    if (!worker) return QString::fromStdString(worker.message());
    const Status exported = history::exportPet(**worker, petId, folder);
    return exported ? QString() : QString::fromStdString(exported.message());
  }));
}

void HistoryPage::importPet(const QString& folder, std::function<void(const QString&)> done) {
  auto* store = history_.store();
  if (!store) return;
  setStatus(tr("Importing..."));
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, done] {
    const QString error = watcher->result();
    watcher->deleteLater();
    history_.notifyChanged();
    setStatus(error.isEmpty() ? tr("Imported.") : tr("Import failed: %1").arg(error));
    if (done) done(error);
  });
  watcher->setFuture(QtConcurrent::run([location = store->location(), folder] {
    auto worker = history::HistoryStore::open(location);
    if (!worker) return QString::fromStdString(worker.message());
    auto imported = history::importPet(**worker, folder);
    return imported ? QString() : QString::fromStdString(imported.message());
  }));
}

void HistoryPage::chooseExport() {
  auto* store = history_.store();
  if (!store || currentPet() == 0) return;
  const QString parent = QFileDialog::getExistingDirectory(
      this, tr("Export to which folder?"),
      QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
  if (parent.isEmpty()) return;
  // The name comes from a database others may write: it never picks another folder.
  const QString name = io::safeFileName(
      QString::fromStdString(store->pet(currentPet()).value_or({}).name), QStringLiteral("pet"));
  exportCurrentPet(QDir(parent).filePath(name + QStringLiteral("-walness")));
}

void HistoryPage::chooseImport() {
  const QString folder = QFileDialog::getExistingDirectory(
      this, tr("Choose an exported pet folder (with pet.json)"),
      QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
  if (!folder.isEmpty()) importPet(folder);
}

void HistoryPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    reloadPets();
  }
  QWidget::changeEvent(event);
}

void HistoryPage::retranslate() {
  newPet_->setText(tr("New pet..."));
  editPet_->setText(tr("Edit..."));
  deletePet_->setText(tr("Delete pet"));
  exportPet_->setText(tr("Export..."));
  exportPet_->setToolTip(tr("Write this pet's history (JSON and photos) to a folder."));
  importPet_->setText(tr("Import pet..."));
  timelineTitle_->setText(tr("Eye checks, oldest first. Select two to compare."));
  compare_->setText(tr("Compare"));
  confirm_->setText(tr("Confirm..."));
  confirm_->setToolTip(tr("Enter what the vet's examination showed for the selected check."));
  audit_->setText(tr("How the model did here..."));
  audit_->setToolTip(
      tr("Sensitivity and specificity of each model version on this clinic's confirmed checks."));
  deleteDiagnosis_->setText(tr("Delete"));
  chartTitle_->setText(tr("Probability of each disease over time (the model's, not a diagnosis)"));
  undoButton_->setText(tr("Undo"));
  updateActions();
}

}  // namespace walness::ui
