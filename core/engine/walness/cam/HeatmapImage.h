#pragma once

#include <opencv2/core/mat.hpp>

#include <QByteArray>

// Heatmaps kept with a saved diagnosis: the part over the eye region, as an 8-bit gray PNG.
namespace walness::cam {

// `heatmap` is CV_32F 0..1 the photo's size; the region's part is scaled to at most 256 px.
QByteArray encodeRegionHeatmap(const cv::Mat& heatmap, const cv::Rect& region);

// Back to CV_32F 0..1 (empty on unreadable bytes).
cv::Mat decodeRegionHeatmap(const QByteArray& png);

}  // namespace walness::cam
