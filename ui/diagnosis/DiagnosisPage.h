#pragma once

#include <QImage>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <string>
#include <vector>

#include "ui/diagnosis/ScreenedEye.h"
#include "walness/bundle/ModelCard.h"
#include "walness/inference/Diagnosis.h"

class QLabel;
class QMimeData;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace walness::ui {

class BothEyesPanel;
class DiagnosisController;
class DiagnosisHeatmapPane;
class DiagnosisPhotoPane;
class DiagnosisResultPane;
class HistoryDatabase;
class EyeFinderBar;
class PhotoView;
class ResultExporter;
class SpeciesToggle;

// The eye-check page: choose the species, open a photo (dialog, drag and drop, paste, recent), mark
// the eye with a square, analyse it off the GUI thread, read the findings (bars with thresholds,
// what to do, how urgent), see what the model saw beside where it looked, and save the result.
// The page holds the actions (the top row), the analysis and the saving; the photo, the heatmaps
// and the findings are each shown by a pane of their own.
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
  QString photoPath() const;
  PhotoView* photoView() const;
  EyeFinderBar* eyeFinderBar() const;
  QStringList recentPhotos() const;
  // Writes the result as a PNG (what the model saw beside the heatmap) and, next to it, a JSON file
  // with the same name. Returns false with `error` set when it cannot write them.
  bool saveResult(const QString& pngPath, QString* error);
  // A report for the vet on this result (photo, eye region, heatmap, findings with thresholds,
  // quality, the model card's numbers and limits): PDF or HTML by the file's extension.
  bool saveReport(const QString& path, QString* error);
  bool hasResult() const { return result_.has_value(); }
  // Both eyes of the photo when Analyze screened a pair (left of the photo first); else empty.
  // result() is then the eye shown in detail.
  const std::vector<ScreenedEye>& screenedEyes() const { return eyes_; }
  // Shows eye `index` of screenedEyes() in detail (its square, heatmaps and findings).
  void showEye(int index);
  BothEyesPanel* bothEyesPanel() const { return bothEyesPanel_; }
  // The history results are saved to (Save to pet...); none until the main window sets it.
  void setHistory(HistoryDatabase* history);
  // Saves the result (photo once by content, eye region, heatmap shown, findings) to a pet; both
  // eyes of a pair as one visit. Returns the (first eye's) diagnosis id, or 0 with `error` set.
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
  struct PendingSave {
    int64_t petId = 0;
    QString notes;
    QString petName;
    std::string checkUid;
  };

  void setUpActions();
  void layOut();
  void connectPanes();
  void connectController();
  void retranslate();
  void retranslateActions();
  // The line in place of a result: no model, no photo yet, or the photo loaded.
  void showWaitingMessage();
  void showResult();
  void showBothEyes(const std::vector<ScreenedEye>& eyes, const bundle::ModelCard& card);
  void updateActions();
  void clearResult();
  void lookUpModel();
  ResultExporter exporter() const;
  void trySave(PendingSave save);
  void updateSaveToPetText();
  QString language() const;

  DiagnosisController* controller_;
  SpeciesToggle* speciesToggle_;
  QLabel* speciesLabel_;
  QPushButton* openButton_;
  QToolButton* recentButton_;
  QPushButton* analyzeButton_;
  QPushButton* cancelButton_;
  QPushButton* saveButton_;
  QPushButton* saveToPetButton_;
  QProgressBar* busyBar_;
  DiagnosisPhotoPane* photoPane_;
  DiagnosisHeatmapPane* heatmapPane_;
  DiagnosisResultPane* resultPane_;
  BothEyesPanel* bothEyesPanel_;
  QLabel* privacyNote_;
  HistoryDatabase* history_ = nullptr;
  std::optional<PendingSave> pendingSave_;
  std::optional<inference::ExplainedDiagnosis> result_;
  std::vector<ScreenedEye> eyes_;  // both eyes of a pair, when screened together
  int shownEye_ = 0;               // which of eyes_ result_ is
  bool showingEye_ = false;        // the page moves the square to a screened eye
  bundle::ModelCard card_;
  std::optional<bundle::ModelCard> installedCard_;  // for the chosen species
  QString statusMessage_;
};

}  // namespace walness::ui
