#pragma once

#include <opencv2/core/mat.hpp>

#include <QList>
#include <QObject>
#include <QRect>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ui/diagnosis/ScreenedEye.h"
#include "walness/Species.h"
#include "walness/bundle/ModelLocator.h"
#include "walness/inference/Diagnosis.h"

namespace walness::inference {
class ScreeningSession;
}

namespace walness::ui {

// Runs screenings off the GUI thread: loads the installed model for the species (once, then
// cached), explains the photo with every disease's heatmap and reports back on the GUI thread.
// One screening at a time: analyze() refuses while one runs, so repeated clicks queue nothing.
class DiagnosisController : public QObject {
  Q_OBJECT

 public:
  explicit DiagnosisController(QObject* parent = nullptr);
  ~DiagnosisController() override;

  // The bundle a screening for `species` would use (the newest installed), if any.
  static std::optional<bundle::BundleListing> installedModel(Species species);

  bool isBusy() const { return busy_; }
  // Starts screening `rgb` (8-bit RGB, copied); false when busy or the photo is empty.
  bool analyze(const cv::Mat& rgb, Species species, const QString& camMethod,
               const std::optional<cv::Rect>& eyeRegion = std::nullopt);
  // Screens each of `eyes` in one go (both eyes of a face): finishedEyes() when they are two,
  // finished() for one. A failure of any fails all, so no half-screened pair is shown.
  bool analyzeEyes(const cv::Mat& rgb, Species species, const QString& camMethod,
                   const std::vector<EyeToScreen>& eyes);
  // Stops waiting for the running screening: its result is dropped, cancelled() is emitted.
  void cancel();

  // Looks for eyes in `rgb` on the worker thread (after any screening queued before it) with the
  // eye gate of the model for `species`, or of any installed model with one. Emits eyesFound
  // with `photoToken`, so a caller can drop answers for a photo it no longer shows, and with the
  // face's two eyes (left of the photo first) when two of the squares are a pair.
  void findEyes(const cv::Mat& rgb, Species species, quint64 photoToken);

 Q_SIGNALS:
  void started();
  void progressed(const QString& step);
  void finished(const walness::inference::ExplainedDiagnosis& result,
                const walness::bundle::ModelCard& card);
  // Both eyes of a photo, left of the photo first.
  void finishedEyes(const std::vector<walness::ui::ScreenedEye>& eyes,
                    const walness::bundle::ModelCard& card);
  void failed(const QString& message);
  void cancelled();
  // Best first; empty when no eye was found. `available` is false when no model has a finder.
  void eyesFound(quint64 photoToken, const QList<QRect>& squares, bool available,
                 const QList<QRect>& pair);

 private:
  // The screening on the pool's thread: loads the model if needed, explains each eye.
  void screenOnWorker(quint64 request, std::shared_ptr<std::atomic<bool>> cancelFlag,
                      const cv::Mat& photo, Species species, const std::string& cam,
                      const std::vector<EyeToScreen>& eyes);
  // Runs `deliver` on the GUI thread unless the request was cancelled or superseded meanwhile.
  void report(quint64 request, std::function<void()> deliver);

  QThreadPool pool_;
  std::shared_ptr<inference::ScreeningSession> session_;  // used by the pool's thread only
  bool busy_ = false;
  quint64 request_ = 0;
  std::shared_ptr<std::atomic<bool>> cancelFlag_;
};

}  // namespace walness::ui
