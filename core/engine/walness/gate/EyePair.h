#pragma once

#include <string>
#include <vector>

#include "walness/gate/EyeSquare.h"

namespace walness::gate {

// Where a screened eye is in the photo. A dog facing the camera has its left eye on the right of
// the photo, but a photo does not say which way the pet faces: the app names the photo's side.
enum class PhotoSide { Only, Left, Right };

// "only", "left_of_photo", "right_of_photo": for JSON and reports.
std::string photoSideId(PhotoSide side);

struct PlacedEye {
  EyeSquare eye;
  PhotoSide side = PhotoSide::Only;
};

// What makes a square an eye for pairing: the gate takes it (score >= minGateScore) or the
// locator is sure of it (located >= minLocatorScore).
struct EyePairRule {
  double minGateScore = 0.5;
  double minLocatorScore = 0.3;
  double maxSizeRatio = 2.0;     // the larger square's side over the smaller's
  double maxApartInSides = 6.0;  // centre distance over the larger side
};

// The eyes to screen among the finder's squares (best first): the first square, and with it the
// best later square that is the other eye of the same face: both are eyes by `rule`, they do not
// overlap, their sizes are within the ratio, they sit side by side (further apart across than
// down) and no further apart than the rule allows. Two eyes come back left of the photo first;
// one comes back as PhotoSide::Only; none when `found` is empty.
std::vector<PlacedEye> eyesToScreen(const std::vector<EyeSquare>& found,
                                    const EyePairRule& rule = {});

}  // namespace walness::gate
