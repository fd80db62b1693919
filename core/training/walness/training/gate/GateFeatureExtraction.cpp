#include "walness/training/gate/GateFeatureExtraction.h"

#include <torch/torch.h>

#include <QCryptographicHash>
#include <QDir>

#include <optional>
#include <random>

#include "walness/imaging/ImageDecoder.h"
#include "walness/imaging/Preprocess.h"
#include "walness/nn/Safetensors.h"
#include "walness/training/gate/GateViews.h"

namespace walness::gate {

namespace {

// Which photos, with which labels, through which backbone and views: any change makes new features.
std::string cacheKey(const std::string& weightsSha, const GateTrainingOptions& o,
                     const std::vector<GateSample>& samples) {
  QCryptographicHash hash(QCryptographicHash::Sha256);
  const std::string settings =
      weightsSha + " v4 " + std::to_string(o.dogEyeTrainShare) + " " +
      std::to_string(o.grayscaleShare) + " " + std::to_string(o.dogEyeViews) + " " +
      std::to_string(o.catEyeViews) + " " + std::to_string(o.notEyeCrops) + " " +
      std::to_string(o.catPhotoCrops) + " " + std::to_string(o.catPhotoEyeCrops) + " " +
      std::to_string(o.seed) + " " + std::to_string(o.limitPerSource) + " " +
      std::to_string(samples.size());
  hash.addData(QByteArray::fromStdString(settings));
  // Labels as well as paths: the features cached for the shipped gate predate the "Dark Imgs" fix,
  // which (3 crops) makes this key differ from theirs.
  for (const GateSample& sample : samples)
    hash.addData(QByteArray::fromStdString(sample.path + "|" + std::to_string(sample.label) + "|" +
                                           std::to_string(int(sample.source)) + "\n"));
  return hash.result().toHex().left(16).toStdString();
}

std::optional<GateFeatureTable> readCachedFeatures(const std::string& cachePath) {
  auto cached = nn::readSafetensors(cachePath);
  if (!cached) return std::nullopt;
  auto& t = cached->tensors;
  if (t.count("features") && t.count("labels") && t.count("sources") && t.count("training") &&
      t.count("photos"))
    return GateFeatureTable{t["features"], t["labels"], t["sources"], t["training"], t["photos"]};
  return std::nullopt;
}

// Best effort: a cache that cannot be written only costs the next run the extraction.
void writeCachedFeatures(const std::string& cachePath, const GateFeatureTable& table) {
  nn::TensorFile file;
  file.tensors = {{"features", table.features},
                  {"labels", table.labels},
                  {"sources", table.sources},
                  {"training", table.training},
                  {"photos", table.photos}};
  (void)nn::writeSafetensors(cachePath, file);
}

// The features of the views, gathered as the photos are decoded.
class FeatureCollector {
 public:
  explicit FeatureCollector(const bundle::ModelBundle& model) : model_(model) {}

  void add(const GateView& view, const GateSample& sample, bool isTraining, size_t photo) {
    pending_.push_back(imaging::normalizeModelView(view.square, model_.card.input));
    labels_.push_back(view.label);
    sources_.push_back(int64_t(sample.source));
    training_.push_back(isTraining ? 1 : 0);
    photos_.push_back(int64_t(photo));
    if (pending_.size() >= 32) flush();
  }

  // Runs the backbone over the views not yet pooled.
  void flush() {
    if (pending_.empty()) return;
    torch::InferenceMode inference;
    const torch::Tensor batch = torch::cat(pending_, 0);
    features_.push_back(EyeGateHeadImpl::pool(model_.network->features(batch)).to(torch::kCPU));
    pending_.clear();
  }

  bool empty() const { return features_.empty(); }
  GateFeatureTable table() const {
    return GateFeatureTable{torch::cat(features_, 0), torch::tensor(labels_),
                            torch::tensor(sources_), torch::tensor(training_),
                            torch::tensor(photos_)};
  }

 private:
  const bundle::ModelBundle& model_;
  std::vector<torch::Tensor> features_, pending_;
  std::vector<int64_t> labels_, sources_, training_, photos_;
};

Result<GateFeatureTable> computeFeatures(const bundle::ModelBundle& model,
                                         const std::vector<GateSample>& samples,
                                         const GateTrainingOptions& options) {
  FeatureCollector collector(model);
  for (size_t i = 0; i < samples.size(); ++i) {
    if (options.stop && options.stop->load()) return Error{"stopped"};
    const GateSample& sample = samples[i];
    // Small photos are fine here (ImageNet samples go down to ~60 px); the app's 64 px minimum
    // is for photos to screen.
    imaging::DecodeLimits limits;
    limits.minSide = 16;
    auto decoded = imaging::decodeImageFile(sample.path, limits);
    if (!decoded) return decoded.error();
    std::mt19937_64 random(options.seed * 1000003 + i);
    const bool isTraining = sample.split == "train";
    for (const GateView& view :
         gateViewsOf(sample, decoded->rgb, isTraining, model.card.input, options, random))
      collector.add(view, sample, isTraining, i);
    if (options.progress && (i % 64 == 0 || i + 1 == samples.size()))
      options.progress("features", i + 1, samples.size());
  }
  collector.flush();
  if (collector.empty()) return Error{"no photos to train the eye gate on"};
  return collector.table();
}

}  // namespace

Result<GateFeatureTable> extractGateFeatures(const bundle::ModelBundle& model,
                                             const std::vector<GateSample>& samples,
                                             const GateTrainingOptions& options) {
  std::string cachePath;
  if (!options.featureCache.empty()) {
    QDir().mkpath(QString::fromStdString(options.featureCache));
    cachePath = options.featureCache + "/gate-features-" +
                cacheKey(model.card.weightsSha256, options, samples) + ".safetensors";
    if (auto cached = readCachedFeatures(cachePath)) return *cached;
  }
  auto table = computeFeatures(model, samples, options);
  if (table && !cachePath.empty()) writeCachedFeatures(cachePath, table.value());
  return table;
}

}  // namespace walness::gate
