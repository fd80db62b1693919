#pragma once

#include <opencv2/core/mat.hpp>

#include <QImage>
#include <QString>
#include <QWidget>

#include <optional>

#include "Species.h"
#include "bundle/ModelCard.h"
#include "inference/Diagnosis.h"
#include "knowledge/DiseaseKnowledge.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;

namespace walness::ui {

class DiagnosisController;
class ProbabilityBars;
class SpeciesToggle;

// The eye-check page: choose the species, open a photo, analyse it off the GUI thread, read the
// findings (bars with thresholds, what to do, how urgent) and see the heatmap over the photo.
class DiagnosisPage : public QWidget {
  Q_OBJECT

 public:
  explicit DiagnosisPage(QWidget* parent = nullptr);
  ~DiagnosisPage() override;

  SpeciesToggle* speciesToggle() const { return speciesToggle_; }
  DiagnosisController* controller() const { return controller_; }

  // Shows the photo at `path`; returns false and shows why when it cannot be read.
  bool openPhoto(const QString& path);
  QString photoPath() const { return photoPath_; }
  bool hasResult() const { return result_.has_value(); }
  const std::optional<inference::ExplainedDiagnosis>& result() const { return result_; }

 Q_SIGNALS:
  // The user wants vets nearby; `urgent` when a finding should be seen today.
  void findVetRequested(bool urgent);

 public Q_SLOTS:
  void choosePhoto();
  void analyze();

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void retranslate();
  void showPhoto();
  void showResult();
  void updateActions();
  void clearResult();
  void lookUpModel();
  QString diseaseName(const std::string& id) const;
  QString language() const;

  DiagnosisController* controller_;
  SpeciesToggle* speciesToggle_;
  QLabel* speciesLabel_;
  QPushButton* openButton_;
  QPushButton* analyzeButton_;
  QPushButton* cancelButton_;
  QPushButton* findVetButton_;
  QProgressBar* busyBar_;
  QLabel* photoView_;
  QLabel* heatmapLabel_;
  QComboBox* heatmapDisease_;
  QComboBox* camMethod_;
  QLabel* opacityLabel_;
  QSlider* opacity_;
  QLabel* resultTitle_;
  QLabel* resultBody_;
  ProbabilityBars* bars_;
  QLabel* knowledgeText_;
  QLabel* coverageNote_;
  QLabel* privacyNote_;
  QString photoPath_;
  QImage photo_;
  cv::Mat rgb_;
  std::optional<inference::ExplainedDiagnosis> result_;
  bundle::ModelCard card_;
  std::optional<knowledge::DiseaseKnowledge> knowledge_;
  QString statusMessage_;
  bool modelInstalled_ = false;  // for the chosen species; looked up when the species changes
};

}  // namespace walness::ui
