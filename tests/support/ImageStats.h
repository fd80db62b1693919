#pragma once

#include <QHash>
#include <QImage>

namespace walness::test {

// How much of an image is its most common colour (0..1), and how many colours it has: a blank or
// failed rendering is one colour; a real window has text, frames and buttons.
struct ImageStats {
  double dominantShare = 1.0;
  int distinctColors = 0;
};

inline ImageStats imageStats(const QImage& source) {
  const QImage image = source.convertToFormat(QImage::Format_RGB32);
  QHash<QRgb, int> counts;
  for (int y = 0; y < image.height(); ++y) {
    const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
    for (int x = 0; x < image.width(); ++x) ++counts[line[x]];
  }
  ImageStats stats;
  const double pixels = double(image.width()) * image.height();
  int dominant = 0;
  for (int count : counts) dominant = std::max(dominant, count);
  stats.distinctColors = counts.size();
  stats.dominantShare = pixels > 0 ? dominant / pixels : 1.0;
  return stats;
}

}  // namespace walness::test
