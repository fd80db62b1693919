#pragma once

#include <QImage>
#include <QList>
#include <QPointF>
#include <QRect>
#include <QWidget>

namespace walness::ui {

// The photo with a square marking the eye: drag inside the square to move it, drag a corner to
// resize it (it stays square and inside the photo), drag elsewhere to pan, wheel or +/- to zoom,
// double-click or 0 to fit. Arrow keys move the square. Coordinates are photo pixels.
class PhotoView : public QWidget {
  Q_OBJECT

 public:
  explicit PhotoView(QWidget* parent = nullptr);

  void setImage(const QImage& image);  // resets the square to the suggested one and the zoom
  const QImage& image() const { return image_; }
  void setPlaceholderText(const QString& text);

  QRect region() const { return region_; }
  void setRegion(const QRect& region);  // clamped to the photo, kept square
  // The suggested eye square: the largest centred square. Eye photos are usually framed around
  // the eye (the model learnt from such crops); the user adjusts the square when it is not.
  static QRect suggestedRegion(const QSize& photo);
  // Squares screened along with the square (the other eye of a pair), drawn dashed; not movable.
  void setOtherSquares(const QList<QRect>& squares);
  const QList<QRect>& otherSquares() const { return otherSquares_; }

  double zoom() const { return zoom_; }  // 1 = whole photo fits
  void setZoom(double zoom, const QPointF& anchor = {-1, -1});

  // Its minimum height: the page scrolls by its preferred height, and a taller window gives the
  // photo the extra room (it expands).
  QSize sizeHint() const override { return {480, 240}; }

 Q_SIGNALS:
  void regionChanged(const QRect& region);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  enum class Drag { None, Move, Resize, Pan };
  double scale() const;  // widget pixels per photo pixel
  QPointF toWidget(const QPointF& photo) const;
  QPointF toPhoto(const QPointF& widget) const;
  QRectF regionOnScreen() const;
  int cornerAt(const QPointF& position) const;  // 0..3 (TL, TR, BR, BL) or -1
  void clampPan();
  void updateCursor(const QPointF& position);

  QImage image_;
  QString placeholder_;
  QRect region_;
  QList<QRect> otherSquares_;
  double zoom_ = 1.0;
  QPointF center_;  // photo point at the widget's centre
  Drag drag_ = Drag::None;
  int dragCorner_ = -1;
  QPointF dragStart_;
  QRect regionAtStart_;
  QPointF centerAtStart_;
};

}  // namespace walness::ui
