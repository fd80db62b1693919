#include "ui/diagnosis/BatchDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMetaObject>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "ui/common/ReportPdf.h"
#include "ui/common/SafeText.h"
#include "ui/diagnosis/DiagnosisController.h"
#include "ui/history/HistoryDatabase.h"
#include "walness/batch/BatchRunner.h"
#include "walness/inference/ScreeningSession.h"

namespace walness::ui {

namespace {

QWidget* withBrowse(QLineEdit* edit, QPushButton* browse, QWidget* parent) {
  auto* row = new QWidget(parent);
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit, 1);
  layout->addWidget(browse);
  return row;
}

}  // namespace

BatchDialog::BatchDialog(HistoryDatabase* history, Species species, QWidget* parent)
    : QDialog(parent),
      history_(history),
      species_(species),
      folder_(new QLineEdit(this)),
      csv_(new QLineEdit(this)),
      reports_(new QCheckBox(this)),
      reportFolder_(new QLineEdit(this)),
      pet_(new QComboBox(this)),
      model_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      progressText_(new QLabel(this)),
      result_(new QLabel(this)),
      startButton_(new QPushButton(tr("Start"), this)),
      cancelButton_(new QPushButton(tr("Cancel batch"), this)),
      closeButton_(new QPushButton(tr("Close"), this)),
      watcher_(new QFutureWatcher<Outcome>(this)) {
  setObjectName(QStringLiteral("batchDialog"));
  setWindowTitle(tr("Screen a folder of photos"));
  setUpFields();
  layOut();
  connectSignals();
  progress_->setValue(0);
  updateButtons();
  resize(620, sizeHint().height());
}

void BatchDialog::setUpFields() {
  progress_->setObjectName(QStringLiteral("batchProgress"));
  result_->setObjectName(QStringLiteral("batchResult"));
  result_->setWordWrap(true);
  progressText_->setWordWrap(true);
  // These quote file names, folders, model cards and error messages.
  for (QLabel* label : {model_, progressText_, result_}) showPlainText(label);
  reports_->setText(tr("Also write a report per photo (PDF, HTML and JSON) to:"));
  reportFolder_->setEnabled(false);
  pet_->addItem(tr("Do not save to a pet"), QVariant(qint64(0)));
  if (history_ && history_->store())
    if (auto pets = history_->store()->pets())
      for (const auto& pet : *pets)
        if (pet.species == species_)
          pet_->addItem(QString::fromStdString(pet.name), QVariant(qint64(pet.id)));

  if (const auto listing = DiagnosisController::installedModel(species_)) {
    bundleDirectory_ = QString::fromStdString(listing->directory);
    model_->setText(tr("Model: %1 %2. It is loaded once for the whole folder.")
                        .arg(QString::fromStdString(listing->card.id),
                             QString::fromStdString(listing->card.version)));
  } else {
    model_->setText(species_ == Species::Cat
                        ? tr("No model for cats is installed, so a batch cannot run.")
                        : tr("No model for dogs is installed, so a batch cannot run."));
  }
  model_->setWordWrap(true);
}

QPushButton* BatchDialog::browseButton(void (BatchDialog::*browse)()) {
  auto* button = new QPushButton(tr("Browse..."), this);
  connect(button, &QPushButton::clicked, this, browse);
  browseButtons_ << button;
  return button;
}

void BatchDialog::layOut() {
  auto* browseFolder = browseButton(&BatchDialog::browseFolder);
  auto* browseCsv = browseButton(&BatchDialog::browseCsv);
  auto* browseReports = browseButton(&BatchDialog::browseReports);
  auto* form = new QFormLayout;
  form->addRow(tr("Photos in"), withBrowse(folder_, browseFolder, this));
  form->addRow(tr("CSV results"), withBrowse(csv_, browseCsv, this));
  form->addRow(reports_);
  form->addRow(QString(), withBrowse(reportFolder_, browseReports, this));
  form->addRow(tr("Save results to"), pet_);
  const bool shared = history_ && history_->store() &&
                      history_->store()->location().kind == history::StoreLocation::Kind::Postgres;
  auto* note = new QLabel(tr("Photos already in the CSV are skipped, so a stopped batch goes on "
                             "where it stopped.") +
                              QLatin1Char(' ') +
                              (shared ? tr("Results saved to a pet go to the clinic's history "
                                           "server; the CSV and reports stay on this computer.")
                                      : tr("Everything stays on this computer.")),
                          this);
  note->setWordWrap(true);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch(1);
  buttons->addWidget(startButton_);
  buttons->addWidget(cancelButton_);
  buttons->addWidget(closeButton_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(model_);
  layout->addLayout(form);
  layout->addWidget(note);
  layout->addWidget(progress_);
  layout->addWidget(progressText_);
  layout->addWidget(result_);
  layout->addLayout(buttons);
}

void BatchDialog::connectSignals() {
  connect(reports_, &QCheckBox::toggled, reportFolder_, &QWidget::setEnabled);
  connect(folder_, &QLineEdit::textChanged, this, &BatchDialog::updateButtons);
  connect(startButton_, &QPushButton::clicked, this, &BatchDialog::start);
  connect(cancelButton_, &QPushButton::clicked, this, &BatchDialog::cancel);
  connect(closeButton_, &QPushButton::clicked, this, &BatchDialog::reject);
  connect(watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
    const Outcome outcome = watcher_->result();
    summary_ = outcome.text;
    result_->setText(outcome.text);
    if (outcome.ok) progressText_->clear();
    updateButtons();
    if (history_) history_->notifyChanged();
    Q_EMIT finished(summary_);
    if (closeRequested_) QDialog::reject();
  });
}

BatchDialog::~BatchDialog() {
  cancel();
  watcher_->waitForFinished();
}

void BatchDialog::setFolder(const QString& folder) {
  folder_->setText(folder);
  if (csv_->text().isEmpty())
    csv_->setText(QDir(folder).filePath(QStringLiteral("walness-batch.csv")));
}

void BatchDialog::setCsvPath(const QString& path) {
  csv_->setText(path);
}

void BatchDialog::setReportFolder(const QString& folder) {
  reports_->setChecked(!folder.isEmpty());
  reportFolder_->setText(folder);
}

void BatchDialog::setPet(qint64 petId) {
  const int index = pet_->findData(QVariant(petId));
  if (index >= 0) pet_->setCurrentIndex(index);
}

bool BatchDialog::isRunning() const {
  return watcher_->isRunning();
}

QString BatchDialog::summary() const {
  return summary_;
}

void BatchDialog::cancel() {
  cancelled_ = true;
  if (isRunning()) progressText_->setText(tr("Stopping after the current photo..."));
}

void BatchDialog::reject() {
  if (isRunning()) {
    closeRequested_ = true;
    cancel();
    return;  // closes once the worker has stopped
  }
  QDialog::reject();
}

void BatchDialog::updateButtons() {
  const bool running = isRunning();
  startButton_->setEnabled(!running && !bundleDirectory_.isEmpty() && !folder_->text().isEmpty());
  cancelButton_->setEnabled(running);
  closeButton_->setText(running ? tr("Stop") : tr("Close"));
  for (QWidget* field : std::initializer_list<QWidget*>{folder_, csv_, reports_, pet_})
    field->setEnabled(!running);
  for (QPushButton* browse : browseButtons_) browse->setEnabled(!running);
  reportFolder_->setEnabled(!running && reports_->isChecked());
}

void BatchDialog::browseFolder() {
  const QString folder = QFileDialog::getExistingDirectory(
      this, tr("Folder of eye photos"),
      folder_->text().isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
                                : folder_->text());
  if (!folder.isEmpty()) setFolder(folder);
}

void BatchDialog::browseCsv() {
  const QString path =
      QFileDialog::getSaveFileName(this, tr("CSV results"), csv_->text(), tr("CSV (*.csv)"),
                                   nullptr, QFileDialog::DontConfirmOverwrite);
  if (!path.isEmpty()) csv_->setText(path);
}

void BatchDialog::browseReports() {
  const QString folder =
      QFileDialog::getExistingDirectory(this, tr("Folder for reports"), reportFolder_->text());
  if (!folder.isEmpty()) setReportFolder(folder);
}

bool BatchDialog::start() {
  if (isRunning() || bundleDirectory_.isEmpty()) return false;
  if (!QFileInfo(folder_->text()).isDir()) {
    result_->setText(tr("%1 is not a folder.").arg(folder_->text()));
    return false;
  }
  if (csv_->text().isEmpty()) setFolder(folder_->text());
  batch::BatchOptions options;
  options.folder = folder_->text();
  options.csvPath = csv_->text();
  options.reportFolder = reports_->isChecked() ? reportFolder_->text() : QString();
  //: The language code of this translation ("ko" for Korean); picks the report language.
  options.reportLanguage = tr("en").toStdString();
  options.petId = pet_->currentData().toLongLong();
  const bool savesToPet = options.petId != 0 && history_ && history_->store();
  const history::StoreLocation location =
      savesToPet ? history_->store()->location() : history::StoreLocation();
  cancelled_ = false;
  result_->clear();
  progress_->setRange(0, 0);  // busy until the model is loaded and the photos are counted
  progressText_->setText(tr("Loading the model..."));
  watcher_->setFuture(QtConcurrent::run([this, options, savesToPet, location,
                                         bundle = bundleDirectory_.toStdString()]() mutable {
    // The worker has its own model and its own connection to the history.
    auto session = inference::ScreeningSession::open(bundle);
    if (!session)
      return Outcome{
          tr("The model cannot be used: %1").arg(QString::fromStdString(session.message())), false};
    std::unique_ptr<history::HistoryStore> store;
    if (savesToPet) {
      auto opened = history::HistoryStore::open(location);
      if (!opened) return Outcome{QString::fromStdString(opened.message()), false};
      store = std::move(*opened);
      options.store = store.get();
    }
    batch::BatchRunner runner(**session, options);
    if (!options.reportFolder.isEmpty())
      runner.setReportWriter([](const report::Report& made, const QString& base) {
        return writeReportPdf(made, base + QStringLiteral(".pdf"));
      });
    auto summary = runner.run(
        [this](const batch::BatchProgress& progress) {
          // The dialog waits for this worker before it goes, so `this` outlives the call.
          QMetaObject::invokeMethod(
              this,
              [this, progress] {
                progress_->setRange(0, progress.total);
                progress_->setValue(progress.done);
                progressText_->setText(tr("%1 of %2 · %3 elapsed, about %4 left · %5")
                                           .arg(progress.done)
                                           .arg(progress.total)
                                           .arg(batch::clockText(progress.elapsedSeconds),
                                                batch::clockText(progress.remainingSeconds),
                                                progress.file));
              },
              Qt::QueuedConnection);
        },
        [this] { return cancelled_.load(); });
    if (!summary) return Outcome{QString::fromStdString(summary.message()), false};
    return Outcome{summaryText(*summary, options.csvPath), true};
  }));
  updateButtons();
  return true;
}

QString BatchDialog::summaryText(const batch::BatchSummary& summary, const QString& csvPath) {
  QString text = tr("%1 photos: %2 screened, %3 without findings (photo not fit to judge), "
                    "%4 could not be read, %5 skipped (already in the CSV).")
                     .arg(summary.found)
                     .arg(summary.screened)
                     .arg(summary.abstained)
                     .arg(summary.failed)
                     .arg(summary.skipped);
  if (summary.cancelled) text = tr("Stopped. ") + text;
  if (summary.notSaved > 0)
    text += QLatin1Char(' ') +
            tr("%n result(s) could NOT be saved to the history (status not_saved in the CSV); "
               "run the batch again with the same CSV to save them.",
               nullptr, summary.notSaved);
  if (summary.reportsNotWritten > 0)
    text += QLatin1Char(' ') +
            tr("%n report(s) could not be written.", nullptr, summary.reportsNotWritten);
  return text + QLatin1Char(' ') + tr("Results: %1").arg(csvPath);
}

}  // namespace walness::ui
