// HistoryPage: reports for the vet, and a pet's history exported to a folder and imported back.
// Each runs on a worker with its own connection to the store.
#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QPushButton>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

#include "ui/common/ReportPdf.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistoryPage.h"
#include "walness/history/PetArchive.h"
#include "walness/io/SafeFileName.h"
#include "walness/report/HistoryReport.h"

namespace walness::ui {

void HistoryPage::writeReport(const QString& path, std::function<void(const QString&)> done) {
  auto* store = history_.store();
  const int64_t petId = currentPet();
  if (!store || petId == 0) return;
  const std::vector<int64_t> ids = selectedDiagnoses();
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

QString HistoryPage::fileNameOfPet() const {
  return io::safeFileName(QString::fromStdString(shownPet_ ? shownPet_->name : std::string()),
                          QStringLiteral("pet"));
}

void HistoryPage::chooseReport() {
  if (!history_.store() || currentPet() == 0) return;
  const QString name = fileNameOfPet();
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
  if (!history_.store() || currentPet() == 0) return;
  const QString parent = QFileDialog::getExistingDirectory(
      this, tr("Export to which folder?"),
      QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
  if (parent.isEmpty()) return;
  // The name comes from a database others may write: it never picks another folder.
  exportCurrentPet(QDir(parent).filePath(fileNameOfPet() + QStringLiteral("-walness")));
}

void HistoryPage::chooseImport() {
  const QString folder = QFileDialog::getExistingDirectory(
      this, tr("Choose an exported pet folder (with pet.json)"),
      QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
  if (!folder.isEmpty()) importPet(folder);
}

}  // namespace walness::ui
