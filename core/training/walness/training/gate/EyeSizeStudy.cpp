#include "walness/training/gate/EyeSizeStudy.h"

#include <torch/torch.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>

#include "walness/imaging/ImageDecoder.h"
#include "walness/imaging/Preprocess.h"
#include "walness/imaging/Quality.h"

namespace walness::gate {

namespace {

// The photo as it would be with its shorter side `side` pixels (unchanged at 0 or when smaller).
cv::Mat shrunkTo(const cv::Mat& rgb, int side, bool* alreadySmaller) {
  const int shorter = std::min(rgb.cols, rgb.rows);
  *alreadySmaller = side > 0 && shorter <= side;
  if (side <= 0 || shorter <= side) return rgb;
  const double scale = double(side) / shorter;
  cv::Mat small;
  cv::resize(rgb, small,
             cv::Size(std::max(1, int(std::lround(rgb.cols * scale))),
                      std::max(1, int(std::lround(rgb.rows * scale)))),
             0, 0, cv::INTER_AREA);
  return small;
}

QJsonObject share(int64_t part, int64_t whole) {
  return QJsonObject{{QStringLiteral("count"), double(part)},
                     {QStringLiteral("share"), whole ? double(part) / double(whole) : 0.0}};
}

}  // namespace

QJsonObject EyeSizeRow::toJson() const {
  QJsonObject row = report.toJson();
  row.insert(QStringLiteral("side"), side);
  row.insert(QStringLiteral("photos"), double(photos));
  row.insert(QStringLiteral("already_smaller"), double(alreadySmaller));
  row.insert(QStringLiteral("gate_screened"), share(screened, photos));
  row.insert(QStringLiteral("gate_not_an_eye"), share(notAnEye, photos));
  row.insert(QStringLiteral("gate_other_species"), share(otherSpecies, photos));
  row.insert(QStringLiteral("quality_refused"), share(qualitySevere, photos));
  return row;
}

Result<std::vector<EyeSizeRow>> studyEyeSizes(nn::FeatureClassifier& network,
                                              const bundle::ModelCard& card, const EyeGate* gate,
                                              const training::LabeledDataset& dataset,
                                              const std::vector<int>& sides,
                                              const std::function<void(size_t, size_t)>& progress) {
  network.eval();
  network.prepareForInference();
  torch::InferenceMode inference;
  const size_t count = dataset.images.size();
  std::vector<EyeSizeRow> rows(sides.size());
  std::vector<std::vector<torch::Tensor>> logits(sides.size());
  std::vector<std::vector<torch::Tensor>> pending(sides.size());
  const auto flush = [&](size_t s) {
    if (pending[s].empty()) return;
    const torch::Tensor features = network.features(torch::cat(pending[s], 0));
    logits[s].push_back(network.head(features));
    if (gate) {
      const torch::Tensor probabilities =
          torch::softmax(gate->head->forward(EyeGateHeadImpl::pool(features)), 1);
      for (int64_t i = 0; i < probabilities.size(0); ++i) {
        const GateScores scores{probabilities[i][kDogEye].item<double>(),
                                probabilities[i][kCatEye].item<double>(),
                                probabilities[i][kNotEye].item<double>()};
        switch (gate->judge(scores, card.species).refusal) {
          case GateRefusal::None:
            ++rows[s].screened;
            break;
          case GateRefusal::NotAnEye:
            ++rows[s].notAnEye;
            break;
          case GateRefusal::OtherSpecies:
            ++rows[s].otherSpecies;
            break;
        }
      }
    }
    pending[s].clear();
  };
  for (size_t i = 0; i < count; ++i) {
    auto decoded = imaging::decodeImageFile(dataset.images[i].path);
    if (!decoded) return decoded.error();
    for (size_t s = 0; s < sides.size(); ++s) {
      rows[s].side = sides[s];
      bool alreadySmaller = false;
      const cv::Mat photo = shrunkTo(decoded->rgb, sides[s], &alreadySmaller);
      ++rows[s].photos;
      if (alreadySmaller) ++rows[s].alreadySmaller;
      if (imaging::assessQuality(photo, std::nullopt).hasSevere()) ++rows[s].qualitySevere;
      auto input = imaging::preprocess(photo, card.input);
      if (!input) return Error{dataset.images[i].path + ": " + input.message()};
      pending[s].push_back(input->input);
      if (pending[s].size() >= 32) flush(s);
    }
    if (progress) progress(i + 1, count);
  }
  std::vector<double> thresholds;
  for (const auto& label : card.labels) thresholds.push_back(label.threshold);
  for (size_t s = 0; s < sides.size(); ++s) {
    flush(s);
    if (logits[s].empty()) return Error{"no photos to study"};
    const torch::Tensor probabilities = torch::sigmoid(torch::cat(logits[s]) / card.temperature);
    rows[s].report = training::evaluateProbabilities(dataset, probabilities, thresholds);
  }
  return rows;
}

}  // namespace walness::gate
