#include "ui/improve/ImproveModelDialog.h"

#include <QDate>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMetaObject>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <set>

#include "ui/shell/SettingsDialog.h"
#include "walness/bundle/ModelChoice.h"
#include "walness/history/HistoryStore.h"

namespace walness::ui {

namespace {

// Head-only learning on a front-desk machine (2 cores), with room to spare.
constexpr double kImagesPerSecond = 40;

QString minutes(double seconds) {
  return QString::number(std::max(1, int(std::lround(seconds / 60))));
}

QLabel* wrapped(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setTextFormat(Qt::PlainText);
  label->setWordWrap(true);
  return label;
}

}  // namespace

ImproveModelDialog::ImproveModelDialog(const bundle::BundleListing& base,
                                       const history::StoreLocation& history, QWidget* parent)
    : QDialog(parent),
      base_(base),
      history_(history),
      intro_(wrapped(this)),
      counts_(wrapped(this)),
      epochs_(new QSpinBox(this)),
      estimate_(wrapped(this)),
      progress_(new QProgressBar(this)),
      status_(wrapped(this)),
      result_label_(wrapped(this)),
      start_(new QPushButton(tr("Start"), this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      install_(new QPushButton(this)),
      close_(new QPushButton(tr("Close"), this)),
      watcher_(new QFutureWatcher<Result<training::ClinicFineTuneResult>>(this)) {
  setObjectName(QStringLiteral("improveModelDialog"));
  setWindowTitle(tr("Improve with this clinic's confirmed checks"));
  status_->setObjectName(QStringLiteral("improveStatus"));
  result_label_->setObjectName(QStringLiteral("improveResult"));
  install_->setObjectName(QStringLiteral("installImprovedButton"));
  const QString model = QString::fromStdString(base_.card.id + " " + base_.card.version);
  intro_->setText(
      tr("Starts from %1 and learns from the checks a vet confirmed in %2. Whole pets are held "
         "back to compare the new model with %1; it is offered only if it does better on them, "
         "and installed beside %1, which stays one click away in Settings > Models. Photos stay "
         "where the history keeps them.")
          .arg(model, history_.describe()));
  epochs_->setRange(1, 20);
  epochs_->setValue(3);
  progress_->setRange(0, 100);
  progress_->setValue(0);
  install_->setEnabled(false);
  install_->setText(tr("Install and use"));
  cancel_->setEnabled(false);

  auto* form = new QFormLayout;
  form->addRow(tr("Passes over the photos (epochs):"), epochs_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(start_);
  buttons->addWidget(cancel_);
  buttons->addStretch();
  buttons->addWidget(install_);
  buttons->addWidget(close_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro_);
  layout->addWidget(counts_);
  layout->addLayout(form);
  layout->addWidget(estimate_);
  layout->addWidget(progress_);
  layout->addWidget(status_);
  layout->addWidget(result_label_);
  layout->addStretch();
  layout->addLayout(buttons);

  connect(start_, &QPushButton::clicked, this, &ImproveModelDialog::start);
  connect(cancel_, &QPushButton::clicked, this, &ImproveModelDialog::cancel);
  connect(install_, &QPushButton::clicked, this, &ImproveModelDialog::install);
  connect(close_, &QPushButton::clicked, this, &QDialog::reject);
  connect(epochs_, &QSpinBox::valueChanged, this, &ImproveModelDialog::updateEstimate);
  connect(watcher_, &QFutureWatcher<Result<training::ClinicFineTuneResult>>::finished, this,
          [this] { showResult(watcher_->result()); });
  countChecks();
  resize(640, 420);
}

ImproveModelDialog::~ImproveModelDialog() {
  if (stop_) stop_->store(true);
  watcher_->waitForFinished();
}

void ImproveModelDialog::countChecks() {
  // A quick count for the estimate; the worker reads the checks again for real.
  auto store = history::HistoryStore::open(history_);
  std::set<int64_t> pets;
  if (store)
    if (auto checks = (*store)->confirmedChecks(base_.card.species))
      for (const auto& check : *checks)
        if (!check.record.diagnosis.abstention) {
          ++confirmedChecks_;
          pets.insert(check.petId);
        }
  trainPhotos_ = int(confirmedChecks_ * 0.8);
  counts_->setText(tr("%1 confirmed checks of %2 pets can be used (checks screened without "
                      "findings are left out).")
                       .arg(confirmedChecks_)
                       .arg(pets.size()));
  const bool enough = pets.size() >= 2;
  start_->setEnabled(enough);
  if (!enough)
    status_->setText(tr("At least two pets need confirmed checks: one is held back to compare."));
  updateEstimate();
}

void ImproveModelDialog::updateEstimate() {
  const double seconds = trainPhotos_ * epochs_->value() / kImagesPerSecond +
                         confirmedChecks_ * 3 / (2 * kImagesPerSecond) + 20;
  estimate_->setText(tr("Estimated time: about %1 min on this computer.").arg(minutes(seconds)));
}

void ImproveModelDialog::start() {
  if (running_ || !start_->isEnabled()) return;
  running_ = true;
  result_.reset();
  install_->setEnabled(false);
  result_label_->clear();
  start_->setEnabled(false);
  epochs_->setEnabled(false);
  cancel_->setEnabled(true);
  status_->setText(tr("Exporting the confirmed checks..."));
  work_ = std::make_unique<QTemporaryDir>();
  stop_ = std::make_shared<std::atomic<bool>>(false);
  training::ClinicFineTuneOptions options;
  options.history = history_;
  options.species = base_.card.species;
  options.baseBundle = base_.directory;
  options.workDirectory = work_->path().toStdString();
  options.newVersion = base_.card.version + "-clinic." +
                       QDate::currentDate().toString(QStringLiteral("yyyyMMdd")).toStdString();
  options.epochs = epochs_->value();
  const QPointer<ImproveModelDialog> self(this);
  watcher_->setFuture(QtConcurrent::run([options, stop = stop_, self] {
    return training::fineTuneOnConfirmedChecks(options, *stop,
                                               [self](const training::TrainingProgress& progress) {
                                                 QMetaObject::invokeMethod(
                                                     self.data(),
                                                     [self, progress] {
                                                       if (self) self->showProgress(progress);
                                                     },
                                                     Qt::QueuedConnection);
                                               });
  }));
}

void ImproveModelDialog::cancel() {
  if (!running_ || !stop_) return;
  stop_->store(true);
  cancel_->setEnabled(false);
  status_->setText(tr("Stopping after the current batch..."));
}

void ImproveModelDialog::showProgress(const training::TrainingProgress& p) {
  if (!running_) return;
  using training::TrainingPhase;
  switch (p.phase) {
    case TrainingPhase::Export:
      status_->setText(tr("Exporting the confirmed checks..."));
      break;
    case TrainingPhase::Train: {
      const double share = p.total ? double(p.done) / double(p.total) : 0;
      progress_->setValue(int(100 * ((p.epoch - 1) + share) / std::max(1, p.epochs)));
      status_->setText(tr("Learning: pass %1 of %2, %3 photos/s, about %4 min left.")
                           .arg(p.epoch)
                           .arg(p.epochs)
                           .arg(p.imagesPerSecond, 0, 'f', 1)
                           .arg(minutes(p.etaSeconds)));
      break;
    }
    case TrainingPhase::Validate:
      status_->setText(tr("Checking pass %1 on the held-back pets...").arg(p.epoch));
      break;
    case TrainingPhase::Finalize:
      status_->setText(tr("Calibrating the new model..."));
      break;
    case TrainingPhase::Compare:
      progress_->setValue(99);
      status_->setText(tr("Comparing the new model with the current one..."));
      break;
  }
}

void ImproveModelDialog::showResult(const Result<training::ClinicFineTuneResult>& outcome) {
  running_ = false;
  cancel_->setEnabled(false);
  start_->setEnabled(true);
  epochs_->setEnabled(true);
  if (!outcome) {
    progress_->setValue(0);
    status_->setText(stop_ && *stop_ ? tr("Cancelled. Nothing was installed.")
                                     : tr("The model could not be improved: %1. Nothing was "
                                          "installed.")
                                           .arg(QString::fromStdString(outcome.message())));
    Q_EMIT finished();
    return;
  }
  result_ = *outcome;
  progress_->setValue(100);
  const auto& c = result_->comparison;
  const auto auc = [](const std::optional<double>& value) {
    return value ? QString::number(*value, 'f', 3) : QStringLiteral("–");
  };
  const QString measured = tr("On %1 held-back photos (pets held back: %2): the new model's macro "
                              "AUC %3, the current model's "
                              "%4.")
                               .arg(result_->exported.heldBackPhotos)
                               .arg(result_->exported.heldBackPets)
                               .arg(auc(c.candidate.macroAuc), auc(c.baseline.macroAuc));
  status_->setText(tr("Done."));
  if (c.candidateBetter) {
    result_label_->setText(measured + QLatin1Char(' ') +
                           tr("The new model did better. Install it as version %1?")
                               .arg(QString::fromStdString(result_->outcome.card.version)));
    install_->setEnabled(true);
  } else {
    result_label_->setText(measured + QLatin1Char(' ') +
                           tr("The new model did not do better, so it is not offered; the "
                              "current model stays in use."));
  }
  Q_EMIT finished();
}

bool ImproveModelDialog::install() {
  if (!result_ || !result_->comparison.candidateBetter) return false;
  QString error, installedTo;
  if (!SettingsDialog::addBundle(QString::fromStdString(result_->bundleDirectory),
                                 SettingsDialog::userModelsFolder(), &error, &installedTo)) {
    status_->setText(tr("The new model could not be installed: %1").arg(error));
    return false;
  }
  bundle::ModelChoice::choose(base_.card.species, installedTo.toStdString());
  install_->setEnabled(false);
  status_->setText(
      tr("Installed in %1 and in use. Settings > Models switches back.").arg(installedTo));
  Q_EMIT installed(installedTo);
  return true;
}

}  // namespace walness::ui
