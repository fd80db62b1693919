#pragma once

#include <ATen/core/Tensor.h>

#include <QJsonObject>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/imaging/Preprocess.h"
#include "walness/nn/FeatureClassifier.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::training {

struct Predictions {
  at::Tensor logits;          // [N, L], in the dataset's order
  at::Tensor pooledFeatures;  // [N, C], the CAM layer's activations averaged over space
};

// Called with (images done, images in all); return false to cancel.
using PredictionProgress = std::function<bool(size_t, size_t)>;

// Runs the network (eval mode, no autograd) over every image with inference's preprocessing.
// `averageFlip` averages each image's logits with its mirror image's (test-time augmentation;
// twice the cost); the pooled features stay the unmirrored image's.
Result<Predictions> predict(nn::FeatureClassifier& network, const LabeledDataset& dataset,
                            const imaging::InputSpec& spec, int batchSize = 32, int workers = 1,
                            const PredictionProgress& progress = {}, bool averageFlip = false);

struct LabelMetrics {
  std::optional<double> auc;
  std::optional<double> prAuc;
  double threshold = 0.5;
  double sensitivity = 0;
  double specificity = 0;
  double f1 = 0;
  int positives = 0;
  int n = 0;  // rows where this label is known
};

struct EvaluationReport {
  std::optional<double> macroAuc;  // mean AUC over labels that have both classes
  double ece = 0;                  // over every known (image, label) cell
  std::vector<std::string> labels;
  std::map<std::string, LabelMetrics> perLabel;

  // {"macro_auc": x, "ece": x, "per_label": {"<disease>": {"auc", "pr_auc", "sensitivity",
  //  "specificity", "f1", "threshold", "positives", "n"}}}
  QJsonObject toJson() const;
};

// Metrics of calibrated probabilities [N, L] against the dataset's labels; a row with an unknown
// label is skipped for that label only. `thresholds` has one decision threshold per label.
EvaluationReport evaluateProbabilities(const LabeledDataset& dataset,
                                       const at::Tensor& probabilities,
                                       const std::vector<double>& thresholds);

// The scores and 0/1 labels of one label's known cells: what Metrics.h works on.
void knownCells(const LabeledDataset& dataset, const at::Tensor& scores, size_t label,
                std::vector<double>& values, std::vector<int>& truth);

}  // namespace walness::training
