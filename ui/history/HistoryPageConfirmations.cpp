// HistoryPage: the vet's confirmations and the audit ("How the model did here").
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

#include "ui/history/AuditDialog.h"
#include "ui/history/ConfirmationDialog.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistoryPage.h"
#include "walness/audit/ModelAudit.h"

namespace walness::ui {

ConfirmationDialog* HistoryPage::confirmSelected() {
  auto* store = history_.store();
  const int64_t id = selectedDiagnosis();
  if (!store || id == 0) return nullptr;
  auto record = store->diagnosis(id);
  auto pet = store->pet(currentPet());
  auto revisions = store->confirmationRevisions(id);
  if (!record || !pet || !revisions) {
    setStatus(QString::fromStdString(!record ? record.message()
                                     : !pet  ? pet.message()
                                             : revisions.message()));
    return nullptr;
  }
  auto* dialog = new ConfirmationDialog(
      *record, pet->species, *revisions, [this](const std::string& d) { return diseaseName(d); },
      this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  // A failed save keeps the dialog open with the answer, so Save retries (same answer id).
  auto revision = std::make_shared<int>(0);
  dialog->setSaver([this, id, revision](const history::Confirmation& answer) {
    auto* current = history_.store();
    if (!current)
      return history_.error().isEmpty() ? tr("The history is not open.") : history_.error();
    auto saved = current->confirm(id, answer);
    if (!saved) return QString::fromStdString(saved.message());
    *revision = saved->revision;
    return QString();
  });
  connect(dialog, &QDialog::accepted, this, [this, revision] {
    history_.notifyChanged();
    setStatus(tr("The vet's answer is saved (revision %1).").arg(*revision));
  });
  return dialog;
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
