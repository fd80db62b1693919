// DiagnosisPage: keeping the result, as files (a PNG sheet with JSON, a report for the vet) or in
// a pet's history, with a failed save kept for Retry.
#include <QBuffer>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QUuid>

#include "ui/common/SafeText.h"
#include "ui/diagnosis/DiagnosisHeatmapPane.h"
#include "ui/diagnosis/DiagnosisPage.h"
#include "ui/diagnosis/DiagnosisPhotoPane.h"
#include "ui/diagnosis/DiagnosisResultPane.h"
#include "ui/diagnosis/ResultExporter.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/SaveToPetDialog.h"
#include "walness/cam/HeatmapImage.h"

namespace walness::ui {

namespace {

// The history's checks for the screened eyes: both eyes of a pair are one visit, and each eye's
// check id follows from the visit's (`checkUid`), so a retry stores neither twice.
std::vector<history::NewDiagnosis> checksToSave(const std::vector<ScreenedEye>& eyes, int64_t petId,
                                                const QByteArray& photo,
                                                const std::string& camDisease,
                                                const std::string& notes,
                                                const std::string& checkUid) {
  const bool visit = eyes.size() >= 2;
  const std::string visitUid =
      !visit             ? std::string()
      : checkUid.empty() ? QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString()
                         : checkUid;
  std::vector<history::NewDiagnosis> checks;
  for (const ScreenedEye& eye : eyes) {
    history::NewDiagnosis check;
    check.petId = petId;
    check.diagnosis = eye.result.diagnosis;
    check.region = eye.result.region;
    check.photo = photo;
    const auto heatmap = eye.result.heatmaps.find(camDisease);
    if (heatmap != eye.result.heatmaps.end()) {
      check.camMethod = eye.result.camMethod;
      check.camDisease = camDisease;
      check.camPng = cam::encodeRegionHeatmap(heatmap->second);
    }
    check.notes = notes;
    check.checkUid = checkUid;
    if (visit) {
      check.visitUid = visitUid;
      check.eyeSide = gate::photoSideId(eye.side);
      check.checkUid = visitUid + ":" + check.eyeSide;
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace

void DiagnosisPage::chooseSaveLocation() {
  if (!result_) return;
  const QString name = photoPane_->name();
  const QString photoPath = photoPane_->path();
  const QString base =
      name.isEmpty() ? QStringLiteral("walness-result") : QFileInfo(name).completeBaseName();
  const QString folder = photoPath.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
                             : QFileInfo(photoPath).absolutePath();
  QString filter;
  const QString pngFilter = tr("PNG image with JSON beside it (*.png)");
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save the result"),
      folder + QLatin1Char('/') + base + QStringLiteral("-walness.png"),
      pngFilter + QStringLiteral(";;") + tr("PDF report for the vet (*.pdf)") +
          QStringLiteral(";;") + tr("Web page report (*.html)"),
      &filter);
  if (path.isEmpty()) return;
  QString error;
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("pdf") || suffix == QLatin1String("html")) {
    if (!saveReport(path, &error)) {
      resultPane_->setBody(error);
      return;
    }
    privacyNote_->setText(tr("Saved %1.").arg(QFileInfo(path).fileName()));
    return;
  }
  if (!saveResult(path, &error)) {
    resultPane_->setBody(error);
    return;
  }
  privacyNote_->setText(tr("Saved %1 and %2.")
                            .arg(QFileInfo(path).fileName(),
                                 QFileInfo(path).completeBaseName() + QStringLiteral(".json")));
}

ResultExporter DiagnosisPage::exporter() const {
  ResultExporter::Shown shown;
  shown.result = &*result_;
  shown.photo = &photoPane_->rgb();
  shown.card = card_;
  shown.image = photoPane_->path().isEmpty() ? photoPane_->name() : photoPane_->path();
  shown.camDisease = heatmapPane_->disease();
  shown.overlay = heatmapPane_->heatmapImage();
  shown.language = language().toStdString();
  if (eyes_.size() >= 2) shown.eyes = &eyes_;
  return ResultExporter(std::move(shown));
}

bool DiagnosisPage::saveReport(const QString& path, QString* error) {
  if (!result_) {
    if (error) *error = tr("There is no result to save yet.");
    return false;
  }
  const Status written = exporter().saveReport(path);
  if (!written && error)
    *error = tr("Could not save the report: %1").arg(QString::fromStdString(written.message()));
  return bool(written);
}

bool DiagnosisPage::saveResult(const QString& pngPath, QString* error) {
  if (!result_) {
    if (error) *error = tr("There is no result to save yet.");
    return false;
  }
  const Status written = exporter().saveSheet(pngPath);
  if (!written && error)
    *error = tr("Could not save the result: %1").arg(QString::fromStdString(written.message()));
  return bool(written);
}

void DiagnosisPage::setHistory(HistoryDatabase* history) {
  history_ = history;
  saveToPetButton_->setVisible(history_ != nullptr);
}

void DiagnosisPage::chooseSaveToPet() {
  if (!result_ || !history_) return;
  if (pendingSave_) {
    trySave(*pendingSave_);  // the same pet, notes and check id: never stored twice
    return;
  }
  SaveToPetDialog dialog(*history_, result_->diagnosis.species, this);
  if (dialog.exec() != QDialog::Accepted) return;
  saveResultTo(dialog.petId(), dialog.notes(),
               dialog.petBox()->currentIndex() == 0 ? dialog.nameEdit()->text().trimmed()
                                                    : dialog.petBox()->currentText());
}

void DiagnosisPage::saveResultTo(int64_t petId, const QString& notes, const QString& petName) {
  PendingSave save;
  save.petId = petId;
  save.notes = notes;
  save.petName = petName;
  save.checkUid = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
  trySave(save);
}

void DiagnosisPage::trySave(PendingSave save) {
  QString error;
  if (saveToPet(save.petId, save.notes, &error, save.checkUid) == 0) {
    // Nothing is lost: the result stays on screen, the pet and notes wait for Retry.
    pendingSave_ = std::move(save);
    // What matters first (nothing is lost, how to go on), then the reason.
    privacyNote_->setText(tr("Not saved to %1's history. The result and your notes are kept: "
                             "press \"Retry saving\" when the history can be reached again.")
                              .arg(pendingSave_->petName) +
                          QLatin1Char('\n') + error);
  } else {
    pendingSave_.reset();
    privacyNote_->setText(
        eyes_.size() >= 2 ? tr("Saved both eyes to %1's history, as one visit.").arg(save.petName)
                          : tr("Saved to %1's history.").arg(save.petName));
  }
  updateSaveToPetText();
}

void DiagnosisPage::updateSaveToPetText() {
  saveToPetButton_->setText(pendingSave_ ? tr("Retry saving") : tr("Save to pet..."));
  saveToPetButton_->setToolTip(
      pendingSave_
          ? plainToolTip(tr("Save this result to %1's history again, with the same notes; it is "
                            "stored once however often you retry.")
                             .arg(pendingSave_->petName))
          : tr("Keep this result in a pet's history to follow the eye over time "
               "(Ctrl+Shift+S)."));
}

int64_t DiagnosisPage::saveToPet(int64_t petId, const QString& notes, QString* error,
                                 const std::string& checkUid) {
  const auto fail = [&](const QString& why) {
    if (error) *error = tr("Could not save to the history: %1").arg(why);
    return int64_t(0);
  };
  if (!result_) return fail(tr("there is no result yet."));
  if (!history_ || !history_->store()) return fail(history_ ? history_->error() : QString());
  // The photo as it was opened (kept once per content); a pasted image as PNG.
  QByteArray photo;
  if (!photoPane_->path().isEmpty()) {
    QFile file(photoPane_->path());
    if (file.open(QIODevice::ReadOnly)) photo = file.readAll();
  }
  if (photo.isEmpty()) {
    QBuffer buffer(&photo);
    buffer.open(QIODevice::WriteOnly);
    photoPane_->image().save(&buffer, "PNG");
  }
  const bool bothEyes = eyes_.size() >= 2;
  const std::vector<history::NewDiagnosis> checks =
      checksToSave(bothEyes ? eyes_ : std::vector<ScreenedEye>{{*result_, gate::PhotoSide::Only}},
                   petId, photo, heatmapPane_->disease(), notes.toStdString(), checkUid);
  int64_t firstId = 0;
  if (bothEyes) {
    auto saved = history_->store()->addVisit(checks);
    if (!saved) return fail(QString::fromStdString(saved.message()));
    firstId = saved->front();
  } else {
    auto saved = history_->store()->addDiagnosis(checks.front());
    if (!saved) return fail(QString::fromStdString(saved.message()));
    firstId = *saved;
  }
  history_->notifyChanged();
  Q_EMIT savedToPet(petId, firstId);
  return firstId;
}

}  // namespace walness::ui
