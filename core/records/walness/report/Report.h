#pragma once

#include <opencv2/core/mat.hpp>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/bundle/ModelCard.h"
#include "walness/history/Confirmation.h"
#include "walness/history/Pet.h"
#include "walness/inference/Diagnosis.h"

namespace walness::report {

// One screened photo in a report.
struct ReportItem {
  inference::Diagnosis diagnosis;
  cv::Mat photo;  // 8-bit RGB, the whole photo; empty when it is not available
  cv::Rect region;
  cv::Mat heatmap;  // CV_32F 0..1 over `region` (any size); empty when none was made
  std::string camMethod;
  std::string camDisease;
  std::string takenAt;  // ISO 8601
  std::string notes;
  std::string source;  // the photo's file name, when known
  // "left_of_photo" or "right_of_photo" when this is one of the two eyes of one photo; else empty.
  std::string eyeSide;
  std::optional<history::Confirmation> confirmation;  // the vet's newest answer, when given
};

struct ReportRequest {
  std::optional<history::Pet> pet;
  std::vector<ReportItem> items;          // oldest first
  std::optional<bundle::ModelCard> card;  // the model's card, when it is installed here
  std::string language = "en";            // "en" or "ko"
  std::string createdAt;                  // ISO 8601; now when empty
};

// A report for the vet: photo with the eye region, the region, its heatmap, findings against their
// thresholds, quality notes, the model card's numbers and limits, the screening-aid notice, dates.
struct Report {
  QString title;
  QString html;                          // images referenced as "NAME.png"
  std::map<QString, QByteArray> images;  // NAME.png -> PNG bytes
  QJsonObject json;

  // The HTML with every image inlined (data: URLs): one file that opens anywhere.
  QString selfContainedHtml() const;
};

Report buildReport(const ReportRequest& request);

// Writes the report as JSON when `path` ends in .json, else as self-contained HTML; atomically.
Status writeReportFile(const Report& report, const QString& path);

// Writes `<basePath>.html` (self-contained) and `<basePath>.json`, each atomically.
Status writeHtmlAndJson(const Report& report, const QString& basePath);

}  // namespace walness::report
