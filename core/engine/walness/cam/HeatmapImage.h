#pragma once

#include <opencv2/core/mat.hpp>

#include <QByteArray>

// Heatmaps kept with a saved diagnosis: the part over the eye region, as an 8-bit gray PNG.
namespace walness::cam {

// `heatmap` is CV_32F 0..1 over the eye region (ExplainedDiagnosis::heatmaps), scaled to at most
// 256 px on its longer side.
QByteArray encodeRegionHeatmap(const cv::Mat& heatmap);

// Back to CV_32F 0..1 (empty on unreadable bytes).
cv::Mat decodeRegionHeatmap(const QByteArray& png);

}  // namespace walness::cam
