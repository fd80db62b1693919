#include "walness/training/gate/GateTrainer.h"

#include <torch/torch.h>

#include <QDateTime>
#include <QJsonObject>

#include <walness/Version.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>

#include "walness/bundle/ModelBundle.h"
#include "walness/gate/EyeFinder.h"
#include "walness/training/gate/FinderMeasurement.h"
#include "walness/training/gate/GateFeatureExtraction.h"
#include "walness/training/gate/GateHeadTraining.h"
#include "walness/training/gate/GateTrainingRecord.h"
#include "walness/training/gate/GateValMeasurement.h"

namespace walness::gate {

namespace {

using Clock = std::chrono::steady_clock;

// The boxed cat and dog photos, for the eye locator, and the eye-free not-eye photos (objects,
// no animal): always measured on, trained on as backgrounds only with eyeFreeViewsPerPhoto > 0
// (they cut its sure squares on objects but cost cat photos; docs/eye-gate.md). Dog
// photos without a marked eye are left out: their eyes exist but were too unclear to mark, so
// they are not eye-free backgrounds.
std::vector<locator::BoxedPhoto> boxedPhotos(const std::vector<GateSample>& samples) {
  std::vector<locator::BoxedPhoto> photos;
  for (const GateSample& sample : samples)
    if ((sample.source == GateSource::CatPhoto || sample.source == GateSource::DogPhoto) &&
        !sample.eyeBoxes.empty())
      photos.push_back({sample.path, sample.split, sample.eyeBoxes,
                        sample.source == GateSource::DogPhoto ? Species::Dog : Species::Cat});
    else if (sample.source == GateSource::NotEye && sample.eyeFree)
      photos.push_back({sample.path, sample.split, {}, Species::Dog, /*eyeFree=*/true});
  return photos;
}

// The photos the gate's head learns from (the whole-dog photos serve the eye finder only).
std::vector<GateSample> gateHeadSamples(const std::vector<GateSample>& samples) {
  std::vector<GateSample> kept;
  for (const GateSample& sample : samples)
    if (sample.source != GateSource::DogPhoto) kept.push_back(sample);
  return kept;
}

// The disease model whose backbone the gate and the locator read: eval mode, no gradients, folded.
Result<bundle::ModelBundle> loadFrozenModel(const std::string& bundleDirectory) {
  auto model = bundle::loadModelBundle(bundleDirectory);
  if (!model) return model.error();
  model->network->eval();
  for (auto& parameter : model->network->parameters()) parameter.set_requires_grad(false);
  model->network->prepareForInference();
  return model;
}

Result<locator::TrainedLocator> trainLocatorFor(const bundle::ModelBundle& model,
                                                const std::vector<GateSample>& samples,
                                                const GateTrainingOptions& options) {
  locator::LocatorTrainingOptions locatorOptions = options.locator;
  locatorOptions.progress = options.progress;
  locatorOptions.stop = options.stop;
  if (locatorOptions.featureCache.empty()) locatorOptions.featureCache = options.featureCache;
  return locator::trainEyeLocator(*model.network, model.card.weightsSha256, model.card.input,
                                  boxedPhotos(samples), locatorOptions);
}

// The cat and the dog finder on their val photos, in one object for the card.
Result<QJsonObject> measureEyeFinders(const EyeFinder& finder,
                                      const std::vector<GateSample>& samples,
                                      const GateTrainingOptions& options) {
  auto cats = measureCatEyeFinder(finder, samples, options.progress);
  if (!cats) return cats.error();
  auto dogs = measureDogEyeFinder(finder, samples, options.progress);
  if (!dogs) return dogs.error();
  QJsonObject both = cats.value();
  for (auto it = dogs->begin(); it != dogs->end(); ++it) both.insert(it.key(), it.value());
  return both;
}

}  // namespace

namespace {

// Measures the finder with `gate` (its locator included), keeps the cat-face layout's provenance,
// and writes the card and weights into the bundle.
Result<EyeGateCard> remeasureAndWrite(const std::string& bundleDirectory,
                                      const bundle::ModelBundle& model, EyeGate gate,
                                      const std::vector<GateSample>& samples,
                                      const GateTrainingOptions& options) {
  if (gate.card.locator && !options.locatorUsedFor.empty())
    gate.card.locator->species = options.locatorUsedFor;
  EyeFinder finder(model.network, gate, model.card.input);
  auto measured = measureEyeFinders(finder, samples, options);
  if (!measured) return measured.error();
  QJsonObject eyeFinder = measured.value();
  const QJsonObject old = gate.card.metrics.value(QStringLiteral("eye_finder")).toObject();
  if (old.contains(QStringLiteral("cat_face_layout_from")))
    eyeFinder.insert(QStringLiteral("cat_face_layout_from"),
                     old.value(QStringLiteral("cat_face_layout_from")));
  gate.card.metrics.insert(QStringLiteral("eye_finder"), eyeFinder);
  gate.card.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
  gate.card.trainerVersion = WALNESS_VERSION;
  return writeEyeGate(bundleDirectory, gate.card, gate.head, &gate.locator);
}

// The bundle's frozen model and its gate (an error when it has none).
Result<std::pair<bundle::ModelBundle, EyeGate>> modelWithGate(const std::string& bundleDirectory) {
  auto model = loadFrozenModel(bundleDirectory);
  if (!model) return model.error();
  auto existing = loadEyeGate(bundleDirectory, model->card.weightsSha256);
  if (!existing) return existing.error();
  if (!existing->has_value())
    return Error{bundleDirectory + ": no eye gate in this bundle; run train-gate"};
  return std::pair{std::move(model.value()), std::move(existing->value())};
}

// The bundle's gate with its locator retrained (or as it is), the finder re-measured, written.
Result<EyeGateCard> updateLocatorAndFinder(const std::string& bundleDirectory,
                                           const GateTrainingOptions& options,
                                           bool retrainLocator) {
  auto loaded = modelWithGate(bundleDirectory);
  if (!loaded) return loaded.error();
  auto& [model, gate] = loaded.value();
  auto samples = readGateSamples(options.folders);
  if (!samples) return samples.error();
  if (retrainLocator) {
    auto located = trainLocatorFor(model, samples.value(), options);
    if (!located) return located.error();
    gate.card.locator = located->settings;
    gate.locator = located->head;
  }
  return remeasureAndWrite(bundleDirectory, model, std::move(gate), samples.value(), options);
}

}  // namespace

Result<EyeGateCard> trainEyeGateLocator(const std::string& bundleDirectory,
                                        const GateTrainingOptions& options) {
  return updateLocatorAndFinder(bundleDirectory, options, /*retrainLocator=*/true);
}

Result<EyeGateCard> measureEyeGateFinder(const std::string& bundleDirectory,
                                         const GateTrainingOptions& options) {
  return updateLocatorAndFinder(bundleDirectory, options, /*retrainLocator=*/false);
}

namespace {

// With limitPerSource, a seeded random few of each source and split; then only the given share of
// the dog-eye training photos.
std::vector<GateSample> selectedSamples(const std::vector<GateSample>& all,
                                        const GateTrainingOptions& options) {
  std::vector<GateSample> samples;
  if (options.limitPerSource > 0) {
    std::map<std::pair<int, std::string>, int> taken;
    std::vector<GateSample> shuffled = all;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(options.seed));
    for (auto& sample : shuffled)
      if (++taken[{int(sample.source), sample.split}] <= options.limitPerSource)
        samples.push_back(sample);
  } else {
    samples = all;
  }
  if (options.dogEyeTrainShare < 1) {
    std::mt19937_64 random(options.seed + 7);
    std::vector<GateSample> kept;
    for (auto& sample : samples)
      if (sample.source != GateSource::DogEye || sample.split != "train" ||
          std::uniform_real_distribution<double>(0, 1)(random) < options.dogEyeTrainShare)
        kept.push_back(std::move(sample));
    samples = std::move(kept);
  }
  return samples;
}

// The cat-eye class weight: the one given, or the best of several by cross-validation (`trials`).
Result<double> chooseCatEyeWeight(const GateFeatureTable& train, const GateTrainingOptions& options,
                                  const EyeGateCard& card, Species modelSpecies,
                                  std::vector<CatEyeWeightTrial>& trials) {
  double catEyeWeight = 1, bestBalanced = -1;
  if (options.catEyeWeights.size() > 1) {
    trials = crossValidateCatEyeWeight(train, options, card, modelSpecies, options.catEyeWeights);
    if (options.stop && options.stop->load()) return Error{"stopped"};
    // The best balanced share of right decisions; on a tie the smaller weight.
    for (const CatEyeWeightTrial& trial : trials)
      if (trial.balanced() > bestBalanced + 1e-9 ||
          (trial.balanced() > bestBalanced - 1e-9 && trial.catEyeWeight < catEyeWeight)) {
        bestBalanced = trial.balanced();
        catEyeWeight = trial.catEyeWeight;
      }
  } else if (!options.catEyeWeights.empty()) {
    catEyeWeight = options.catEyeWeights.front();
  }
  return catEyeWeight;
}

struct GateHeadChoice {
  EyeGateHead head{nullptr};
  std::vector<CatEyeWeightTrial> trials;
  double catEyeWeight = 1;
  QJsonObject reusedTraining;  // with --reuse-head: how the kept head was trained
};

// The bundle's head with --reuse-head, else a new one trained on `train`.
Result<GateHeadChoice> gateHead(const std::string& bundleDirectory,
                                const bundle::ModelBundle& model, const GateFeatureTable& train,
                                const EyeGateCard& card, const GateTrainingOptions& options) {
  GateHeadChoice choice;
  if (options.reuseHead) {
    auto existing = loadEyeGate(bundleDirectory, model.card.weightsSha256);
    if (!existing) return existing.error();
    if (!existing->has_value()) return Error{bundleDirectory + ": no eye gate to reuse"};
    choice.head = existing->value().head;
    choice.reusedTraining =
        existing->value().card.provenance.value(QStringLiteral("training")).toObject();
    return choice;
  }
  auto weight = chooseCatEyeWeight(train, options, card, model.card.species, choice.trials);
  if (!weight) return weight.error();
  choice.catEyeWeight = weight.value();
  choice.head = trainGateHead(train, options, card.featureChannels, choice.catEyeWeight);
  return choice;
}

// Trains the locator into `gate`, fits the cat-face layout and measures the eye finder: the card's
// eye_finder numbers.
Result<QJsonObject> locateAndMeasureFinder(const bundle::ModelBundle& model, EyeGate& gate,
                                           const std::vector<GateSample>& samples,
                                           const GateTrainingOptions& options) {
  auto located = trainLocatorFor(model, samples, options);
  if (!located) return located.error();
  gate.card.locator = located->settings;
  if (!options.locatorUsedFor.empty()) gate.card.locator->species = options.locatorUsedFor;
  gate.locator = located->head;
  EyeFinder finder(model.network, gate, model.card.input);
  auto fitted = fitCatEyeLayout(finder, samples, gate.card.catEyes);
  if (!fitted) return fitted.error();
  gate.card.catEyes = fitted->layout;
  auto measured = measureEyeFinders(finder, samples, options);
  if (!measured) return measured.error();
  QJsonObject eyeFinder = measured.value();
  eyeFinder.insert(QStringLiteral("cat_face_layout_from"),
                   shareJson(fitted->photosWithFace, fitted->photos));
  return eyeFinder;
}

}  // namespace

Result<EyeGateCard> trainEyeGate(const std::string& bundleDirectory,
                                 const GateTrainingOptions& options) {
  auto model = loadFrozenModel(bundleDirectory);
  if (!model) return model.error();
  auto all = readGateSamples(options.folders);
  if (!all) return all.error();
  const std::vector<GateSample> samples = selectedSamples(all.value(), options);

  const auto started = Clock::now();
  auto table = extractGateFeatures(model.value(), gateHeadSamples(samples), options);
  if (!table) return table.error();
  const double extractSeconds = std::chrono::duration<double>(Clock::now() - started).count();
  const torch::Tensor isTrain = table->training.eq(1), isVal = table->training.eq(0);
  const GateFeatureTable train = table->rows(isTrain), val = table->rows(isVal);
  if (train.features.size(0) == 0 || val.features.size(0) == 0)
    return Error{"the eye gate needs photos in both the train and the val split"};
  const int64_t channels = model->network->featureChannels();

  EyeGateCard card;
  card.version = options.version;
  card.backboneModelId = model->card.id;
  card.backboneWeightsSha256 = model->card.weightsSha256;
  card.featureChannels = channels;
  card.hidden = options.hidden;
  auto head = gateHead(bundleDirectory, model.value(), train, card, options);
  if (!head) return head.error();
  EyeGate gate{card, head->head};

  // Val: the gate's decisions per source for this model's species, and the feature-distance
  // check of the disease model on the very same views.
  auto measured = measureGateOnVal(gate, model->card, val, channels, options);
  if (!measured) return measured.error();
  auto eyeFinder = locateAndMeasureFinder(model.value(), gate, samples, options);
  if (!eyeFinder) return eyeFinder.error();

  gate.card.metrics =
      gateMetricsJson(measured->summary, measured->perSource, eyeFinder.value(), extractSeconds);
  gate.card.provenance = gateProvenanceJson(
      options, train,
      options.reuseHead ? head->reusedTraining
                        : gateTrainingJson(options, head->catEyeWeight, head->trials));
  gate.card.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
  gate.card.trainerVersion = WALNESS_VERSION;
  return writeEyeGate(bundleDirectory, gate.card, gate.head, &gate.locator);
}

}  // namespace walness::gate
