#pragma once

#include <opencv2/core/mat.hpp>

#include <QImage>

// Where cv::Mat and QImage meet: the one place pixels cross between core and the widgets.
namespace walness::ui {

// 8-bit RGB cv::Mat to a QImage that owns its pixels.
QImage toQImage(const cv::Mat& rgb);
// Any QImage to an 8-bit RGB cv::Mat that owns its pixels.
cv::Mat toRgbMat(const QImage& image);

}  // namespace walness::ui
