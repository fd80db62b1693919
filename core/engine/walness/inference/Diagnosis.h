#pragma once

#include <opencv2/core/mat.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "walness/Species.h"
#include "walness/gate/GateScores.h"
#include "walness/imaging/Quality.h"

namespace walness::inference {

// One disease the model checks: calibrated probability, the card's threshold and the decision.
struct Finding {
  std::string disease;
  double probability = 0;  // sigmoid(logit / temperature)
  double threshold = 0;
  bool positive = false;
  double logit = 0;
};

// Why no findings are given. Worded by inference::describeAbstention; named in JSON by
// inference::abstentionReasonId.
enum class AbstentionReason {
  Quality,            // too dark, bright or blurred to judge
  EyeTooSmall,        // the eye region has too few pixels (docs/eye-gate.md, the small-eye study)
  NotAnEye,           // the gate: not a close-up of an eye
  OtherSpecies,       // the gate: another species' eye
  OutOfDistribution,  // no gate, and the features are far from the training photos'
  Unrecognised,       // read from a record written by a newer Walness (its id is kept)
};

// Why no findings are given: the photo cannot be judged.
struct Abstention {
  AbstentionReason reason = AbstentionReason::Quality;
  std::string message;  // English with the measured numbers, for the CLI and logs
  // With AbstentionReason::Unrecognised: the id as read, written back unchanged.
  std::string unrecognisedId = {};
  // With AbstentionReason::EyeTooSmall: the eye region's shorter side in the photo and the least
  // Walness screens, in pixels.
  double eyePixels = 0;
  double neededPixels = 0;
};

// The outcome of screening one photo. Never says "healthy": no shipped model can know that.
struct Diagnosis {
  std::string modelId;
  std::string modelVersion;
  Species species = Species::Dog;
  imaging::QualityReport quality;
  double oodScore = 0;      // distance of the photo's features from the training data
  double oodThreshold = 0;  // 0 when the bundle has no statistics
  // The eye gate's view of the photo (absent when the bundle has no gate), and with an
  // "other_species" abstention the species whose eye the photo shows.
  std::optional<gate::GateScores> eyeGate;
  std::optional<Species> detectedSpecies;
  std::optional<Abstention> abstention;
  std::vector<Finding> findings;  // by probability, highest first; empty when abstained

  const Finding* top() const { return findings.empty() ? nullptr : &findings.front(); }
  bool anyPositive() const;
};

// A photo's screening with its explanations: one heatmap per requested disease, on the photo.
struct ExplainedDiagnosis {
  Diagnosis diagnosis;
  std::string camMethod;
  cv::Rect region;  // the part of the photo the model saw (inside the photo)
  // disease -> CV_32F 0..1 over `region`, the region's size: its (x, y) is the photo's
  // (region.x + x, region.y + y). Not the photo's size: five of those are ~1 GB at 48 MP.
  std::map<std::string, cv::Mat> heatmaps;
};

}  // namespace walness::inference
