#include "ui/diagnosis/PhotoView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace walness::ui {

namespace {
constexpr double kMaximumZoom = 16.0;
constexpr double kHandleRadius = 8.0;  // widget pixels around a corner that grab it
constexpr int kMinimumSide = 16;       // photo pixels
}  // namespace

PhotoView::PhotoView(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setMinimumSize(240, 240);
}

void PhotoView::setImage(const QImage& image) {
  image_ = image;
  zoom_ = 1.0;
  center_ = QPointF(image.width() / 2.0, image.height() / 2.0);
  region_ = image.isNull() ? QRect() : suggestedRegion(image.size());
  otherSquares_.clear();
  update();
  Q_EMIT regionChanged(region_);
}

void PhotoView::setPlaceholderText(const QString& text) {
  placeholder_ = text;
  update();
}

QRect PhotoView::suggestedRegion(const QSize& photo) {
  const int side = std::max(1, std::min(photo.width(), photo.height()));
  return QRect((photo.width() - side) / 2, (photo.height() - side) / 2, side, side);
}

void PhotoView::setRegion(const QRect& requested) {
  if (image_.isNull()) return;
  const int maxSide = std::min(image_.width(), image_.height());
  const int side = std::clamp(std::max(requested.width(), requested.height()),
                              std::min(kMinimumSide, maxSide), maxSide);
  const int x = std::clamp(requested.x(), 0, image_.width() - side);
  const int y = std::clamp(requested.y(), 0, image_.height() - side);
  const QRect region(x, y, side, side);
  if (region == region_) return;
  region_ = region;
  update();
  Q_EMIT regionChanged(region_);
}

double PhotoView::scale() const {
  if (image_.isNull()) return 1.0;
  const double fit = std::min(width() / double(image_.width()), height() / double(image_.height()));
  return fit * zoom_;
}

QPointF PhotoView::toWidget(const QPointF& photo) const {
  return (photo - center_) * scale() + QPointF(width() / 2.0, height() / 2.0);
}

QPointF PhotoView::toPhoto(const QPointF& widget) const {
  return (widget - QPointF(width() / 2.0, height() / 2.0)) / scale() + center_;
}

QRectF PhotoView::regionOnScreen() const {
  return QRectF(toWidget(region_.topLeft()),
                toWidget(region_.topLeft() + QPoint(region_.width(), region_.height())));
}

void PhotoView::setZoom(double zoom, const QPointF& anchor) {
  if (image_.isNull()) return;
  const QPointF widgetAnchor = anchor.x() < 0 ? QPointF(width() / 2.0, height() / 2.0) : anchor;
  const QPointF photoAnchor = toPhoto(widgetAnchor);
  zoom_ = std::clamp(zoom, 1.0, kMaximumZoom);
  // Keep the photo point under the anchor where it was.
  center_ = photoAnchor - (widgetAnchor - QPointF(width() / 2.0, height() / 2.0)) / scale();
  clampPan();
  update();
}

void PhotoView::clampPan() {
  // At fit zoom the photo is centred; zoomed in, its edges never come inside the view.
  const double halfWidth = width() / 2.0 / scale();
  const double halfHeight = height() / 2.0 / scale();
  auto clampAxis = [](double value, double half, double extent) {
    return half * 2 >= extent ? extent / 2 : std::clamp(value, half, extent - half);
  };
  center_.setX(clampAxis(center_.x(), halfWidth, image_.width()));
  center_.setY(clampAxis(center_.y(), halfHeight, image_.height()));
}

int PhotoView::cornerAt(const QPointF& position) const {
  const QRectF square = regionOnScreen();
  const QPointF corners[] = {square.topLeft(), square.topRight(), square.bottomRight(),
                             square.bottomLeft()};
  for (int i = 0; i < 4; ++i) {
    if (QLineF(corners[i], position).length() <= kHandleRadius * 1.5) return i;
  }
  return -1;
}

void PhotoView::updateCursor(const QPointF& position) {
  if (image_.isNull()) return unsetCursor();
  const int corner = cornerAt(position);
  if (corner == 0 || corner == 2)
    setCursor(Qt::SizeFDiagCursor);
  else if (corner == 1 || corner == 3)
    setCursor(Qt::SizeBDiagCursor);
  else if (regionOnScreen().contains(position))
    setCursor(Qt::SizeAllCursor);
  else
    setCursor(zoom_ > 1.0 ? Qt::OpenHandCursor : Qt::ArrowCursor);
}

void PhotoView::mousePressEvent(QMouseEvent* event) {
  if (image_.isNull()) return;
  dragStart_ = event->position();
  regionAtStart_ = region_;
  centerAtStart_ = center_;
  dragCorner_ = cornerAt(event->position());
  if (event->button() == Qt::MiddleButton)
    drag_ = Drag::Pan;
  else if (dragCorner_ >= 0)
    drag_ = Drag::Resize;
  else if (regionOnScreen().contains(event->position()))
    drag_ = Drag::Move;
  else
    drag_ = Drag::Pan;
  if (drag_ == Drag::Pan) setCursor(Qt::ClosedHandCursor);
}

void PhotoView::mouseMoveEvent(QMouseEvent* event) {
  if (drag_ == Drag::None) return updateCursor(event->position());
  const QPointF deltaPhoto = (event->position() - dragStart_) / scale();
  switch (drag_) {
    case Drag::Move:
      setRegion(regionAtStart_.translated(deltaPhoto.toPoint()));
      break;
    case Drag::Resize: {
      // The opposite corner stays put; the side follows the larger drag axis, limited by the
      // photo's edges. Corners: 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left.
      const QRectF start(regionAtStart_);
      const QPointF anchors[] = {start.bottomRight(), start.bottomLeft(), start.topLeft(),
                                 start.topRight()};
      const QPointF anchor = anchors[dragCorner_];
      const QPointF pointer = toPhoto(event->position());
      const bool leftward = dragCorner_ == 0 || dragCorner_ == 3;
      const bool upward = dragCorner_ == 0 || dragCorner_ == 1;
      const double room = std::min(leftward ? anchor.x() : image_.width() - anchor.x(),
                                   upward ? anchor.y() : image_.height() - anchor.y());
      const double wanted = std::max(leftward ? anchor.x() - pointer.x() : pointer.x() - anchor.x(),
                                     upward ? anchor.y() - pointer.y() : pointer.y() - anchor.y());
      const int side = int(std::lround(
          std::clamp(wanted, double(kMinimumSide), std::max(double(kMinimumSide), room))));
      setRegion(QRect(int(std::lround(leftward ? anchor.x() - side : anchor.x())),
                      int(std::lround(upward ? anchor.y() - side : anchor.y())), side, side));
      break;
    }
    case Drag::Pan:
      center_ = centerAtStart_ - deltaPhoto;
      clampPan();
      update();
      break;
    case Drag::None:
      break;
  }
}

void PhotoView::mouseReleaseEvent(QMouseEvent* event) {
  drag_ = Drag::None;
  updateCursor(event->position());
}

void PhotoView::mouseDoubleClickEvent(QMouseEvent*) {
  setZoom(1.0);
}

void PhotoView::wheelEvent(QWheelEvent* event) {
  if (image_.isNull()) return;
  const double steps = event->angleDelta().y() / 120.0;
  setZoom(zoom_ * std::pow(1.25, steps), event->position());
  event->accept();
}

void PhotoView::keyPressEvent(QKeyEvent* event) {
  if (image_.isNull()) return QWidget::keyPressEvent(event);
  const int step = std::max(1, region_.width() / 20);
  switch (event->key()) {
    case Qt::Key_Left:
      return setRegion(region_.translated(-step, 0));
    case Qt::Key_Right:
      return setRegion(region_.translated(step, 0));
    case Qt::Key_Up:
      return setRegion(region_.translated(0, -step));
    case Qt::Key_Down:
      return setRegion(region_.translated(0, step));
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      return setZoom(zoom_ * 1.25);
    case Qt::Key_Minus:
      return setZoom(zoom_ / 1.25);
    case Qt::Key_0:
      return setZoom(1.0);
    default:
      QWidget::keyPressEvent(event);
  }
}

void PhotoView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  clampPan();
}

void PhotoView::setOtherSquares(const QList<QRect>& squares) {
  otherSquares_ = squares;
  update();
}

void PhotoView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().color(QPalette::Base));
  if (image_.isNull()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap,
                     placeholder_);
    return;
  }
  painter.setRenderHint(QPainter::SmoothPixmapTransform);
  const QRectF photoOnScreen(toWidget(QPointF(0, 0)),
                             toWidget(QPointF(image_.width(), image_.height())));
  painter.drawImage(photoOnScreen, image_);

  // Dim what the model will not see.
  const QRectF square = regionOnScreen();
  QPainterPath outside;
  outside.addRect(photoOnScreen);
  outside.addRect(square);
  painter.fillPath(outside, QColor(0, 0, 0, 110));

  painter.setRenderHint(QPainter::Antialiasing);
  // The other squares that will be screened too (the face's other eye), dashed.
  for (const QRect& other : otherSquares_) {
    if (other == region_) continue;
    const QRectF onScreen(toWidget(other.topLeft()), toWidget(other.bottomRight() + QPoint(1, 1)));
    painter.setPen(QPen(Qt::white, 2, Qt::DashLine));
    painter.drawRect(onScreen);
  }
  painter.setPen(QPen(Qt::white, 2));
  painter.drawRect(square);
  painter.setPen(QPen(palette().color(QPalette::Highlight), 1));
  painter.setBrush(Qt::white);
  for (const QPointF& corner :
       {square.topLeft(), square.topRight(), square.bottomRight(), square.bottomLeft()})
    painter.drawEllipse(corner, kHandleRadius / 1.5, kHandleRadius / 1.5);
  if (hasFocus()) {
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(rect().adjusted(1, 1, -1, -1));
  }
}

}  // namespace walness::ui
