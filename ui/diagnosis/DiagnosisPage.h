#pragma once

#include <opencv2/core/mat.hpp>

#include <QImage>
#include <QString>
#include <QWidget>

#include <optional>

#include "walness/Species.h"
#include "walness/bundle/ModelCard.h"
#include "walness/inference/Diagnosis.h"
#include "walness/knowledge/DiseaseKnowledge.h"

class QComboBox;
class QFrame;
class QLabel;
class QMenu;
class QMimeData;
class QProgressBar;
class QPushButton;
class QSlider;
class QToolButton;

namespace walness::ui {

class DiagnosisController;
class HistoryDatabase;
class EyeFinderBar;
class PhotoView;
class ProbabilityBars;
class SpeciesToggle;

// The eye-check page: choose the species, open a photo (dialog, drag and drop, paste, recent), mark
// the eye with a square, analyse it off the GUI thread, read the findings (bars with thresholds,
// what to do, how urgent), see what the model saw beside where it looked, and save the result.
class DiagnosisPage : public QWidget {
  Q_OBJECT

 public:
  explicit DiagnosisPage(QWidget* parent = nullptr);
  ~DiagnosisPage() override;

  SpeciesToggle* speciesToggle() const { return speciesToggle_; }
  DiagnosisController* controller() const { return controller_; }

  // Shows the photo at `path`; returns false and shows why when it cannot be read.
  bool openPhoto(const QString& path);
  // A photo from the clipboard or another app; `name` is how it is referred to.
  bool openImage(const QImage& image, const QString& name);
  // What was dropped on the page: the first local file, else an image. False when nothing usable.
  bool openDropped(const QMimeData* data);
  QString photoPath() const { return photoPath_; }
  PhotoView* photoView() const { return photoView_; }
  EyeFinderBar* eyeFinderBar() const { return eyeFinderBar_; }
  QStringList recentPhotos() const;
  // Writes the result as a PNG (what the model saw beside the heatmap) and, next to it, a JSON file
  // with the same name. Returns false with `error` set when it cannot write them.
  bool saveResult(const QString& pngPath, QString* error);
  // A report for the vet on this result (photo, eye region, heatmap, findings with thresholds,
  // quality, the model card's numbers and limits): PDF or HTML by the file's extension.
  bool saveReport(const QString& path, QString* error);
  bool hasResult() const { return result_.has_value(); }
  // The history results are saved to (Save to pet...); none until the main window sets it.
  void setHistory(HistoryDatabase* history);
  // Saves the result (photo once by content, eye region, heatmap shown, findings) to a pet.
  // Returns the diagnosis id, or 0 with `error` set.
  // `checkUid` names the check across retries (one is made up when empty): never saved twice.
  int64_t saveToPet(int64_t petId, const QString& notes, QString* error,
                    const std::string& checkUid = {});
  // A save that failed (history unreachable): kept with its pet and notes until it is retried
  // (the Save to pet button then reads "Retry saving") or the result changes.
  bool hasPendingSave() const { return pendingSave_.has_value(); }
  // What Save to pet does once the pet is chosen (a new check id, then trySave).
  void saveResultTo(int64_t petId, const QString& notes, const QString& petName);
  const std::optional<inference::ExplainedDiagnosis>& result() const { return result_; }

 Q_SIGNALS:
  // The user wants vets nearby; `urgent` when a finding should be seen today.
  void findVetRequested(bool urgent);
  // A result was saved to a pet's history.
  void savedToPet(qint64 petId, qint64 diagnosisId);

 public Q_SLOTS:
  void choosePhoto();
  void analyze();
  void pasteFromClipboard();
  // Looks up the installed model again (after a bundle was added in Settings).
  void refreshModels();
  void chooseSaveLocation();
  void chooseSaveToPet();

 protected:
  void changeEvent(QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void retranslate();
  void setPhoto(const cv::Mat& rgb, const QString& path, const QString& name);
  // The first local file in `data`, else its image (called `imageName`).
  bool openFromMime(const QMimeData* data, const QString& imageName);
  void rememberRecent(const QString& path);
  void updateRecentMenu();
  void showModelView();
  void showHeatmap();
  QImage heatmapImage() const;
  class ResultExporter exporter() const;
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
  QPushButton* saveButton_;
  QPushButton* saveToPetButton_;
  HistoryDatabase* history_ = nullptr;
  struct PendingSave {
    int64_t petId = 0;
    QString notes;
    QString petName;
    std::string checkUid;
  };
  std::optional<PendingSave> pendingSave_;
  void trySave(PendingSave save);
  void updateSaveToPetText();
  QToolButton* recentButton_;
  QMenu* recentMenu_;
  QProgressBar* busyBar_;
  PhotoView* photoView_;
  EyeFinderBar* eyeFinderBar_;
  QPushButton* switchSpeciesButton_;
  quint64 photoToken_ = 0;        // which photo an eye finder answer belongs to
  bool placingSquare_ = false;    // the square is being moved by the page, not the user
  bool userMovedSquare_ = false;  // since the photo was opened
  QLabel* modelViewTitle_;
  QLabel* modelView_;
  QLabel* overlayTitle_;
  QLabel* overlayView_;
  QFrame* qualityBanner_;
  QLabel* qualityText_;
  QPushButton* retakeButton_;
  QPushButton* keepButton_;
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
  QString photoName_;
  QImage photo_;
  cv::Mat rgb_;
  std::optional<inference::ExplainedDiagnosis> result_;
  bundle::ModelCard card_;
  std::optional<bundle::ModelCard> installedCard_;  // for the chosen species
  std::optional<knowledge::DiseaseKnowledge> knowledge_;
  QString statusMessage_;
};

}  // namespace walness::ui
