#include "ui/diagnosis/ResultExporter.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QSaveFile>

#include "ui/common/MatImage.h"
#include "ui/common/ReportPdf.h"
#include "walness/cam/HeatmapOverlay.h"
#include "walness/imaging/ModelInput.h"
#include "walness/inference/ScreeningJson.h"
#include "walness/report/Report.h"

namespace walness::ui {

namespace {

constexpr int kGap = 8;

QImage sideBySide(const QImage& left, const QImage& right) {
  const int side = std::min(512, std::max(left.width(), right.width()));
  QImage sheet(side * 2 + kGap, side, QImage::Format_RGB888);
  sheet.fill(Qt::white);
  QPainter painter(&sheet);
  painter.setRenderHint(QPainter::SmoothPixmapTransform);
  painter.drawImage(QRect(0, 0, side, side), left);
  painter.drawImage(QRect(side + kGap, 0, side, side), right);
  return sheet;
}

// The rows one above the other, the first eye's on top.
QImage stacked(const std::vector<QImage>& rows) {
  int width = 0, height = 0;
  for (const QImage& row : rows) {
    width = std::max(width, row.width());
    height += row.height() + (height > 0 ? kGap : 0);
  }
  QImage sheet(width, height, QImage::Format_RGB888);
  sheet.fill(Qt::white);
  QPainter painter(&sheet);
  int top = 0;
  for (const QImage& row : rows) {
    painter.drawImage(0, top, row);
    top += row.height() + kGap;
  }
  return sheet;
}

}  // namespace

std::vector<ScreenedEye> ResultExporter::eyesToWrite() const {
  if (shown_.eyes && shown_.eyes->size() >= 2) return *shown_.eyes;
  return {ScreenedEye{*shown_.result, gate::PhotoSide::Only}};
}

QImage ResultExporter::sheetRow(const ScreenedEye& eye) const {
  const inference::ExplainedDiagnosis& result = eye.result;
  const cv::Mat& rgb = *shown_.photo;
  const cv::Rect inside = result.region & cv::Rect(0, 0, rgb.cols, rgb.rows);
  const QImage seen = toQImage(imaging::modelView(rgb, shown_.card.input, result.region));
  QImage overlay = shown_.overlay;
  if (eye.side != gate::PhotoSide::Only || overlay.isNull()) {
    const auto heatmap = result.heatmaps.find(shown_.camDisease);
    overlay = toQImage(heatmap == result.heatmaps.end()
                           ? rgb(inside).clone()
                           : cam::overlayHeatmap(rgb(inside),
                                                 heatmap->second(inside - result.region.tl()), 0.45,
                                                 cv::Rect(0, 0, inside.width, inside.height)));
  }
  return sideBySide(seen, overlay);
}

Status ResultExporter::saveSheet(const QString& pngPath) const {
  const std::vector<ScreenedEye> eyes = eyesToWrite();
  std::vector<QImage> rows;
  for (const ScreenedEye& eye : eyes) rows.push_back(sheetRow(eye));
  const QImage sheet = stacked(rows);

  const QFileInfo png(pngPath);
  const QString jsonPath =
      png.absolutePath() + QLatin1Char('/') + png.completeBaseName() + QStringLiteral(".json");
  const QString savedAt = QDateTime::currentDateTime().toString(Qt::ISODateWithMs);
  QJsonArray screenings;
  for (const ScreenedEye& eye : eyes) {
    inference::ScreenedPhoto screened;
    screened.image = shown_.image;
    screened.region = eye.result.region;
    screened.camMethod = eye.result.camMethod;
    screened.camDisease = shown_.camDisease;
    screened.camFile = png.fileName();
    screened.savedAt = savedAt;
    QJsonObject object = inference::screeningToJson(eye.result.diagnosis, screened);
    if (eye.side != gate::PhotoSide::Only)
      object.insert(QStringLiteral("photo_side"),
                    QString::fromStdString(gate::photoSideId(eye.side)));
    screenings.append(object);
  }
  const QJsonObject document = eyes.size() == 1
                                   ? screenings.first().toObject()
                                   : QJsonObject{{QStringLiteral("image"), shown_.image},
                                                 {QStringLiteral("saved_at"), savedAt},
                                                 {QStringLiteral("eyes"), screenings}};
  const QByteArray json = QJsonDocument(document).toJson();

  // Written to temporary files and renamed into place: a failed save leaves nothing half-written.
  QSaveFile pngFile(pngPath), jsonFile(jsonPath);
  if (!pngFile.open(QIODevice::WriteOnly) || !sheet.save(&pngFile, "PNG") ||
      !jsonFile.open(QIODevice::WriteOnly) || jsonFile.write(json) != json.size()) {
    const QString why =
        pngFile.errorString().isEmpty() ? jsonFile.errorString() : pngFile.errorString();
    pngFile.cancelWriting();
    jsonFile.cancelWriting();
    return Error{why.toStdString()};
  }
  if (!pngFile.commit() || !jsonFile.commit()) return Error{pngFile.errorString().toStdString()};
  return Ok{};
}

Status ResultExporter::saveReport(const QString& path) const {
  const cv::Mat& rgb = *shown_.photo;
  report::ReportRequest request;
  request.card = shown_.card;
  request.language = shown_.language;
  const std::string takenAt =
      QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
  for (const ScreenedEye& eye : eyesToWrite()) {
    const inference::ExplainedDiagnosis& result = eye.result;
    report::ReportItem item;
    item.diagnosis = result.diagnosis;
    item.photo = rgb;
    item.region = result.region;
    if (auto heatmap = result.heatmaps.find(shown_.camDisease); heatmap != result.heatmaps.end()) {
      const cv::Rect inside = result.region & cv::Rect(0, 0, rgb.cols, rgb.rows);
      item.heatmap = heatmap->second(inside - result.region.tl()).clone();
      item.camMethod = result.camMethod;
      item.camDisease = shown_.camDisease;
    }
    item.takenAt = takenAt;
    item.source = shown_.image.toStdString();
    if (eye.side != gate::PhotoSide::Only) item.eyeSide = gate::photoSideId(eye.side);
    request.items.push_back(std::move(item));
  }
  return writeReportAs(report::buildReport(request), path);
}

}  // namespace walness::ui
