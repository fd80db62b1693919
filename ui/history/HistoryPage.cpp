#include "ui/history/HistoryPage.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

#include "ui/common/DiseaseName.h"
#include "ui/common/SafeText.h"
#include "ui/history/AuditDialog.h"
#include "ui/history/CompareDialog.h"
#include "ui/history/ConfirmationDialog.h"
#include "ui/history/EyeImages.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistoryReader.h"
#include "ui/history/ProbabilityChart.h"

namespace walness::ui {

namespace {

constexpr int kThumbnailSide = 96;
const int kIdRole = Qt::UserRole;
const int kConfirmedRole = Qt::UserRole + 1;  // the vet has answered this check
// A reading answered within this time shows without the page greying out (no flicker).
constexpr int kBusyDelayMs = 250;

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
      busy_(new QWidget(this)),
      busyText_(new QLabel(busy_)),
      busyDelay_(new QTimer(this)),
      thumbnails_(new QFutureWatcher<Thumbnail>(this)),
      reader_(new HistoryReader(this)) {
  nameObjects();
  configureWidgets();
  layOut();
  connectActions();
  retranslate();
  reloadPets();
}

HistoryPage::~HistoryPage() {
  thumbnails_->cancel();
  thumbnails_->waitForFinished();
}

void HistoryPage::nameObjects() {
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
  busy_->setObjectName(QStringLiteral("historyBusy"));
}

void HistoryPage::configureWidgets() {
  // The timeline: oldest to newest, left to right, a thumbnail of the eye per diagnosis.
  timeline_->setViewMode(QListView::IconMode);
  timeline_->setFlow(QListView::LeftToRight);
  timeline_->setWrapping(false);
  timeline_->setMovement(QListView::Static);
  timeline_->setIconSize(QSize(kThumbnailSide, kThumbnailSide));
  // Room for four lines under it: date, finding, the eye's side of the photo, the vet's mark.
  timeline_->setGridSize(QSize(kThumbnailSide + 70, kThumbnailSide + 72));
  timeline_->setWordWrap(true);
  timeline_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  timeline_->setFixedHeight(kThumbnailSide + 96);
  petTitle_->setTextFormat(Qt::RichText);  // deliberate: the pet's name in it is escaped
  petTitle_->setWordWrap(true);
  showPlainText(status_);  // quotes pet names, paths and the store's messages
  status_->setWordWrap(true);
  undoButton_->hide();
  deletePet_->setShortcut(QKeySequence());
  deleteDiagnosis_->setShortcut(QKeySequence::Delete);
  // While a reading takes a moment: the words and a bar that moves (the window is not frozen).
  auto* spinner = new QProgressBar(busy_);
  spinner->setRange(0, 0);
  spinner->setTextVisible(false);
  spinner->setMaximumWidth(120);
  auto* busyLayout = new QHBoxLayout(busy_);
  busyLayout->setContentsMargins(0, 0, 0, 0);
  busyLayout->addWidget(busyText_);
  busyLayout->addWidget(spinner);
  busy_->hide();
  busyDelay_->setSingleShot(true);
  busyDelay_->setInterval(kBusyDelayMs);
}

void HistoryPage::layOut() {
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
  statusRow->addWidget(busy_);
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
}

void HistoryPage::connectActions() {
  connect(&history_, &HistoryDatabase::changed, this, &HistoryPage::reloadPets);
  connect(&history_, &HistoryDatabase::reopened, undo_, &QUndoStack::clear);
  connect(reader_, &HistoryReader::readingReady, this, &HistoryPage::showReading);
  connect(reader_, &HistoryReader::taskFinished, this, &HistoryPage::settleBusy);
  connect(busyDelay_, &QTimer::timeout, this, [this] {
    if (reader_->busy()) setBusyShown(true);
  });
  connect(pets_, &QListWidget::currentRowChanged, this, [this] {
    if (!reloading_) showPet();
  });
  connect(timeline_, &QListWidget::itemSelectionChanged, this, &HistoryPage::updateActions);
  const auto open = [](QDialog* dialog) {
    if (dialog) dialog->open();
  };
  connect(timeline_, &QListWidget::itemDoubleClicked, this, [this, open] {
    if (timeline_->selectedItems().size() == 2) compareSelected(open);
  });
  connect(newPet_, &QPushButton::clicked, this, [this] { editPet(true); });
  connect(editPet_, &QPushButton::clicked, this, [this] { editPet(false); });
  connect(deletePet_, &QPushButton::clicked, this, &HistoryPage::deleteCurrentPet);
  connect(deleteDiagnosis_, &QPushButton::clicked, this, &HistoryPage::deleteSelectedDiagnoses);
  connect(compare_, &QPushButton::clicked, this, [this, open] { compareSelected(open); });
  connect(confirm_, &QPushButton::clicked, this, [this, open] { confirmSelected(open); });
  connect(audit_, &QPushButton::clicked, this, [this] {
    if (auto* dialog = showAudit()) dialog->open();
  });
  connect(report_, &QPushButton::clicked, this, &HistoryPage::chooseReport);
  connect(exportPet_, &QPushButton::clicked, this, &HistoryPage::chooseExport);
  connect(importPet_, &QPushButton::clicked, this, &HistoryPage::chooseImport);
  connect(undoButton_, &QPushButton::clicked, undo_, &QUndoStack::undo);
  connect(thumbnails_, &QFutureWatcher<Thumbnail>::resultReadyAt, this,
          &HistoryPage::showThumbnail);
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
  if (history_.store()) return requestReading(true);
  // No store is open (or one is being connected to): nothing to read, and nothing older shows.
  reader_->supersede();
  busyDelay_->stop();
  setBusyShown(false);
  showPets({}, 0);
  setStatus(history_.error());
  showNoPet();
}

void HistoryPage::showPet() {
  if (!history_.store()) return reloadPets();
  if (currentPet() == 0) return showNoPet();
  requestReading(false);
}

void HistoryPage::requestReading(bool withPets) {
  HistoryRequest request;
  request.location = history_.store()->location();
  // A list already on its way is still wanted, as is one that holds a pet selected before it.
  request.withPets = withPets || reader_->awaitsPets() || wantedPet_ != 0;
  request.petId = wantedPet_ != 0 ? wantedPet_ : currentPet();
  reader_->read(request);
  showBusySoon();
}

void HistoryPage::showBusySoon() {
  if (busy_->isHidden() && !busyDelay_->isActive()) busyDelay_->start();
}

void HistoryPage::settleBusy() {
  if (reader_->busy()) return;  // more is on its way
  busyDelay_->stop();
  setBusyShown(false);
}

bool HistoryPage::isLoading() const {
  return reader_->busy();
}

void HistoryPage::setBusyShown(bool shown) {
  busy_->setVisible(shown);
  pets_->setEnabled(!shown);
  timeline_->setEnabled(!shown);
  chart_->setEnabled(!shown);
  updateActions();
}

void HistoryPage::showReading(const HistoryReading& reading) {
  settleBusy();
  if (reading.withPets) {
    wantedPet_ = 0;
    showPets(reading.pets, reading.petId);
    if (!reading.petsError.isEmpty()) setStatus(reading.petsError);
  }
  if (reading.petId == 0) {
    showNoPet();
  } else if (!reading.petError.isEmpty()) {
    thumbnails_->cancel();
    timeline_->clear();
    shownPet_.reset();
    setStatus(reading.petError);
  } else {
    showPetHistory(reading);
  }
  Q_EMIT loaded();
}

void HistoryPage::showPets(const std::vector<history::Pet>& pets, int64_t current) {
  reloading_ = true;
  pets_->clear();
  for (const auto& pet : pets) {
    QStringList facts{pet.species == Species::Cat ? tr("cat") : tr("dog")};
    if (!pet.breed.empty()) facts << QString::fromStdString(pet.breed);
    if (pet.birthYear) facts << tr("born %1").arg(*pet.birthYear);
    auto* item = new QListWidgetItem(QStringLiteral("%1\n%2").arg(
        QString::fromStdString(pet.name), facts.join(QStringLiteral(", "))));
    item->setData(kIdRole, qint64(pet.id));
    pets_->addItem(item);
    if (pet.id == current) pets_->setCurrentItem(item);
  }
  reloading_ = false;
}

void HistoryPage::selectPet(int64_t petId) {
  for (int row = 0; row < pets_->count(); ++row) {
    if (pets_->item(row)->data(kIdRole).toLongLong() == petId) {
      pets_->setCurrentRow(row);
      return;
    }
  }
  // Not listed yet (saved a moment ago): shown once a list that holds it is read.
  if (!history_.store()) return;
  wantedPet_ = petId;
  requestReading(true);
}

int64_t HistoryPage::currentPet() const {
  return pets_->currentItem() ? pets_->currentItem()->data(kIdRole).toLongLong() : 0;
}

bool HistoryPage::thumbnailsLoaded() const {
  return !isLoading() && thumbnails_->isFinished();
}

void HistoryPage::showNoPet() {
  thumbnails_->cancel();
  timeline_->clear();
  shownPet_.reset();
  petTitle_->setText(
      tr("<h3>No pets yet</h3><p>Open a photo on the Eye check page, analyse "
         "it, then use <b>Save to pet...</b> to start a pet's history.</p>"));
  chart_->setHistory({}, [](const std::string&) { return QString(); });
  updateActions();
}

void HistoryPage::showPetHistory(const HistoryReading& reading) {
  thumbnails_->cancel();
  timeline_->clear();
  shownPet_ = reading.pet;
  petTitle_->setText(QStringLiteral("<h3>%1</h3>%2")
                         .arg(QString::fromStdString(reading.pet.name).toHtmlEscaped(),
                              tr("Eye checks saved: %1").arg(reading.records.size())));
  for (const auto& record : reading.records)
    addTimelineItem(record, reading.confirmed.count(record.id) > 0);
  if (!reading.records.empty()) timeline_->scrollToItem(timeline_->item(timeline_->count() - 1));
  chart_->setHistory(reading.series, [this](const std::string& id) { return diseaseName(id); });
  loadThumbnails(reading.records);
  updateActions();
}

void HistoryPage::addTimelineItem(const history::DiagnosisRecord& record, bool confirmed) {
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
  // One of the two eyes of one photo (one visit): which, so the visit's two checks tell apart
  // (short: longer words are cut off under the thumbnail).
  if (record.eyeSide == history::kLeftOfPhoto)
    finding += QLatin1Char('\n') + tr("left of the photo");
  else if (record.eyeSide == history::kRightOfPhoto)
    finding += QLatin1Char('\n') + tr("right of the photo");
  auto* item = new QListWidgetItem(
      placeholderIcon(),
      QStringLiteral("%1\n%2").arg(
          QDateTime::fromString(QString::fromStdString(record.takenAt), Qt::ISODateWithMs)
              .toLocalTime()
              .toString(QStringLiteral("yyyy-MM-dd HH:mm")),
          finding));
  item->setData(kIdRole, qint64(record.id));
  QString tip = QString::fromStdString(record.notes);
  if (confirmed) {
    // The mark of a check the vet has answered: a check mark and the words, for every reader.
    item->setText(item->text() + QLatin1Char('\n') + tr("\u2713 vet confirmed"));
    item->setData(kConfirmedRole, true);
    tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) +
           tr("The vet's answer is saved; Confirm... shows or edits it.");
  }
  item->setToolTip(plainToolTip(tip));
  timeline_->addItem(item);
}

void HistoryPage::loadThumbnails(const std::vector<history::DiagnosisRecord>& records) {
  if (!history_.store()) return;
  struct Job {
    qint64 id;
    std::string photoHash;
    cv::Rect region;
  };
  std::vector<Job> jobs;
  for (const auto& record : records)
    jobs.push_back(Job{record.id, record.photoHash, record.region});
  // Photos are read (and checked against their hash) and decoded on a worker with its own
  // connection to the store; each thumbnail appears as it is ready.
  thumbnails_->setFuture(QtConcurrent::run(
      [](QPromise<Thumbnail>& promise, history::StoreLocation location, std::vector<Job> jobs) {
        auto worker = history::HistoryStore::open(location);
        if (!worker) return;
        for (const Job& job : jobs) {
          if (promise.isCanceled()) return;
          const QByteArray photo = (*worker)->photo(job.photoHash).value_or(QByteArray());
          promise.addResult(Thumbnail{
              job.id, EyeImages::fromStored(photo, QByteArray(), job.region, kThumbnailSide).eye});
        }
      },
      history_.store()->location(), std::move(jobs)));
}

void HistoryPage::showThumbnail(int index) {
  const Thumbnail thumbnail = thumbnails_->resultAt(index);
  for (int row = 0; row < timeline_->count(); ++row) {
    QListWidgetItem* item = timeline_->item(row);
    if (item->data(kIdRole).toLongLong() == thumbnail.diagnosisId && !thumbnail.image.isNull())
      item->setIcon(QIcon(QPixmap::fromImage(thumbnail.image)));
  }
}

void HistoryPage::updateActions() {
  // While a reading shows as busy, what is shown may be about to change: nothing acts on it.
  const bool idle = busy_->isHidden();
  const bool pet = idle && currentPet() != 0;
  const int selected = idle ? int(timeline_->selectedItems().size()) : 0;
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

int64_t HistoryPage::selectedDiagnosis() const {
  const auto selected = timeline_->selectedItems();
  return selected.size() == 1 ? selected.front()->data(kIdRole).toLongLong() : 0;
}

std::vector<int64_t> HistoryPage::selectedDiagnoses() const {
  std::vector<int64_t> ids;
  for (QListWidgetItem* item : timeline_->selectedItems())
    ids.push_back(item->data(kIdRole).toLongLong());
  return ids;
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
  busyText_->setText(tr("Loading..."));
  updateActions();
}

}  // namespace walness::ui
