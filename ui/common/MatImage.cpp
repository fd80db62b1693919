#include "ui/common/MatImage.h"

namespace walness::ui {

QImage toQImage(const cv::Mat& rgb) {
  return QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888).copy();
}

cv::Mat toRgbMat(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  return cv::Mat(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                 size_t(rgb.bytesPerLine()))
      .clone();
}

}  // namespace walness::ui
