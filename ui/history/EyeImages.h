#pragma once

#include <opencv2/core/types.hpp>

#include <QByteArray>
#include <QImage>

namespace walness::ui {

// The eye region of a stored photo, and the same with the saved heatmap over it.
struct EyeImages {
  QImage eye;
  QImage heatmap;  // null when no heatmap was kept

  // Decodes `photo` and cuts `region`, scaled so its longer side is `side`; null images when the
  // photo cannot be decoded or the region misses it.
  static EyeImages fromStored(const QByteArray& photo, const QByteArray& heatmapPng,
                              const cv::Rect& region, int side);
};

}  // namespace walness::ui
