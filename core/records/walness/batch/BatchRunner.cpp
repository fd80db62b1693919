#include "walness/batch/BatchRunner.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <cmath>
#include <future>

#include "walness/Diseases.h"
#include "walness/batch/BatchCsv.h"
#include "walness/cam/HeatmapImage.h"
#include "walness/history/HistoryStore.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/inference/ScreeningSession.h"
#include "walness/io/RegularFile.h"
#include "walness/report/Report.h"

namespace walness::batch {

namespace {

// A photo read and decoded ahead of the model.
struct LoadedPhoto {
  QString name;
  QByteArray bytes;
  std::optional<imaging::DecodedImage> decoded;
  std::string error;
};

LoadedPhoto loadPhoto(const QString& folder, const QString& name) {
  LoadedPhoto photo;
  photo.name = name;
  const imaging::DecodeLimits limits;
  // Only a regular file, its size checked on the opened file: a FIFO named .jpg must not hang
  // the batch, nor a link to /dev/zero fill the memory.
  auto bytes = io::readRegularFile(QDir(folder).filePath(name), limits.maxFileBytes);
  if (!bytes) {
    photo.error = bytes.message();
  } else {
    photo.bytes = std::move(*bytes);
    auto decoded =
        imaging::decodeImageBytes(reinterpret_cast<const unsigned char*>(photo.bytes.constData()),
                                  size_t(photo.bytes.size()), name.toStdString(), limits);
    if (decoded)
      photo.decoded = std::move(*decoded);
    else
      photo.error = decoded.message();
  }
  return photo;
}

// The same run (CSV), photo (name and content) and pet give the same check id: a rerun of a photo
// whose save seemed to fail finds the check if it was stored after all.
std::string checkUid(const BatchOptions& options, const LoadedPhoto& photo) {
  static const QUuid kNamespace(QStringLiteral("5b0f3c8e-7a1d-4c53-9a0e-3f6b1d2c4e71"));
  const QByteArray key = QFileInfo(options.csvPath).absoluteFilePath().toUtf8() + '\n' +
                         photo.name.toUtf8() + '\n' +
                         QCryptographicHash::hash(photo.bytes, QCryptographicHash::Sha256).toHex() +
                         '\n' + QByteArray::number(qint64(options.petId));
  return QUuid::createUuidV5(kNamespace, key).toString(QUuid::WithoutBraces).toStdString();
}

// The batch's CSV is in English (a file for programs and spreadsheets).
std::string diseaseName(const std::string& id) {
  return walness::diseaseName(id, Words(Language::English)).toStdString();
}

// What screening a photo needs besides the photo: the same for the whole batch.
struct BatchContext {
  const inference::ScreeningSession& session;
  const BatchOptions& options;
  const std::function<Status(const report::Report&, const QString&)>& extraReportWriter;
  const std::optional<history::Pet>& pet;
  const std::vector<std::string>& diseases;
};

// The heatmap that goes into the history and the report: the first one made, if any.
struct ShownHeatmap {
  std::string disease;
  cv::Mat map;
};

// Findings, with heatmaps when reports are wanted; nothing, with `message` set, on failure.
std::optional<inference::ExplainedDiagnosis> screen(const BatchContext& context, const cv::Mat& rgb,
                                                    std::string& message) {
  std::optional<inference::ExplainedDiagnosis> explained;
  if (!context.options.reportFolder.isEmpty()) {
    auto result = context.session.explain(rgb, std::nullopt, "gradcam", {});
    if (result)
      explained = std::move(*result);
    else
      message = result.message();
  } else {
    auto result = context.session.diagnose(rgb, std::nullopt);
    if (result) {
      explained.emplace();
      explained->diagnosis = std::move(*result);
      explained->region = cv::Rect(0, 0, rgb.cols, rgb.rows);
    } else {
      message = result.message();
    }
  }
  return explained;
}

// The row's name, status and abstention cells, then each disease's probability (empty if none).
std::vector<std::string> resultCells(const BatchContext& context, const LoadedPhoto& photo,
                                     const inference::Diagnosis& diagnosis) {
  std::vector<std::string> row{photo.name.toStdString(), "ok",
                               diagnosis.abstention ? "true" : "false"};
  for (const std::string& disease : context.diseases) {
    std::string cell;
    for (const auto& finding : diagnosis.findings)
      if (finding.disease == disease) {
        char text[16];
        std::snprintf(text, sizeof text, "%.4f", finding.probability);
        cell = text;
      }
    row.push_back(cell);
  }
  return row;
}

// The row's message for a screened photo, counting it as abstained or screened; `top` is the
// disease of a positive top finding.
std::string describe(const inference::Diagnosis& diagnosis, std::string& top,
                     BatchSummary& summary) {
  if (diagnosis.abstention) {
    ++summary.abstained;
    return "no findings: " + diagnosis.abstention->message;
  }
  ++summary.screened;
  if (!diagnosis.anyPositive())
    return "no disease reached its threshold (this does not mean a healthy eye)";
  top = diagnosis.top()->disease;
  return "signs consistent with " + diseaseName(top) + " (" +
         std::to_string(int(std::lround(diagnosis.top()->probability * 100))) + "%)";
}

Status saveToHistory(const BatchContext& context, const LoadedPhoto& photo,
                     const inference::ExplainedDiagnosis& explained, const ShownHeatmap& heatmap) {
  history::NewDiagnosis entry;
  entry.petId = context.options.petId;
  entry.diagnosis = explained.diagnosis;
  entry.photo = photo.bytes;
  entry.region = explained.region;
  if (!heatmap.map.empty()) {
    entry.camMethod = explained.camMethod;
    entry.camDisease = heatmap.disease;
    entry.camPng = cam::encodeRegionHeatmap(heatmap.map);
  }
  entry.notes = "Batch: " + photo.name.toStdString();
  entry.checkUid = checkUid(context.options, photo);
  auto saved = context.options.store->addDiagnosis(entry);
  if (!saved) return saved.error();
  return Ok{};
}

// <report folder>/<photo name>.html and .json, and the extra writer's output.
Status writeReport(const BatchContext& context, const LoadedPhoto& photo,
                   const inference::ExplainedDiagnosis& explained, const ShownHeatmap& heatmap) {
  report::ReportRequest request;
  request.pet = context.pet;
  request.card = context.session.card();
  request.language = context.options.reportLanguage;
  report::ReportItem item;
  item.diagnosis = explained.diagnosis;
  item.photo = photo.decoded->rgb;
  item.region = explained.region;
  if (!heatmap.map.empty()) item.heatmap = heatmap.map;
  item.camMethod = explained.camMethod;
  item.camDisease = heatmap.disease;
  item.takenAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
  item.source = photo.name.toStdString();
  request.items.push_back(std::move(item));
  const report::Report made = report::buildReport(request);
  const QString base = QDir(context.options.reportFolder).filePath(photo.name);
  Status written = report::writeHtmlAndJson(made, base);
  if (written && context.extraReportWriter) written = context.extraReportWriter(made, base);
  return written;
}

// Screens one photo, saves it and writes its report as the options ask, and returns its CSV row;
// the outcome is counted in `summary`.
std::vector<std::string> csvRow(const BatchContext& context, const LoadedPhoto& photo,
                                BatchSummary& summary) {
  std::vector<std::string> row{photo.name.toStdString(), "error", ""};
  std::string top;
  std::string message = photo.error;
  std::optional<inference::ExplainedDiagnosis> explained;
  if (photo.decoded) explained = screen(context, photo.decoded->rgb, message);
  if (explained) {
    row = resultCells(context, photo, explained->diagnosis);
    message = describe(explained->diagnosis, top, summary);
    ShownHeatmap heatmap;
    if (!explained->heatmaps.empty()) {
      heatmap.disease = explained->heatmaps.begin()->first;
      heatmap.map = explained->heatmaps.begin()->second;
    }
    if (context.options.store) {
      if (auto saved = saveToHistory(context, photo, *explained, heatmap); !saved) {
        row[1] = BatchCsv::kNotSaved;
        ++summary.notSaved;
        message +=
            "; NOT SAVED to the history (" + saved.message() + "); run the batch again to save it";
      }
    }
    if (!context.options.reportFolder.isEmpty()) {
      if (auto written = writeReport(context, photo, *explained, heatmap); !written) {
        ++summary.reportsNotWritten;
        message += "; no report: " + written.message();
      }
    }
  }
  if (row[1] == "error") {
    ++summary.failed;
    row.resize(3 + context.diseases.size());
  }
  row.push_back(top);
  row.push_back(message);
  return row;
}

BatchProgress progressAfter(int done, int total, const QElapsedTimer& timer, const QString& file) {
  BatchProgress update;
  update.done = done;
  update.total = total;
  update.elapsedSeconds = double(timer.nsecsElapsed()) / 1e9;
  update.remainingSeconds =
      update.elapsedSeconds / update.done * double(update.total - update.done);
  update.file = file;
  return update;
}

}  // namespace

QString clockText(double seconds) {
  const int total = int(std::lround(std::max(0.0, seconds)));
  return total >= 3600
             ? QStringLiteral("%1:%2:%3")
                   .arg(total / 3600)
                   .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
                   .arg(total % 60, 2, 10, QLatin1Char('0'))
             : QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

BatchRunner::BatchRunner(const inference::ScreeningSession& session, BatchOptions options)
    : session_(session), options_(std::move(options)) {
}

QStringList BatchRunner::listPhotos(const QString& folder) {
  QDir dir(folder);
  return dir.entryList(
      {QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.png"),
       QStringLiteral("*.webp"), QStringLiteral("*.bmp"), QStringLiteral("*.tif"),
       QStringLiteral("*.tiff"), QStringLiteral("*.heic"), QStringLiteral("*.heif")},
      QDir::Files | QDir::Readable | QDir::Hidden | QDir::System, QDir::Name | QDir::IgnoreCase);
}

Result<BatchSummary> BatchRunner::run(const std::function<void(const BatchProgress&)>& progress,
                                      const std::function<bool()>& cancelled) {
  if (!QFileInfo(options_.folder).isDir())
    return Error{options_.folder.toStdString() + " is not a folder"};
  const QStringList photos = listPhotos(options_.folder);
  std::vector<std::string> diseases;
  for (const auto& label : session_.card().labels) diseases.push_back(label.id);
  auto csv = BatchCsv::open(options_.csvPath, diseases);
  if (!csv) return csv.error();
  if (!options_.reportFolder.isEmpty() && !QDir().mkpath(options_.reportFolder))
    return Error{"cannot create the report folder " + options_.reportFolder.toStdString()};
  std::optional<history::Pet> pet;
  if (options_.store) {
    auto found = options_.store->pet(options_.petId);
    if (!found) return found.error();
    pet = *found;
  }
  const BatchContext context{session_, options_, extraReportWriter_, pet, diseases};

  BatchSummary summary;
  summary.found = int(photos.size());
  QStringList todo;
  for (const QString& name : photos)
    if ((*csv)->done().count(name.toStdString()) == 0) todo << name;
  summary.skipped = summary.found - int(todo.size());

  QElapsedTimer timer;
  timer.start();
  std::future<LoadedPhoto> next;
  if (!todo.isEmpty()) next = std::async(std::launch::async, loadPhoto, options_.folder, todo[0]);
  for (qsizetype i = 0; i < todo.size(); ++i) {
    LoadedPhoto photo = next.get();
    if (i + 1 < todo.size())
      next = std::async(std::launch::async, loadPhoto, options_.folder, todo[i + 1]);
    if (cancelled && cancelled()) {
      summary.cancelled = true;
      break;
    }
    if (auto appended = (*csv)->append(csvRow(context, photo, summary)); !appended) {
      if (next.valid()) next.wait();
      return appended.error();
    }
    if (progress) progress(progressAfter(int(i) + 1, int(todo.size()), timer, photo.name));
  }
  if (next.valid()) next.wait();
  summary.seconds = double(timer.nsecsElapsed()) / 1e9;
  return summary;
}

}  // namespace walness::batch
