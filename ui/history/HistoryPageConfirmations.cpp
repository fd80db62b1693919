// HistoryPage: the dialogs on the selected checks (Compare, the vet's confirmation) and the audit
// ("How the model did here").
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <utility>

#include "ui/history/AuditDialog.h"
#include "ui/history/CompareDialog.h"
#include "ui/history/ConfirmationDialog.h"
#include "ui/history/EyeImages.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistoryPage.h"
#include "ui/history/HistoryReader.h"
#include "walness/audit/ModelAudit.h"

namespace walness::ui {

namespace {

// What the Confirm... dialog opens with.
struct ToConfirm {
  history::DiagnosisRecord record;
  Species species = Species::Dog;
  std::vector<history::Confirmation> revisions;
};

// One side of Compare, photos decoded (a fraction of a second even for large ones).
Result<CompareDialog::Side> readSide(history::HistoryStore& store, int64_t id) {
  auto record = store.diagnosis(id);
  if (!record) return record.error();
  const QByteArray heatmap =
      record->camHash.empty() ? QByteArray() : store.photo(record->camHash).value_or(QByteArray());
  const EyeImages images = EyeImages::fromStored(
      store.photo(record->photoHash).value_or(QByteArray()), heatmap, record->region, 320);
  auto confirmation = store.confirmation(record->id);
  return CompareDialog::Side{*record, images.eye, images.heatmap,
                             confirmation.value_or(std::optional<history::Confirmation>())};
}

}  // namespace

void HistoryPage::compareSelected(std::function<void(CompareDialog*)> ready) {
  auto* store = history_.store();
  const std::vector<int64_t> selected = selectedDiagnoses();
  if (!store || selected.size() != 2) return ready(nullptr);
  using Sides = std::vector<CompareDialog::Side>;
  reader_->run<Sides>(
      store->location(),
      [selected](history::HistoryStore& s) -> Result<Sides> {
        Sides sides;
        for (int64_t id : selected) {
          auto side = readSide(s, id);
          if (!side) return side.error();
          sides.push_back(std::move(*side));
        }
        // Earlier first; the two eyes of one visit, the eye on the left of the photo first.
        const auto order = [](const CompareDialog::Side& side) {
          return std::make_pair(side.record.takenAt, side.record.eyeSide == history::kRightOfPhoto);
        };
        if (order(sides[1]) < order(sides[0])) std::swap(sides[0], sides[1]);
        return sides;
      },
      [this, ready](const Result<Sides>& sides) {
        if (!sides) {
          setStatus(QString::fromStdString(sides.message()));
          return ready(nullptr);
        }
        auto* dialog =
            new CompareDialog((*sides)[0], (*sides)[1],
                              [this](const std::string& id) { return diseaseName(id); }, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        ready(dialog);
      });
  showBusySoon();
}

void HistoryPage::confirmSelected(std::function<void(ConfirmationDialog*)> ready) {
  auto* store = history_.store();
  const int64_t id = selectedDiagnosis();
  if (!store || id == 0) return ready(nullptr);
  reader_->run<ToConfirm>(
      store->location(),
      [id, petId = currentPet()](history::HistoryStore& s) -> Result<ToConfirm> {
        auto record = s.diagnosis(id);
        if (!record) return record.error();
        auto pet = s.pet(petId);
        if (!pet) return pet.error();
        auto revisions = s.confirmationRevisions(id);
        if (!revisions) return revisions.error();
        return ToConfirm{std::move(*record), pet->species, std::move(*revisions)};
      },
      [this, id, ready](const Result<ToConfirm>& read) {
        if (!read) {
          setStatus(QString::fromStdString(read.message()));
          return ready(nullptr);
        }
        ready(confirmationDialog(id, read->record, read->species, read->revisions));
      });
  showBusySoon();
}

ConfirmationDialog* HistoryPage::confirmationDialog(int64_t checkId,
                                                    const history::DiagnosisRecord& record,
                                                    Species species,
                                                    std::vector<history::Confirmation> revisions) {
  auto* dialog = new ConfirmationDialog(
      record, species, std::move(revisions),
      [this](const std::string& d) { return diseaseName(d); }, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  // A failed save keeps the dialog open with the answer, so Save retries (same answer id).
  dialog->setSaver([this, checkId](const history::Confirmation& answer,
                                   std::function<void(const QString&)> done) {
    saveConfirmation(checkId, answer, std::move(done));
  });
  return dialog;
}

void HistoryPage::saveConfirmation(int64_t checkId, const history::Confirmation& answer,
                                   std::function<void(const QString& error)> done) {
  auto* store = history_.store();
  if (!store)
    return done(history_.error().isEmpty() ? tr("The history is not open.") : history_.error());
  reader_->run<history::Confirmation>(
      store->location(),
      [checkId, answer](history::HistoryStore& s) { return s.confirm(checkId, answer); },
      [this, done](const Result<history::Confirmation>& saved) {
        if (!saved) return done(QString::fromStdString(saved.message()));
        history_.notifyChanged();
        setStatus(tr("The vet's answer is saved (revision %1).").arg(saved->revision));
        done(QString());
      });
  showBusySoon();
}

AuditDialog* HistoryPage::showAudit() {
  auto* store = history_.store();
  if (!store) return nullptr;
  auto* dialog = new AuditDialog([this](const std::string& d) { return diseaseName(d); }, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  // Every confirmed check is read (a shared server may be slow): on a worker with its own
  // connection; the dialog fills in when it is done.
  struct Outcome {
    audit::AuditReport report;
    QString error;
  };
  auto* watcher = new QFutureWatcher<Outcome>(dialog);
  const QString name = store->location().describe();
  connect(watcher, &QFutureWatcher<Outcome>::finished, dialog, [dialog, watcher, name] {
    const Outcome outcome = watcher->result();
    if (outcome.error.isEmpty())
      dialog->showReport(outcome.report, name);
    else
      dialog->showError(outcome.error);
    Q_EMIT dialog->windowTitleChanged(dialog->windowTitle());  // a point tests can wait on
    dialog->setProperty("auditReady", true);
  });
  watcher->setFuture(QtConcurrent::run([location = store->location()] {
    Outcome outcome;
    auto worker = history::HistoryStore::open(location);
    if (!worker) {
      outcome.error = QString::fromStdString(worker.message());
      return outcome;
    }
    auto checks = (*worker)->confirmedChecks();
    if (!checks) {
      outcome.error = QString::fromStdString(checks.message());
      return outcome;
    }
    outcome.report = audit::auditConfirmedChecks(*checks);
    return outcome;
  }));
  return dialog;
}

}  // namespace walness::ui
