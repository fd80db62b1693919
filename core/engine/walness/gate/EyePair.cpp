#include "walness/gate/EyePair.h"

#include <algorithm>
#include <cmath>

namespace walness::gate {

namespace {

bool isEye(const EyeSquare& square, const EyePairRule& rule) {
  return square.score >= rule.minGateScore ||
         (square.how == "locator" && square.located >= rule.minLocatorScore);
}

bool pairs(const EyeSquare& first, const EyeSquare& other, const EyePairRule& rule) {
  if (!isEye(other, rule) || (first.square & other.square).area() > 0) return false;
  const double larger = std::max(first.square.width, other.square.width);
  const double smaller = std::max(1, std::min(first.square.width, other.square.width));
  if (larger / smaller > rule.maxSizeRatio) return false;
  const double across = std::abs((first.square.x + first.square.width / 2.0) -
                                 (other.square.x + other.square.width / 2.0));
  const double down = std::abs((first.square.y + first.square.height / 2.0) -
                               (other.square.y + other.square.height / 2.0));
  return across > down && std::hypot(across, down) <= rule.maxApartInSides * larger;
}

}  // namespace

std::string photoSideId(PhotoSide side) {
  switch (side) {
    case PhotoSide::Only:
      return "only";
    case PhotoSide::Left:
      return "left_of_photo";
    case PhotoSide::Right:
      return "right_of_photo";
  }
  return "only";
}

std::vector<PlacedEye> eyesToScreen(const std::vector<EyeSquare>& found, const EyePairRule& rule) {
  if (found.empty()) return {};
  const EyeSquare& first = found.front();
  if (isEye(first, rule))
    for (size_t k = 1; k < found.size(); ++k) {
      if (!pairs(first, found[k], rule)) continue;
      const bool firstIsLeft = first.square.x + first.square.width / 2.0 <
                               found[k].square.x + found[k].square.width / 2.0;
      const EyeSquare& left = firstIsLeft ? first : found[k];
      const EyeSquare& right = firstIsLeft ? found[k] : first;
      return {{left, PhotoSide::Left}, {right, PhotoSide::Right}};
    }
  return {{first, PhotoSide::Only}};
}

}  // namespace walness::gate
