#pragma once

#include <opencv2/core/types.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/Species.h"
#include "walness/imaging/ModelInput.h"
#include "walness/locator/EyeLocatorHead.h"
#include "walness/locator/EyeLocatorSettings.h"
#include "walness/nn/FeatureClassifier.h"

namespace walness::locator {

// A whole photo with its eyes boxed (x, y, w, h in 0..1 of the photo). Cat photos box the left eye
// only; dog photos every clearly visible open eye (the box: a square of the eye's diameter).
// An eye-free photo (no animal at all) has no boxes and teaches where no eye is.
struct BoxedPhoto {
  std::string path;
  std::string split;  // "train" or "val"
  std::vector<cv::Rect2d> boxes;
  Species species = Species::Cat;
  bool eyeFree = false;
};

struct LocatorTrainingOptions {
  EyeLocatorSettings settings;  // input side, hidden width, decoding
  int viewsPerPhoto = 6;        // the plain photo and augmented ones (scale, shift, light)
  // Dog photos are fewer (28 with marked eyes against 143 cats): more views each, half of them
  // mirrored (both eyes are marked, so a mirrored dog is still right; a cat is not).
  int dogViewsPerPhoto = 18;
  // Eye-free photos as backgrounds; 0 leaves them out of training (they are still measured on).
  int eyeFreeViewsPerPhoto = 0;
  int epochs = 24;
  int batchSize = 16;
  double learningRate = 2e-3;
  double weightDecay = 1e-3;
  uint64_t seed = 20261129;
  std::string featureCache;  // folder; features reused when weights, photos and views match
  std::function<void(const std::string& phase, size_t done, size_t total)> progress;
  const std::atomic<bool>* stop = nullptr;
};

struct TrainedLocator {
  EyeLocatorHead head{nullptr};
  EyeLocatorSettings settings;  // with metrics (val: hit rates, time per photo) and training
};

// Trains the locator head on the backbone's maps of the train split's photos (the backbone stays
// as it is), then measures it on the val split per species: cats, a proposed square among the
// first one or two with IoU >= 0.25 against a box; dogs, one of the first two framing a marked eye
// (gate::framesEye's rule: the centre inside, side at most 4x the eye); eye-free photos, how many
// get a square as sure as the dog finder trusts (gate::EyeFinder::kConfidentLocatorScore).
Result<TrainedLocator> trainEyeLocator(nn::FeatureClassifier& network,
                                       const std::string& weightsSha256,
                                       const imaging::InputSpec& spec,
                                       const std::vector<BoxedPhoto>& photos,
                                       const LocatorTrainingOptions& options);

}  // namespace walness::locator
