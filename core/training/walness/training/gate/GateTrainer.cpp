#include "walness/training/gate/GateTrainer.h"

#include <torch/torch.h>
#include <opencv2/imgproc.hpp>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>

#include <walness/Version.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>

#include "walness/bundle/ModelBundle.h"
#include "walness/gate/EyeFinder.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/imaging/Preprocess.h"
#include "walness/inference/DiagnosisJson.h"
#include "walness/io/AtomicFile.h"
#include "walness/nn/Safetensors.h"
#include "walness/training/data/Augmenter.h"
#include "walness/training/gate/FinderMeasurement.h"
#include "walness/training/gate/GateHeadTraining.h"

namespace walness::gate {

namespace {

// The card's names for what the gate did with a photo: a diagnosis's JSON ids, or "screened".
std::string outcomeId(GateRefusal refusal) {
  using inference::AbstentionReason;
  switch (refusal) {
    case GateRefusal::NotAnEye:
      return std::string(inference::abstentionReasonId(AbstentionReason::NotAnEye));
    case GateRefusal::OtherSpecies:
      return std::string(inference::abstentionReasonId(AbstentionReason::OtherSpecies));
    case GateRefusal::None:
      break;
  }
  return "screened";
}

using Clock = std::chrono::steady_clock;

double uniform(std::mt19937_64& random, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(random);
}

// Letterbox bars like those of the dog-eye crops, on views of other photos, so that black bars
// tell the gate nothing about the species.
cv::Mat withBlackBars(const cv::Mat& view, std::mt19937_64& random) {
  const double keep = uniform(random, 0.55, 0.9);
  const bool vertical = uniform(random, 0, 1) < 0.5;
  const cv::Size inner = vertical ? cv::Size(int(view.cols * keep), view.rows)
                                  : cv::Size(view.cols, int(view.rows * keep));
  cv::Mat shrunk;
  cv::resize(view, shrunk, inner, 0, 0, cv::INTER_AREA);
  cv::Mat out(view.size(), view.type(), cv::Scalar::all(0));
  shrunk.copyTo(out(cv::Rect((view.cols - inner.width) / 2, (view.rows - inner.height) / 2,
                             inner.width, inner.height)));
  return out;
}

// A random square-ish crop covering `minShare`..`maxShare` of the photo's shorter side.
cv::Rect randomSquare(const cv::Size& size, double minShare, double maxShare,
                      std::mt19937_64& random) {
  const int side =
      std::max(16, int(uniform(random, minShare, maxShare) * std::min(size.width, size.height)));
  const int x = int(uniform(random, 0, std::max(1, size.width - side)));
  const int y = int(uniform(random, 0, std::max(1, size.height - side)));
  return cv::Rect(x, y, side, side) & cv::Rect(0, 0, size.width, size.height);
}

struct View {
  cv::Mat square;  // the model's RGB input, spec.size square
  GateClass label;
};

// The views of one photo: plain for val; plain plus augmented ones (and crops) for training.
std::vector<View> viewsOf(const GateSample& sample, const cv::Mat& rgb, bool training,
                          const imaging::InputSpec& spec, const GateTrainingOptions& options,
                          std::mt19937_64& random) {
  std::vector<View> views;
  training::AugmentOptions augment;
  augment.grayscaleProbability = options.grayscaleShare;
  const cv::Size size = rgb.size();
  const auto plain = [&](const std::optional<cv::Rect>& region) {
    return imaging::modelView(rgb, spec, region);
  };
  const auto augmented = [&](const std::optional<cv::Rect>& region) {
    return training::augmentedModelView(rgb, region, spec, augment, random);
  };
  const auto maybeBars = [&](cv::Mat view) {
    return uniform(random, 0, 1) < 0.3 ? withBlackBars(view, random) : view;
  };
  std::vector<cv::Rect> eyes;
  for (const cv::Rect2d& box : sample.eyeBoxes)
    eyes.emplace_back(int(box.x * size.width), int(box.y * size.height),
                      std::max(1, int(box.width * size.width)),
                      std::max(1, int(box.height * size.height)));
  // A square around a boxed eye, `margin` times its larger side.
  const auto eyeSquare = [&](const cv::Rect& eye, double margin, double jitter) {
    const double side = std::max(eye.width, eye.height) * margin;
    const double cx = eye.x + eye.width / 2.0 + uniform(random, -jitter, jitter) * side;
    const double cy = eye.y + eye.height / 2.0 + uniform(random, -jitter, jitter) * side;
    return cv::Rect(int(cx - side / 2), int(cy - side / 2), int(side), int(side)) &
           cv::Rect(0, 0, size.width, size.height);
  };

  if (!training) {
    if (sample.source == GateSource::CatPhoto) {
      views.push_back({plain(std::nullopt), kNotEye});
      return views;
    }
    views.push_back({plain(std::nullopt), sample.label});
    return views;
  }
  switch (sample.source) {
    case GateSource::DogFace:
      break;  // a whole face: neither a close-up nor clearly not one; left out
    case GateSource::DogEye:
      views.push_back({plain(std::nullopt), kDogEye});
      for (int i = 0; i < options.dogEyeViews; ++i)
        views.push_back({augmented(std::nullopt), kDogEye});
      break;
    case GateSource::CatEye:
    case GateSource::CatEyeUnusable:
      views.push_back({maybeBars(plain(std::nullopt)), sample.label});
      for (int i = 0; i < options.catEyeViews; ++i)
        views.push_back({maybeBars(augmented(std::nullopt)), sample.label});
      break;
    case GateSource::NotEye:
      views.push_back({maybeBars(plain(std::nullopt)), kNotEye});
      for (int i = 0; i < options.notEyeCrops; ++i)
        views.push_back({maybeBars(augmented(randomSquare(size, 0.35, 1.0, random))), kNotEye});
      break;
    case GateSource::CatPhoto: {
      views.push_back({maybeBars(plain(std::nullopt)), kNotEye});
      int made = 0;
      for (int attempt = 0; attempt < options.catPhotoCrops * 8 && made < options.catPhotoCrops;
           ++attempt) {
        const cv::Rect crop = randomSquare(size, 0.25, 1.0, random);
        // Not an eye close-up: no boxed eye may fill more than 4% of the crop.
        const bool closeUp = std::any_of(eyes.begin(), eyes.end(), [&](const cv::Rect& eye) {
          return (eye & crop).area() > 0.04 * crop.area();
        });
        if (closeUp) continue;
        views.push_back({maybeBars(augmented(crop)), kNotEye});
        ++made;
      }
      for (const cv::Rect& eye : eyes)
        for (int i = 0; i < options.catPhotoEyeCrops; ++i) {
          const cv::Rect square = eyeSquare(eye, uniform(random, 1.1, 2.2), 0.1);
          if (square.width >= 8 && square.height >= 8) views.push_back({plain(square), kCatEye});
        }
      break;
    }
    case GateSource::DogPhoto:
      break;  // for the eye locator only (its eyes are mostly too small to be close-ups)
  }
  return views;
}

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

Result<GateFeatureTable> extractFeatures(const bundle::ModelBundle& model,
                                         const std::vector<GateSample>& samples,
                                         const GateTrainingOptions& options) {
  std::string cachePath;
  if (!options.featureCache.empty()) {
    QDir().mkpath(QString::fromStdString(options.featureCache));
    cachePath = options.featureCache + "/gate-features-" +
                cacheKey(model.card.weightsSha256, options, samples) + ".safetensors";
    if (auto cached = nn::readSafetensors(cachePath)) {
      auto& t = cached->tensors;
      if (t.count("features") && t.count("labels") && t.count("sources") && t.count("training") &&
          t.count("photos"))
        return GateFeatureTable{t["features"], t["labels"], t["sources"], t["training"],
                                t["photos"]};
    }
  }
  std::vector<torch::Tensor> features;
  std::vector<int64_t> labels, sources, training, photos;
  std::vector<torch::Tensor> pending;
  const auto flush = [&] {
    if (pending.empty()) return;
    torch::InferenceMode inference;
    const torch::Tensor batch = torch::cat(pending, 0);
    features.push_back(EyeGateHeadImpl::pool(model.network->features(batch)).to(torch::kCPU));
    pending.clear();
  };
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
    for (const View& view :
         viewsOf(sample, decoded->rgb, isTraining, model.card.input, options, random)) {
      pending.push_back(imaging::normalizeModelView(view.square, model.card.input));
      labels.push_back(view.label);
      sources.push_back(int64_t(sample.source));
      training.push_back(isTraining ? 1 : 0);
      photos.push_back(int64_t(i));
      if (pending.size() >= 32) flush();
    }
    if (options.progress && (i % 64 == 0 || i + 1 == samples.size()))
      options.progress("features", i + 1, samples.size());
  }
  flush();
  if (features.empty()) return Error{"no photos to train the eye gate on"};
  GateFeatureTable table{torch::cat(features, 0), torch::tensor(labels), torch::tensor(sources),
                         torch::tensor(training), torch::tensor(photos)};
  if (!cachePath.empty()) {
    nn::TensorFile file;
    file.tensors = {{"features", table.features},
                    {"labels", table.labels},
                    {"sources", table.sources},
                    {"training", table.training},
                    {"photos", table.photos}};
    (void)nn::writeSafetensors(cachePath, file);
  }
  return table;
}

QJsonObject share(int64_t part, int64_t whole) {
  return QJsonObject{{QStringLiteral("count"), double(part)},
                     {QStringLiteral("of"), double(whole)},
                     {QStringLiteral("share"), whole ? double(part) / double(whole) : 0.0}};
}

// The boxed cat and dog photos, for the eye locator. Dog photos without a marked eye are left
// out: their eyes exist but were too unclear to mark, so they are not eye-free backgrounds.
std::vector<locator::BoxedPhoto> boxedPhotos(const std::vector<GateSample>& samples) {
  std::vector<locator::BoxedPhoto> photos;
  for (const GateSample& sample : samples)
    if ((sample.source == GateSource::CatPhoto || sample.source == GateSource::DogPhoto) &&
        !sample.eyeBoxes.empty())
      photos.push_back({sample.path, sample.split, sample.eyeBoxes,
                        sample.source == GateSource::DogPhoto ? Species::Dog : Species::Cat});
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

Result<EyeGateCard> trainEyeGate(const std::string& bundleDirectory,
                                 const GateTrainingOptions& options) {
  auto model = loadFrozenModel(bundleDirectory);
  if (!model) return model.error();

  auto all = readGateSamples(options.folders);
  if (!all) return all.error();
  std::vector<GateSample> samples;
  if (options.limitPerSource > 0) {
    std::map<std::pair<int, std::string>, int> taken;
    std::vector<GateSample> shuffled = all.value();
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(options.seed));
    for (auto& sample : shuffled)
      if (++taken[{int(sample.source), sample.split}] <= options.limitPerSource)
        samples.push_back(sample);
  } else {
    samples = all.value();
  }
  if (options.dogEyeTrainShare < 1) {
    std::mt19937_64 random(options.seed + 7);
    std::vector<GateSample> kept;
    for (auto& sample : samples)
      if (sample.source != GateSource::DogEye || sample.split != "train" ||
          uniform(random, 0, 1) < options.dogEyeTrainShare)
        kept.push_back(std::move(sample));
    samples = std::move(kept);
  }

  const auto started = Clock::now();
  auto table = extractFeatures(model.value(), gateHeadSamples(samples), options);
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
  EyeGateHead head{nullptr};
  std::vector<CatEyeWeightTrial> trials;
  double catEyeWeight = 1, bestBalanced = -1;
  QJsonObject reusedTraining;  // with --reuse-head: how the kept head was trained
  if (options.reuseHead) {
    auto existing = loadEyeGate(bundleDirectory, model->card.weightsSha256);
    if (!existing) return existing.error();
    if (!existing->has_value()) return Error{bundleDirectory + ": no eye gate to reuse"};
    head = existing->value().head;
    reusedTraining = existing->value().card.provenance.value(QStringLiteral("training")).toObject();
  } else {
    if (options.catEyeWeights.size() > 1) {
      trials = crossValidateCatEyeWeight(train, options, card, model->card.species,
                                         options.catEyeWeights);
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
    head = trainGateHead(train, options, channels, catEyeWeight);
  }
  EyeGate gate{card, head};

  // Val: the gate's decisions per source for this model's species, and the feature-distance
  // check of the disease model on the very same views.
  torch::Tensor probabilities;
  {
    torch::NoGradGuard noGrad;
    probabilities = torch::softmax(gate.head->forward(val.features), 1);
  }
  std::map<int, std::map<std::string, int64_t>> counts;  // source -> outcome -> count
  int64_t speciesRight = 0, speciesTotal = 0;
  const auto* ood = model->card.ood ? &*model->card.ood : nullptr;
  torch::Tensor oodScores;
  if (ood) {
    const torch::Tensor mean = torch::tensor(ood->featureMean);
    const torch::Tensor std = torch::tensor(ood->featureStd);
    oodScores = ((val.features.slice(1, 0, channels) - mean) / std).pow(2).mean(1);
  }
  std::string scoresCsv = "source,label,dog_eye,cat_eye,not_eye,distance\n";
  for (int64_t i = 0; i < val.features.size(0); ++i) {
    if (!options.valScoresCsv.empty())
      scoresCsv += gateSourceId(GateSource(val.sources[i].item<int64_t>())) + "," +
                   std::to_string(val.labels[i].item<int64_t>()) + "," +
                   std::to_string(probabilities[i][kDogEye].item<double>()) + "," +
                   std::to_string(probabilities[i][kCatEye].item<double>()) + "," +
                   std::to_string(probabilities[i][kNotEye].item<double>()) + "," +
                   (ood ? std::to_string(oodScores[i].item<double>()) : std::string()) + "\n";
    const GateScores scores{probabilities[i][kDogEye].item<double>(),
                            probabilities[i][kCatEye].item<double>(),
                            probabilities[i][kNotEye].item<double>()};
    const GateVerdict verdict = gate.judge(scores, model->card.species);
    auto& row = counts[int(val.sources[i].item<int64_t>())];
    ++row["photos"];
    ++row[outcomeId(verdict.refusal)];
    if (ood && oodScores[i].item<double>() > ood->threshold) ++row["distance_check_refused"];
    if (ood && (verdict.refused() || oodScores[i].item<double>() > ood->threshold))
      ++row["either_refused"];
    const int64_t label = val.labels[i].item<int64_t>();
    const auto source = GateSource(val.sources[i].item<int64_t>());
    if (source == GateSource::DogEye || source == GateSource::CatEye) {
      ++speciesTotal;
      if ((scores.dogEye >= scores.catEye) == (label == kDogEye)) ++speciesRight;
    }
  }
  QJsonObject perSource;
  for (auto& [source, row] : counts) {
    QJsonObject entry{{QStringLiteral("photos"), double(row["photos"])}};
    for (const std::string& outcome :
         {outcomeId(GateRefusal::None), outcomeId(GateRefusal::NotAnEye),
          outcomeId(GateRefusal::OtherSpecies), std::string("distance_check_refused"),
          std::string("either_refused")})
      entry.insert(QString::fromStdString(outcome), share(row[outcome], row["photos"]));
    perSource.insert(QString::fromStdString(gateSourceId(GateSource(source))), entry);
  }
  if (!options.valScoresCsv.empty()) {
    auto written = io::writeFileAtomically(QString::fromStdString(options.valScoresCsv),
                                           QByteArray::fromStdString(scoresCsv));
    if (!written) return written.error();
  }
  const auto row = [&](GateSource source) { return counts[int(source)]; };
  auto dog = row(GateSource::DogEye), cat = row(GateSource::CatEye),
       other = row(GateSource::NotEye);
  const std::string notAnEye = outcomeId(GateRefusal::NotAnEye),
                    otherSpecies = outcomeId(GateRefusal::OtherSpecies);
  QJsonObject summary{{QStringLiteral("not_eye_photos_accepted"),
                       share(other["photos"] - other[notAnEye], other["photos"])},
                      {QStringLiteral("dog_eye_closeups_refused"),
                       share(dog[notAnEye] + dog[otherSpecies], dog["photos"])},
                      {QStringLiteral("cat_eye_closeups_refused_other_species"),
                       share(cat[otherSpecies], cat["photos"])},
                      {QStringLiteral("cat_eye_closeups_refused_any"),
                       share(cat[otherSpecies] + cat[notAnEye], cat["photos"])},
                      {QStringLiteral("species_accuracy"), share(speciesRight, speciesTotal)}};

  auto located = trainLocatorFor(model.value(), samples, options);
  if (!located) return located.error();
  gate.card.locator = located->settings;
  if (!options.locatorUsedFor.empty()) gate.card.locator->species = options.locatorUsedFor;
  gate.locator = located->head;
  EyeFinder finder(model->network, gate, model->card.input);
  auto fitted = fitCatEyeLayout(finder, samples, gate.card.catEyes);
  if (!fitted) return fitted.error();
  gate.card.catEyes = fitted->layout;
  auto measured = measureEyeFinders(finder, samples, options);
  if (!measured) return measured.error();
  QJsonObject eyeFinder = measured.value();
  eyeFinder.insert(QStringLiteral("cat_face_layout_from"),
                   share(fitted->photosWithFace, fitted->photos));

  QJsonObject metrics{
      {QStringLiteral("dataset"),
       QStringLiteral("val splits of dog-eye, cat-eye, not-eye, cat-photos and dog-photos")},
      {QStringLiteral("summary"), summary},
      {QStringLiteral("per_source"), perSource},
      {QStringLiteral("eye_finder"), eyeFinder},
      {QStringLiteral("feature_extraction_seconds"), extractSeconds},
      {QStringLiteral("note"),
       QStringLiteral("Measured on the val splits, which neither the head nor the cat-face layout "
                      "was fitted on; the decision thresholds are fixed (0.5), not tuned on val. "
                      "The distance check is the disease model's out-of-distribution score on the "
                      "same photos, at its card's threshold.")}};
  QJsonObject trainCounts;
  for (int c = 0; c < kGateClassCount; ++c)
    trainCounts.insert(c == kDogEye   ? QStringLiteral("dog_eye")
                       : c == kCatEye ? QStringLiteral("cat_eye")
                                      : QStringLiteral("not_eye"),
                       double(train.labels.eq(c).sum().item<int64_t>()));
  gate.card.metrics = metrics;
  QJsonObject training{{QStringLiteral("epochs"), options.epochs},
                       {QStringLiteral("batch_size"), options.batchSize},
                       {QStringLiteral("learning_rate"), options.learningRate},
                       {QStringLiteral("weight_decay"), options.weightDecay},
                       {QStringLiteral("seed"), QString::number(options.seed)},
                       {QStringLiteral("dog_eye_train_share"), options.dogEyeTrainShare},
                       {QStringLiteral("grayscale_share"), options.grayscaleShare},
                       {QStringLiteral("limit_per_source"), options.limitPerSource},
                       {QStringLiteral("cat_eye_weight"), catEyeWeight}};
  if (!trials.empty()) {
    QJsonArray tried;
    for (const CatEyeWeightTrial& trial : trials)
      tried.append(QJsonObject{
          {QStringLiteral("cat_eye_weight"), trial.catEyeWeight},
          {QStringLiteral("own_species_eyes_screened"), trial.ownEyesScreened},
          {QStringLiteral("other_species_eyes_other_species"), trial.otherEyesOtherSpecies},
          {QStringLiteral("not_eyes_not_an_eye"), trial.notEyesNotAnEye},
          {QStringLiteral("balanced"), trial.balanced()}});
    training.insert(
        QStringLiteral("cat_eye_weight_cross_validation"),
        QJsonObject{{QStringLiteral("how"),
                     QStringLiteral("5-fold cross-validation on the training views (folds of 16 "
                                    "consecutive photos); the weight with the best mean of the "
                                    "three shares of right decisions at the fixed thresholds was "
                                    "kept. The val split was not used.")},
                    {QStringLiteral("tried"), tried}});
  }
  gate.card.provenance = QJsonObject{
      {QStringLiteral("data"), QJsonArray{QString::fromStdString(options.folders.dogEye),
                                          QString::fromStdString(options.folders.catEye),
                                          QString::fromStdString(options.folders.notEye),
                                          QString::fromStdString(options.folders.catPhotos),
                                          QString::fromStdString(options.folders.dogPhotos)}},
      {QStringLiteral("train_views"), trainCounts},
      {QStringLiteral("views"),
       QStringLiteral("train: each photo plain plus augmented views; not-eye photos also as random "
                      "crops; whole-cat photos as crops away from the eye (not an eye) and squares "
                      "around the boxed eye (a cat's eye); black letterbox bars added to some "
                      "non-dog views so bars say nothing about the species; a share of the "
                      "augmented views of every class turned grey (grayscale_share). Dog "
                      "whole-face (fullframe) rows are left out of training. val: each photo "
                      "once, plain.")},
      {QStringLiteral("training"), options.reuseHead ? reusedTraining : training},
      {QStringLiteral("known_limits"),
       QJsonArray{
           QStringLiteral("Knows dog eyes, cat eyes and everything else only from the photos "
                          "above: other animals' eyes, drawings or photos of screens may pass."),
           QStringLiteral("Cat eyes were learned from soft, small crops (CAT dataset) and boxed "
                          "whole-cat photos; dog eyes from AI Hub clinic crops only."),
           QStringLiteral("Whole dog faces were not used to train the gate and most of them pass "
                          "it (per_source.dog_face); the disease model saw such photos for "
                          "conjunctivitis only: a square on one eye suits it better."),
           QStringLiteral("The eye finder was measured on 41 cat and 14 dog val photos only: one "
                          "photo moves a dog rate by 7 points. Dog eyes under 8 px across were "
                          "not marked, and a found eye that small is too few pixels to screen."),
           QStringLiteral("It cannot tell a healthy eye from a diseased one; it only decides "
                          "whether the disease model may look.")}}};
  gate.card.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
  gate.card.trainerVersion = WALNESS_VERSION;
  return writeEyeGate(bundleDirectory, gate.card, gate.head, &gate.locator);
}

}  // namespace walness::gate
