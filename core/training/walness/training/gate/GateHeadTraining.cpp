#include "walness/training/gate/GateHeadTraining.h"

#include <algorithm>

#include "walness/gate/EyeGate.h"

namespace walness::gate {

GateFeatureTable GateFeatureTable::rows(const torch::Tensor& mask) const {
  return {features.index({mask}), labels.index({mask}), sources.index({mask}),
          training.index({mask}), photos.index({mask})};
}

EyeGateHead trainGateHead(const GateFeatureTable& train, const GateTrainingOptions& options,
                          int64_t channels, double catEyeWeight) {
  torch::manual_seed(int64_t(options.seed));
  EyeGateHead head(channels, options.hidden);
  head->setStandardization(train.features.mean(0), train.features.std(0));
  // Every class weighs the same in the loss, however many views it has.
  const torch::Tensor counts = torch::bincount(train.labels, {}, kGateClassCount).to(torch::kFloat);
  torch::Tensor weights = counts.sum() / (kGateClassCount * counts.clamp_min(1));
  weights[kCatEye] *= catEyeWeight;
  torch::optim::AdamW optimizer(
      head->parameters(),
      torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));
  const int64_t n = train.features.size(0);
  head->train();
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    if (options.stop && options.stop->load()) break;
    const torch::Tensor order = torch::randperm(n);
    for (int64_t start = 0; start < n; start += options.batchSize) {
      const torch::Tensor index = order.slice(0, start, std::min(n, start + options.batchSize));
      optimizer.zero_grad();
      const torch::Tensor loss = torch::nn::functional::cross_entropy(
          head->forward(train.features.index_select(0, index)), train.labels.index_select(0, index),
          torch::nn::functional::CrossEntropyFuncOptions().weight(weights));
      loss.backward();
      optimizer.step();
    }
    if (options.progress) options.progress("head", size_t(epoch + 1), size_t(options.epochs));
  }
  head->eval();
  return head;
}

std::vector<CatEyeWeightTrial> crossValidateCatEyeWeight(
    const GateFeatureTable& train, const GateTrainingOptions& options, const EyeGateCard& card,
    Species modelSpecies, const std::vector<double>& weights, int folds) {
  const GateClass own = modelSpecies == Species::Dog ? kDogEye : kCatEye;
  const GateClass other = own == kDogEye ? kCatEye : kDogEye;
  const torch::Tensor fold = torch::floor_divide(train.photos, 16).remainder(folds);
  GateTrainingOptions quiet = options;
  quiet.progress = nullptr;
  const EyeGate judge{card, EyeGateHead{nullptr}};  // judging reads only the card's thresholds
  std::vector<CatEyeWeightTrial> trials;
  size_t done = 0;
  for (double weight : weights) {
    int64_t right[kGateClassCount] = {}, total[kGateClassCount] = {};
    for (int k = 0; k < folds; ++k) {
      if (options.stop && options.stop->load()) return trials;
      const GateFeatureTable fitted = train.rows(fold.ne(k)), held = train.rows(fold.eq(k));
      if (fitted.features.size(0) == 0 || held.features.size(0) == 0) continue;
      EyeGateHead head = trainGateHead(fitted, quiet, card.featureChannels, weight);
      torch::Tensor probabilities;
      {
        torch::NoGradGuard noGrad;
        probabilities = torch::softmax(head->forward(held.features), 1);
      }
      const auto p = probabilities.accessor<float, 2>();
      const auto labels = held.labels.accessor<int64_t, 1>();
      for (int64_t i = 0; i < probabilities.size(0); ++i) {
        const GateVerdict verdict =
            judge.judge({p[i][kDogEye], p[i][kCatEye], p[i][kNotEye]}, modelSpecies);
        const int64_t label = labels[i];
        ++total[label];
        if ((label == own && !verdict.refused()) ||
            (label == other && verdict.refusal == GateRefusal::OtherSpecies) ||
            (label == kNotEye && verdict.refusal == GateRefusal::NotAnEye))
          ++right[label];
      }
      if (options.progress)
        options.progress("cross-validation", ++done, weights.size() * size_t(folds));
    }
    const auto rate = [&](GateClass c) { return total[c] ? double(right[c]) / total[c] : 0.0; };
    trials.push_back({weight, rate(own), rate(other), rate(kNotEye)});
  }
  return trials;
}

}  // namespace walness::gate
