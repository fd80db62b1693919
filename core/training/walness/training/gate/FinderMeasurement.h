#pragma once

#include <QJsonObject>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/gate/EyeFinder.h"
#include "walness/training/gate/GateDataset.h"

namespace walness::gate {

struct CatEyeLayoutFit {
  CatEyeLayout layout;
  int64_t photos = 0;          // boxed cat photos of the train split
  int64_t photosWithFace = 0;  // of which a detected face held a boxed eye
};

// Where a cat's left eye sits in a detected cat face: medians over the boxed train photos (the
// right eye mirrored). Keeps `fallback`'s values where no face held an eye.
Result<CatEyeLayoutFit> fitCatEyeLayout(const EyeFinder& finder,
                                        const std::vector<GateSample>& samples,
                                        CatEyeLayout fallback);

// The finder on the boxed cat photos' val split: a hit is a square among the first two with IoU >=
// 0.25 against a boxed eye; also the scan alone, and the time per photo of the whole find().
Result<QJsonObject> measureCatEyeFinder(
    const EyeFinder& finder, const std::vector<GateSample>& samples,
    const std::function<void(const std::string&, size_t, size_t)>& progress);

// The finder on the whole-dog photos' val split (photos with a marked eye): a hit is a marked eye
// framed (framesEye) by one of the first two squares; also the scan and the locator alone, the
// share of marked eyes framed by any square, and the time per photo.
Result<QJsonObject> measureDogEyeFinder(
    const EyeFinder& finder, const std::vector<GateSample>& samples,
    const std::function<void(const std::string&, size_t, size_t)>& progress);

}  // namespace walness::gate
