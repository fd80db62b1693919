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

std::string diseaseName(const std::string& id) {
  const Disease* disease = findDisease(id);
  return disease ? std::string(disease->nameEn) : id;
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

    std::vector<std::string> row{photo.name.toStdString(), "error", ""};
    std::string top;
    std::string message = photo.error;
    if (photo.decoded) {
      const cv::Mat& rgb = photo.decoded->rgb;
      const bool wantReport = !options_.reportFolder.isEmpty();
      std::optional<inference::ExplainedDiagnosis> explained;
      if (wantReport) {
        auto result = session_.explain(rgb, std::nullopt, "gradcam", {});
        if (result)
          explained = std::move(*result);
        else
          message = result.message();
      } else {
        auto result = session_.diagnose(rgb, std::nullopt);
        if (result) {
          explained.emplace();
          explained->diagnosis = std::move(*result);
          explained->region = cv::Rect(0, 0, rgb.cols, rgb.rows);
        } else {
          message = result.message();
        }
      }
      if (explained) {
        const inference::Diagnosis& diagnosis = explained->diagnosis;
        row = {photo.name.toStdString(), "ok", diagnosis.abstention ? "true" : "false"};
        for (const std::string& disease : diseases) {
          std::string cell;
          for (const auto& finding : diagnosis.findings)
            if (finding.disease == disease) {
              char text[16];
              std::snprintf(text, sizeof text, "%.4f", finding.probability);
              cell = text;
            }
          row.push_back(cell);
        }
        if (diagnosis.abstention) {
          ++summary.abstained;
          message = "no findings: " + diagnosis.abstention->message;
        } else {
          ++summary.screened;
          if (diagnosis.anyPositive()) {
            top = diagnosis.top()->disease;
            message = "signs consistent with " + diseaseName(top) + " (" +
                      std::to_string(int(std::lround(diagnosis.top()->probability * 100))) + "%)";
          } else {
            message = "no disease reached its threshold (this does not mean a healthy eye)";
          }
        }
        cv::Mat heatmap;
        std::string camDisease;
        if (!explained->heatmaps.empty()) {
          camDisease = explained->heatmaps.begin()->first;
          heatmap = explained->heatmaps.begin()->second;
        }
        if (options_.store) {
          history::NewDiagnosis entry;
          entry.petId = options_.petId;
          entry.diagnosis = diagnosis;
          entry.photo = photo.bytes;
          entry.region = explained->region;
          if (!heatmap.empty()) {
            entry.camMethod = explained->camMethod;
            entry.camDisease = camDisease;
            entry.camPng = cam::encodeRegionHeatmap(heatmap, explained->region);
          }
          entry.notes = "Batch: " + photo.name.toStdString();
          entry.checkUid = checkUid(options_, photo);
          if (auto saved = options_.store->addDiagnosis(entry); !saved) {
            row[1] = BatchCsv::kNotSaved;
            ++summary.notSaved;
            message += "; NOT SAVED to the history (" + saved.message() +
                       "); run the batch again to save it";
          }
        }
        if (wantReport) {
          report::ReportRequest request;
          request.pet = pet;
          request.card = session_.card();
          request.language = options_.reportLanguage;
          report::ReportItem item;
          item.diagnosis = diagnosis;
          item.photo = rgb;
          item.region = explained->region;
          if (!heatmap.empty()) item.heatmap = heatmap(explained->region).clone();
          item.camMethod = explained->camMethod;
          item.camDisease = camDisease;
          item.takenAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
          item.source = photo.name.toStdString();
          request.items.push_back(std::move(item));
          const report::Report made = report::buildReport(request);
          const QString base = QDir(options_.reportFolder).filePath(photo.name);
          Status written = report::writeHtmlAndJson(made, base);
          if (written && extraReportWriter_) written = extraReportWriter_(made, base);
          if (!written) {
            ++summary.reportsNotWritten;
            message += "; no report: " + written.message();
          }
        }
      }
    }
    if (row[1] == "error") {
      ++summary.failed;
      row.resize(3 + diseases.size());
    }
    row.push_back(top);
    row.push_back(message);
    if (auto appended = (*csv)->append(row); !appended) {
      if (next.valid()) next.wait();
      return appended.error();
    }
    if (progress) {
      BatchProgress update;
      update.done = int(i) + 1;
      update.total = int(todo.size());
      update.elapsedSeconds = double(timer.nsecsElapsed()) / 1e9;
      update.remainingSeconds =
          update.elapsedSeconds / update.done * double(update.total - update.done);
      update.file = photo.name;
      progress(update);
    }
  }
  if (next.valid()) next.wait();
  summary.seconds = double(timer.nsecsElapsed()) / 1e9;
  return summary;
}

}  // namespace walness::batch
