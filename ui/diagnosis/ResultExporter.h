#pragma once

#include <opencv2/core/mat.hpp>

#include <QImage>
#include <QString>

#include <string>
#include <vector>

#include "ui/diagnosis/ScreenedEye.h"
#include "walness/Result.h"
#include "walness/bundle/ModelCard.h"
#include "walness/inference/Diagnosis.h"

namespace walness::ui {

// The eye-check page's result as files a person keeps, in the shapes the rest of Walness uses: a
// PNG sheet with the screening JSON beside it (inference::screeningToJson, as `walness-cli
// diagnose --json` prints it), or a report for the vet (report::buildReport: PDF or HTML).
class ResultExporter {
 public:
  struct Shown {
    const inference::ExplainedDiagnosis* result = nullptr;
    const cv::Mat* photo = nullptr;  // RGB, the whole photo
    bundle::ModelCard card;
    QString image;           // the photo's path, or its name when it came from the clipboard
    std::string camDisease;  // the heatmap shown
    QImage overlay;          // the heatmap over the square, as shown (may be null)
    std::string language;    // the report's: "en" or "ko"
    // Both eyes of a pair when they were screened together (then `result` is one of them and
    // `overlay` is not used: each eye's heatmap of `camDisease` is drawn the same way).
    const std::vector<ScreenedEye>* eyes = nullptr;
  };

  explicit ResultExporter(Shown shown) : shown_(std::move(shown)) {}

  // What the model saw beside where it looked (each up to 512 px; one row per eye) as `pngPath`,
  // and the screening JSON with the same name (for two eyes `{"image", "eyes": [...]}` with each
  // eye's `photo_side`, as `walness-cli diagnose --all-eyes --json` prints it). Both or neither
  // are written.
  Status saveSheet(const QString& pngPath) const;
  // A report for the vet on this result (both eyes, each named by its side of the photo); PDF or
  // HTML by the file's extension.
  Status saveReport(const QString& path) const;

 private:
  // The eyes to write: both of a pair, or the one result with no side.
  std::vector<ScreenedEye> eyesToWrite() const;
  QImage sheetRow(const ScreenedEye& eye) const;
  Shown shown_;
};

}  // namespace walness::ui
