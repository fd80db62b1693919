#pragma once

#include <opencv2/core/mat.hpp>

#include <QImage>
#include <QRect>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

#include "ui/diagnosis/ScreenedEye.h"
#include "walness/Species.h"

class QMenu;
class QMimeData;

namespace walness::ui {

class DiagnosisController;
class EyeFinderBar;
class PhotoView;

// The eye-check page's photo: opens it (file, clipboard, drop, recent list), shows it with the eye
// square, and asks the eye finder where the eye is, leaving the square alone once the user has
// placed it. The page decides what a new photo or a moved square means for the result.
class DiagnosisPhotoPane : public QWidget {
  Q_OBJECT

 public:
  // `controller` finds the eyes (it is the page's, shared with the screening).
  explicit DiagnosisPhotoPane(DiagnosisController* controller, QWidget* parent = nullptr);

  PhotoView* photoView() const { return photoView_; }
  EyeFinderBar* eyeFinderBar() const { return eyeFinderBar_; }
  // The recent photos, for the page's Recent button; kept up to date here.
  QMenu* recentMenu() const { return recentMenu_; }

  const cv::Mat& rgb() const { return rgb_; }  // empty until a photo is open
  const QImage& image() const { return image_; }
  QString path() const { return path_; }  // empty for a pasted or dropped image
  QString name() const { return name_; }
  // The square the model is to see, in photo pixels.
  cv::Rect eyeSquare() const;
  // The face's two eyes the finder paired (left of the photo first) while the square is on one
  // of them; empty otherwise (one eye found, or the user moved the square elsewhere).
  QList<QRect> eyePair() const;
  // What Analyze screens: both eyes of the pair (the one under the square as the square is now),
  // else the square alone.
  std::vector<EyeToScreen> eyesToScreen() const;
  // Moves the square to `square` as the page's choice (not the user's): showing one of two
  // screened eyes.
  void showEyeSquare(const QRect& square);

  // Shows the photo at `path`; false (and openFailed) when it cannot be read.
  bool openPhoto(const QString& path);
  // An image from the clipboard or another app; `name` is how it is referred to.
  bool openImage(const QImage& image, const QString& name);
  // The first local file in `data`, else its image (called `imageName`). False when nothing usable
  // or while a screening runs.
  bool openFromMime(const QMimeData* data, const QString& imageName);
  QStringList recentPhotos() const;

  // The eyes looked for are this species': looks again unless the user placed the square.
  void setSpecies(Species species);
  // The square shown is the one analysed: an eye finder answer on its way must not move it.
  void holdSquare() { userMovedSquare_ = true; }
  void retranslate();

 Q_SIGNALS:
  // Around replacing the photo: before anything of the new one is shown, and once it is.
  void photoAboutToChange();
  void photoChanged();
  // `reason` says why the photo could not be opened.
  void openFailed(const QString& reason);
  // The square moved: by the user, the eye finder or a new photo.
  void squareChanged();
  void recentPhotosChanged();

 private:
  void setPhoto(const cv::Mat& rgb, const QString& path, const QString& name);
  void lookForEyes();
  void showFoundEyes(quint64 token, const QList<QRect>& squares, bool available,
                     const QList<QRect>& pair);
  // Shows the pair (dashed other eye, the bar's words) while the square is on one of its eyes.
  void showPairState();
  void placeSquare(const QRect& square);
  void rememberRecent(const QString& path);
  void updateRecentMenu();

  DiagnosisController* controller_;
  PhotoView* photoView_;
  EyeFinderBar* eyeFinderBar_;
  QMenu* recentMenu_;
  Species species_ = Species::Dog;
  cv::Mat rgb_;
  QImage image_;
  QString path_;
  QString name_;
  QList<QRect> pair_;             // the finder's pair for this photo; see eyePair()
  quint64 photoToken_ = 0;        // which photo an eye finder answer belongs to
  bool placingSquare_ = false;    // the square is being moved by the pane, not the user
  bool userMovedSquare_ = false;  // since the photo was opened
};

}  // namespace walness::ui
