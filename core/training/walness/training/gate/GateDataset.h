#pragma once

#include <opencv2/core/types.hpp>

#include <optional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/gate/GateScores.h"

namespace walness::gate {

// Where a photo for the gate comes from; the measurements are reported per source.
enum class GateSource {
  DogEye,          // dog-eye close-up crops (label dog eye)
  DogFace,         // dog-eye "fullframe" rows: a whole dog face (left out of training, reported)
  CatEye,          // usable cat-eye close-ups (label cat eye)
  CatEyeUnusable,  // cat-eye crops marked "Eyes Closed" or "Dark Img" (label not an eye)
  NotEye,          // ImageNet photos that are not eye close-ups (label not an eye)
  CatPhoto,        // whole-cat photos with the left eye boxed (not an eye; eye crops are cat eyes)
  DogPhoto,        // whole-dog photos with every clearly visible eye marked (eye finder only)
};
std::string gateSourceId(GateSource source);

struct GateSample {
  std::string path;
  std::string split;  // "train" or "val"
  GateSource source = GateSource::NotEye;
  GateClass label = kNotEye;
  // CatPhoto, DogPhoto: boxes in 0..1 of the photo (x, y, w, h); a DogPhoto without boxes still
  // shows eyes, only none clear enough to mark.
  std::vector<cv::Rect2d> eyeBoxes;
  // NotEye photos of an ImageNet object class (index >= 398; 0-397 are animals): no animal's eye
  // anywhere, so the eye locator learns them as backgrounds.
  bool eyeFree = false;
};

// The shared data folders (../shared/data): dog-eye, cat-eye, not-eye, cat-photos, dog-photos,
// each with its labels.csv. A missing folder is an error naming it.
struct GateDataFolders {
  std::string dogEye, catEye, notEye, catPhotos, dogPhotos;
  static GateDataFolders under(const std::string& dataDirectory);
};

Result<std::vector<GateSample>> readGateSamples(const GateDataFolders& folders);

}  // namespace walness::gate
