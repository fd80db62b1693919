#include "ui/diagnosis/ResultExporter.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPainter>
#include <QSaveFile>

#include "ui/common/MatImage.h"
#include "ui/common/ReportPdf.h"
#include "walness/imaging/ModelInput.h"
#include "walness/inference/ScreeningJson.h"
#include "walness/report/Report.h"

namespace walness::ui {

namespace {

QImage sideBySide(const QImage& left, const QImage& right) {
  const int side = std::min(512, std::max(left.width(), right.width()));
  QImage sheet(side * 2 + 8, side, QImage::Format_RGB888);
  sheet.fill(Qt::white);
  QPainter painter(&sheet);
  painter.setRenderHint(QPainter::SmoothPixmapTransform);
  painter.drawImage(QRect(0, 0, side, side), left);
  painter.drawImage(QRect(side + 8, 0, side, side), right);
  return sheet;
}

}  // namespace

Status ResultExporter::saveSheet(const QString& pngPath) const {
  const inference::ExplainedDiagnosis& result = *shown_.result;
  const cv::Mat& rgb = *shown_.photo;
  const cv::Rect inside = result.region & cv::Rect(0, 0, rgb.cols, rgb.rows);
  const QImage seen = toQImage(imaging::modelView(rgb, shown_.card.input, result.region));
  const QImage overlay = shown_.overlay.isNull() ? toQImage(rgb(inside).clone()) : shown_.overlay;
  const QImage sheet = sideBySide(seen, overlay);

  const QFileInfo png(pngPath);
  const QString jsonPath =
      png.absolutePath() + QLatin1Char('/') + png.completeBaseName() + QStringLiteral(".json");
  inference::ScreenedPhoto screened;
  screened.image = shown_.image;
  screened.region = result.region;
  screened.camMethod = result.camMethod;
  screened.camDisease = shown_.camDisease;
  screened.camFile = png.fileName();
  screened.savedAt = QDateTime::currentDateTime().toString(Qt::ISODateWithMs);
  const QByteArray json =
      QJsonDocument(inference::screeningToJson(result.diagnosis, screened)).toJson();

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
  const inference::ExplainedDiagnosis& result = *shown_.result;
  const cv::Mat& rgb = *shown_.photo;
  report::ReportRequest request;
  request.card = shown_.card;
  request.language = shown_.language;
  report::ReportItem item;
  item.diagnosis = result.diagnosis;
  item.photo = rgb;
  item.region = result.region;
  if (auto heatmap = result.heatmaps.find(shown_.camDisease); heatmap != result.heatmaps.end()) {
    const cv::Rect inside = result.region & cv::Rect(0, 0, rgb.cols, rgb.rows);
    item.heatmap = heatmap->second(inside).clone();
    item.camMethod = result.camMethod;
    item.camDisease = shown_.camDisease;
  }
  item.takenAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
  item.source = shown_.image.toStdString();
  request.items.push_back(std::move(item));
  return writeReportAs(report::buildReport(request), path);
}

}  // namespace walness::ui
