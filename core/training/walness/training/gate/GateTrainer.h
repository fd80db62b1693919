#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/gate/EyeGateCard.h"
#include "walness/training/gate/GateDataset.h"
#include "walness/training/locator/LocatorTrainer.h"

namespace walness::gate {

struct GateTrainingOptions {
  GateDataFolders folders;
  // Extra training views per photo (augmented; random crops for the not-eye photos).
  int dogEyeViews = 1;
  // Share of the dog-eye training photos used: they outnumber the rest several times over.
  double dogEyeTrainShare = 0.5;
  int catEyeViews = 2;
  int notEyeCrops = 6;
  int catPhotoCrops = 4;     // away from the boxed eye (not an eye close-up)
  int catPhotoEyeCrops = 2;  // around the boxed eye (a cat's eye)
  // Share of the augmented views turned grey, of every class alike: black-and-white cat photos
  // are 5% of the cat-eye folder, and half of its grey val eyes went to `not_an_eye` without it.
  double grayscaleShare = 0.2;
  int epochs = 40;
  int batchSize = 256;
  double learningRate = 1e-3;
  double weightDecay = 1e-3;
  int64_t hidden = 128;
  // Extra weight of the cat-eye class in the head's loss. One value: used as is; several: the one
  // with the most right decisions in 5-fold cross-validation on the training views.
  std::vector<double> catEyeWeights = {1.0};
  uint64_t seed = 20261129;
  int limitPerSource = 0;    // tests: at most this many photos per source and split (0: all)
  std::string featureCache;  // folder for extracted features, reused when nothing changed
  std::string version = "1.0.0";
  // Keep the head already in the bundle (re-measure, refit the cat-face layout) instead of
  // training a new one.
  bool reuseHead = false;
  // When set: every val view's probabilities as CSV
  // (source,label,dog_eye,cat_eye,not_eye,distance).
  std::string valScoresCsv;
  // The eye locator, trained on the boxed cat photos (progress, stop and cache from above).
  locator::LocatorTrainingOptions locator;
  // The species the finder uses the locator for (empty: those it was trained on).
  std::vector<Species> locatorUsedFor;
  std::function<void(const std::string& phase, size_t done, size_t total)> progress;
  const std::atomic<bool>* stop = nullptr;
};

// Trains the eye gate's head on the features of the disease model in `bundleDirectory` (one
// forward pass of its backbone per view, cached), measures it on the val splits (per source, and
// the feature-distance check on the same photos), fits where a cat's eyes sit in a detected cat
// face, measures the eye finder on the cat photos' val split, and writes eye-gate.json and its
// weights into the bundle.
Result<EyeGateCard> trainEyeGate(const std::string& bundleDirectory,
                                 const GateTrainingOptions& options);

// Trains only the eye locator of the gate already in the bundle, re-measures the eye finder and
// rewrites the card (the gate's head is kept bit for bit).
Result<EyeGateCard> trainEyeGateLocator(const std::string& bundleDirectory,
                                        const GateTrainingOptions& options);

// Only re-measures the eye finder with the bundle's gate and locator as they are (after a change
// to how the finder ranks its squares) and rewrites the card's eye_finder numbers.
Result<EyeGateCard> measureEyeGateFinder(const std::string& bundleDirectory,
                                         const GateTrainingOptions& options);

}  // namespace walness::gate
