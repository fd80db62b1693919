#pragma once

#include <opencv2/core/mat.hpp>

#include <QImage>
#include <QString>
#include <QWidget>

#include <map>
#include <optional>
#include <string>

#include "walness/imaging/ModelInput.h"
#include "walness/inference/Diagnosis.h"

class QComboBox;
class QLabel;
class QSlider;

namespace walness::ui {

class DiagnosisPhotoPane;

// Under the photo: what the model sees of the eye square beside where it looked (the chosen
// disease's heatmap over the square), with the disease, the CAM method and the opacity to choose.
class DiagnosisHeatmapPane : public QWidget {
  Q_OBJECT

 public:
  // `photo` is the pane whose photo and eye square are shown.
  explicit DiagnosisHeatmapPane(const DiagnosisPhotoPane* photo, QWidget* parent = nullptr);

  // How the installed model cuts and resizes its input; none when no model is installed.
  void setModelInput(const std::optional<imaging::InputSpec>& input);
  // Shows the square as the model gets it (after the photo, the square or the model changed).
  void showModelView();
  // The heatmaps of `result`, named in `language`; the disease shown stays when it has one.
  void showHeatmaps(const inference::ExplainedDiagnosis& result, const QString& language);
  void clearHeatmaps();
  void showHeatmap();
  // The chosen disease's heatmap over the square, as shown; null when there is none.
  QImage heatmapImage() const;
  std::string disease() const;  // of the heatmap shown; empty when none
  QString camMethod() const;
  void setControlsEnabled(bool enabled);
  void retranslate();

 Q_SIGNALS:
  void camMethodChanged();

 private:
  const DiagnosisPhotoPane* photo_;
  QLabel* modelViewTitle_;
  QLabel* modelView_;
  QLabel* overlayTitle_;
  QLabel* overlayView_;
  QLabel* heatmapLabel_;
  QComboBox* heatmapDisease_;
  QComboBox* camMethod_;
  QLabel* opacityLabel_;
  QSlider* opacity_;
  std::optional<imaging::InputSpec> input_;
  std::map<std::string, cv::Mat> heatmaps_;  // of the result shown: disease -> map on the photo
  cv::Rect region_;                          // the square the result was computed for
};

}  // namespace walness::ui
