#pragma once

#include <opencv2/core/mat.hpp>

#include <QList>
#include <QObject>
#include <QRect>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

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
  // Stops waiting for the running screening: its result is dropped, cancelled() is emitted.
  void cancel();

  // Looks for eyes in `rgb` on the worker thread (after any screening queued before it) with the
  // eye gate of the model for `species`, or of any installed model with one. Emits eyesFound
  // with `photoToken`, so a caller can drop answers for a photo it no longer shows.
  void findEyes(const cv::Mat& rgb, Species species, quint64 photoToken);

 Q_SIGNALS:
  void started();
  void progressed(const QString& step);
  void finished(const walness::inference::ExplainedDiagnosis& result,
                const walness::bundle::ModelCard& card);
  void failed(const QString& message);
  void cancelled();
  // Best first; empty when no eye was found. `available` is false when no model has a finder.
  void eyesFound(quint64 photoToken, const QList<QRect>& squares, bool available);

 private:
  QThreadPool pool_;
  std::shared_ptr<inference::ScreeningSession> session_;  // used by the pool's thread only
  bool busy_ = false;
  quint64 request_ = 0;
  std::shared_ptr<std::atomic<bool>> cancelFlag_;
};

}  // namespace walness::ui
