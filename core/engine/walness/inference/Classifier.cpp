#include "walness/inference/Classifier.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "walness/cam/Heatmap.h"
#include "walness/imaging/Preprocess.h"

namespace walness::inference {

namespace {
// One device for the process, chosen once: CUDA when this LibTorch has it, else the CPU.
torch::Device chooseDevice() {
  return torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

std::string formatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

// Mean squared z-score of the pooled features against the training statistics.
void scoreOutOfDistribution(const bundle::OodStatistics& ood, const torch::Tensor& features,
                            Diagnosis& diagnosis) {
  const torch::Tensor pooled = features.detach().mean({2, 3}).squeeze(0).to(torch::kCPU);
  const torch::Tensor mean = torch::from_blob(const_cast<float*>(ood.featureMean.data()),
                                              {int64_t(ood.featureMean.size())});
  const torch::Tensor std =
      torch::from_blob(const_cast<float*>(ood.featureStd.data()), {int64_t(ood.featureStd.size())});
  diagnosis.oodScore = ((pooled - mean) / std).pow(2).mean().item<double>();
  diagnosis.oodThreshold = ood.threshold;
}

std::optional<Abstention> eyeTooSmall(const imaging::QualityReport& quality) {
  const imaging::QualityCheck* size = quality.find("small_region");
  if (!size || size->severity != imaging::QualitySeverity::Severe) return std::nullopt;
  const double needed = imaging::QualityThresholds{}.regionSevere;
  Abstention tooSmall{AbstentionReason::EyeTooSmall,
                      "the eye is only " + std::to_string(std::lround(size->value)) +
                          " pixels across in this photo (needs " +
                          std::to_string(std::lround(needed)) +
                          "); take a closer photo, about a hand's width from the eye, or use "
                          "the phone's zoom"};
  tooSmall.eyePixels = size->value;
  tooSmall.neededPixels = needed;
  return tooSmall;
}

// A blurred photo is judged by the gate first: a blurred cat's eye or sofa is better told what it
// is than to retake it. Other light problems abstain whatever the gate says.
std::optional<Abstention> poorQuality(const imaging::QualityReport& quality, bool gateRefused) {
  std::string failed, failedLight;
  for (const auto& check : quality.checks)
    if (check.severity == imaging::QualitySeverity::Severe) {
      failed += (failed.empty() ? "" : ", ") + check.key;
      if (check.key != "blur") failedLight += (failedLight.empty() ? "" : ", ") + check.key;
    }
  if (failedLight.empty() && (failed.empty() || gateRefused)) return std::nullopt;
  return Abstention{AbstentionReason::Quality,
                    "the photo is not fit to judge (" + failed + "); retake it and try again"};
}

std::optional<Abstention> gateRefusal(const bundle::ModelCard& card, const Diagnosis& diagnosis,
                                      const gate::GateVerdict& verdict) {
  if (verdict.refusal == gate::GateRefusal::NotAnEye)
    return Abstention{AbstentionReason::NotAnEye,
                      "the photo does not look like a close-up of an eye (P(not an eye) " +
                          formatNumber(diagnosis.eyeGate->notEye) +
                          "); choose a square around one eye, or take the photo closer"};
  if (verdict.refusal == gate::GateRefusal::OtherSpecies) {
    const std::string seen(speciesId(*verdict.detectedSpecies));
    return Abstention{AbstentionReason::OtherSpecies,
                      "this looks like a " + seen + "'s eye (P " +
                          formatNumber(diagnosis.eyeGate->eyeOf(*verdict.detectedSpecies)) +
                          "), but this model is for " + std::string(speciesId(card.species)) +
                          "s; use a " + seen + " model, or choose " + seen + " if it is one"};
  }
  return std::nullopt;
}

// Why the photo gets no findings, if it gets none, checked in the order that matters.
std::optional<Abstention> firstAbstention(const bundle::ModelCard& card, bool hasGate,
                                          const Diagnosis& diagnosis,
                                          const gate::GateVerdict& verdict) {
  // An eye with too few pixels first: what the model sees is a blurred upscale, and the other
  // checks mean little on it (the small-eye study, docs/eye-gate.md).
  if (auto tooSmall = eyeTooSmall(diagnosis.quality)) return tooSmall;
  // Light problems come next: retaking the photo fixes them, and the gate is unsure on such
  // photos.
  if (auto quality = poorQuality(diagnosis.quality, verdict.refused())) return quality;
  if (auto refusal = gateRefusal(card, diagnosis, verdict)) return refusal;
  // Without a gate the feature distance is the only guard against what is not an eye.
  if (!hasGate && card.ood && diagnosis.oodScore > card.ood->threshold)
    return Abstention{
        AbstentionReason::OutOfDistribution,
        "the photo does not look like the close-up " + std::string(speciesId(card.species)) +
            " eye photos this model was trained on (score " + formatNumber(diagnosis.oodScore) +
            ", limit " + formatNumber(card.ood->threshold) + ")"};
  return std::nullopt;
}

// Calibrated probabilities against the card's thresholds, highest first.
void addFindings(const bundle::ModelCard& card, const torch::Tensor& logits, Diagnosis& diagnosis) {
  const torch::Tensor probabilities =
      torch::sigmoid(logits.detach().squeeze(0).to(torch::kCPU) / card.temperature);
  for (size_t i = 0; i < card.labels.size(); ++i) {
    const double probability = probabilities[int64_t(i)].item<double>();
    diagnosis.findings.push_back({card.labels[i].id, probability, card.labels[i].threshold,
                                  probability >= card.labels[i].threshold,
                                  logits[0][int64_t(i)].item<double>()});
  }
  std::stable_sort(
      diagnosis.findings.begin(), diagnosis.findings.end(),
      [](const Finding& a, const Finding& b) { return a.probability > b.probability; });
}
}  // namespace

bool Diagnosis::anyPositive() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.positive; });
}

Result<std::unique_ptr<Classifier>> Classifier::load(const std::string& bundleDirectory) {
  auto bundle = bundle::loadModelBundle(bundleDirectory);
  if (!bundle) return bundle.error();
  auto gate = gate::loadEyeGate(bundleDirectory, bundle->card.weightsSha256);
  if (!gate) return gate.error();
  return std::make_unique<Classifier>(std::move(bundle.value()), std::move(gate.value()));
}

Classifier::Classifier(bundle::ModelBundle bundle, std::optional<gate::EyeGate> gate)
    : bundle_(std::move(bundle)), gate_(std::move(gate)), device_(chooseDevice()) {
  bundle_.network->to(device_);
  bundle_.network->eval();
  for (auto& parameter : bundle_.network->parameters()) parameter.set_requires_grad(false);
  bundle_.network->prepareForInference();
}

Diagnosis Classifier::judge(const torch::Tensor& features, const torch::Tensor& logits,
                            imaging::QualityReport quality) const {
  const bundle::ModelCard& card = bundle_.card;
  Diagnosis diagnosis;
  diagnosis.modelId = card.id;
  diagnosis.modelVersion = card.version;
  diagnosis.species = card.species;
  diagnosis.quality = std::move(quality);
  if (card.ood) scoreOutOfDistribution(*card.ood, features, diagnosis);

  gate::GateVerdict verdict;
  if (gate_) {
    diagnosis.eyeGate = gate_->score(features);
    verdict = gate_->judge(*diagnosis.eyeGate, card.species);
  }
  if (auto abstention = firstAbstention(card, gate_.has_value(), diagnosis, verdict)) {
    if (abstention->reason == AbstentionReason::OtherSpecies)
      diagnosis.detectedSpecies = verdict.detectedSpecies;
    diagnosis.abstention = std::move(*abstention);
    return diagnosis;
  }
  addFindings(card, logits, diagnosis);
  return diagnosis;
}

Result<Diagnosis> Classifier::diagnose(const cv::Mat& rgb,
                                       const std::optional<cv::Rect>& region) const {
  auto input = imaging::preprocess(rgb, bundle_.card.input, region);
  if (!input) return input.error();
  auto quality = imaging::assessQuality(rgb, region);
  torch::InferenceMode inferenceMode;
  const torch::Tensor features = bundle_.network->features(input->input.to(device_));
  const torch::Tensor logits = bundle_.network->head(features);
  return judge(features, logits, std::move(quality));
}

Result<ExplainedDiagnosis> Classifier::explain(const cv::Mat& rgb,
                                               const std::optional<cv::Rect>& region,
                                               const cam::CamMethod& method,
                                               const std::vector<std::string>& diseases) const {
  auto input = imaging::preprocess(rgb, bundle_.card.input, region);
  if (!input) return input.error();
  auto quality = imaging::assessQuality(rgb, region);

  torch::Tensor activations;
  {
    torch::NoGradGuard noGrad;  // the backbone: one plain forward pass
    activations = bundle_.network->features(input->input.to(device_));
  }
  // Differentiate only the head, with respect to the activations.
  activations = activations.detach().requires_grad_(true);
  torch::Tensor logits;
  {
    torch::AutoGradMode enableGrad(true);
    logits = bundle_.network->head(activations);
  }

  ExplainedDiagnosis result;
  result.diagnosis = judge(activations, logits, std::move(quality));
  result.camMethod = method.id();
  result.region = input->geometry.region;
  if (result.diagnosis.abstention) return result;

  std::vector<std::string> targets = diseases;
  if (targets.empty() && result.diagnosis.top()) targets = {result.diagnosis.top()->disease};
  if (targets.size() == 1 && targets.front() == "*") {
    targets.clear();
    for (const auto& label : bundle_.card.labels) targets.push_back(label.id);
  }
  const auto& labels = bundle_.card.labels;
  for (size_t t = 0; t < targets.size(); ++t) {
    const auto label = std::find_if(labels.begin(), labels.end(),
                                    [&](const auto& l) { return l.id == targets[t]; });
    if (label == labels.end()) return Error{"this model does not check for \"" + targets[t] + "\""};
    const int64_t index = label - labels.begin();
    const torch::Tensor score = logits[0][index];
    const bool last = t + 1 == targets.size();
    const torch::Tensor gradients =
        torch::autograd::grad({score}, {activations}, {}, /*retain_graph=*/!last)[0];
    torch::NoGradGuard noGrad;
    const torch::Tensor map = method.compute(activations[0].detach(), gradients[0]);
    result.heatmaps[targets[t]] = cam::heatmapOnRegion(map, input->geometry);
  }
  return result;
}

}  // namespace walness::inference
