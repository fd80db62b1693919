#include "walness/training/locator/LocatorTrainer.h"

#include <torch/torch.h>
#include <opencv2/imgproc.hpp>

#include <QCryptographicHash>
#include <QDir>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <random>

#include "walness/gate/EyeFinder.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/locator/EyeLocator.h"
#include "walness/nn/Safetensors.h"

namespace walness::locator {

namespace {

using Clock = std::chrono::steady_clock;

double uniform(std::mt19937_64& random, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(random);
}

// One training view: the photo scaled and placed on a side x side canvas, and its eyes there
// (centre x, centre y, side; canvas pixels).
struct View {
  cv::Mat canvas;
  std::vector<cv::Vec3d> eyes;
};

View makeView(const cv::Mat& photo, const std::vector<cv::Rect2d>& photoBoxes, int side,
              bool augment, bool mirror, const imaging::InputSpec& spec, std::mt19937_64& random) {
  cv::Mat rgb = photo;
  std::vector<cv::Rect2d> boxes = photoBoxes;
  if (mirror) {
    cv::flip(photo, rgb, 1);
    for (cv::Rect2d& box : boxes) box.x = 1 - box.x - box.width;
  }
  const double fit = double(side) / std::max(rgb.cols, rgb.rows);
  const double scale = augment ? fit * uniform(random, 0.6, 1.35) : fit;
  cv::Mat scaled;
  cv::resize(rgb, scaled,
             cv::Size(std::max(1, int(std::lround(rgb.cols * scale))),
                      std::max(1, int(std::lround(rgb.rows * scale)))),
             0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  // Where the scaled photo's top-left corner lands on the canvas (negative: cropped).
  const auto offset = [&](int length) {
    if (!augment) return 0;
    return length > side ? -int(uniform(random, 0, length - side))
                         : int(uniform(random, 0, side - length));
  };
  const int dx = offset(scaled.cols), dy = offset(scaled.rows);
  cv::Mat canvas(side, side, CV_8UC3, cv::Scalar(spec.mean[0], spec.mean[1], spec.mean[2]));
  const cv::Rect onCanvas = cv::Rect(dx, dy, scaled.cols, scaled.rows) & cv::Rect(0, 0, side, side);
  scaled(cv::Rect(onCanvas.x - dx, onCanvas.y - dy, onCanvas.width, onCanvas.height))
      .copyTo(canvas(onCanvas));
  if (augment) {
    const double contrast = uniform(random, 0.7, 1.3), brightness = uniform(random, -25, 25);
    canvas.convertTo(canvas, -1, contrast, brightness);
    if (uniform(random, 0, 1) < 0.3)
      cv::GaussianBlur(canvas, canvas, cv::Size(0, 0), uniform(random, 0.5, 1.5));
  }
  View view{canvas, {}};
  for (const cv::Rect2d& box : boxes) {
    const double cx = (box.x + box.width / 2) * rgb.cols * scale + dx;
    const double cy = (box.y + box.height / 2) * rgb.rows * scale + dy;
    const double eyeSide = std::max(box.width * rgb.cols, box.height * rgb.rows) * scale;
    if (cx >= 0 && cy >= 0 && cx < side && cy < side) view.eyes.push_back({cx, cy, eyeSide});
  }
  return view;
}

struct FeatureViews {
  torch::Tensor fine, deep;  // [N, Cf, H, W], [N, Cd, H/2, W/2]
  torch::Tensor eyes;        // [M, 4]: view, centre x, centre y, side (canvas pixels)
};

std::string cacheKey(const std::string& weightsSha, const LocatorTrainingOptions& o,
                     const std::vector<const BoxedPhoto*>& photos) {
  QCryptographicHash hash(QCryptographicHash::Sha256);
  hash.addData(QByteArray::fromStdString(
      weightsSha + " locator v3 " + std::to_string(o.settings.inputSide) + " " +
      std::to_string(o.viewsPerPhoto) + " " + std::to_string(o.dogViewsPerPhoto) + " " +
      std::to_string(o.eyeFreeViewsPerPhoto) + " " + std::to_string(o.seed)));
  for (const BoxedPhoto* photo : photos) {
    std::string line =
        photo->path + " " + (photo->eyeFree ? "eye-free" : std::string(speciesId(photo->species)));
    for (const cv::Rect2d& box : photo->boxes)
      line += " " + std::to_string(box.x) + "," + std::to_string(box.y) + "," +
              std::to_string(box.width) + "," + std::to_string(box.height);
    hash.addData(QByteArray::fromStdString(line + "\n"));
  }
  return hash.result().toHex().left(16).toStdString();
}

Result<FeatureViews> extractViews(nn::FeatureClassifier& network, const std::string& weightsSha,
                                  const imaging::InputSpec& spec,
                                  const std::vector<const BoxedPhoto*>& photos,
                                  const LocatorTrainingOptions& options) {
  std::string cachePath;
  if (!options.featureCache.empty()) {
    QDir().mkpath(QString::fromStdString(options.featureCache));
    cachePath = options.featureCache + "/locator-features-" +
                cacheKey(weightsSha, options, photos) + ".safetensors";
    if (auto cached = nn::readSafetensors(cachePath)) {
      auto& t = cached->tensors;
      if (t.count("fine") && t.count("deep") && t.count("eyes"))
        return FeatureViews{t["fine"], t["deep"], t["eyes"]};
    }
  }
  const int side = int(options.settings.inputSide);
  std::vector<torch::Tensor> fine, deep;
  std::vector<double> eyes;
  int64_t viewIndex = 0;
  for (size_t i = 0; i < photos.size(); ++i) {
    if (options.stop && options.stop->load()) return Error{"stopped"};
    auto decoded = imaging::decodeImageFile(photos[i]->path);
    if (!decoded) return decoded.error();
    std::mt19937_64 random(options.seed * 7919 + i);
    std::vector<torch::Tensor> inputs;
    const bool eyeFree = photos[i]->eyeFree;
    const bool dog = !eyeFree && photos[i]->species == Species::Dog;
    const int viewCount = std::max(1, eyeFree ? options.eyeFreeViewsPerPhoto
                                      : dog   ? options.dogViewsPerPhoto
                                              : options.viewsPerPhoto);
    for (int v = 0; v < viewCount; ++v) {
      const View view =
          makeView(decoded->rgb, photos[i]->boxes, side, v > 0, dog && v % 2 == 1, spec, random);
      inputs.push_back(paddedLocatorInput(view.canvas, spec));
      for (const cv::Vec3d& eye : view.eyes)
        eyes.insert(eyes.end(), {double(viewIndex), eye[0], eye[1], eye[2]});
      ++viewIndex;
    }
    torch::InferenceMode inference;
    const std::vector<torch::Tensor> maps = network.locatorFeatures(torch::cat(inputs, 0));
    if (maps.size() != 2) return Error{"this architecture offers no maps for an eye locator"};
    fine.push_back(maps[0].to(torch::kFloat).contiguous());
    deep.push_back(maps[1].to(torch::kFloat).contiguous());
    if (options.progress) options.progress("locator features", i + 1, photos.size());
  }
  if (fine.empty()) return Error{"no boxed photos in the train split for the eye locator"};
  FeatureViews views{torch::cat(fine, 0), torch::cat(deep, 0),
                     torch::tensor(eyes, torch::kDouble).reshape({-1, 4}).to(torch::kFloat)};
  if (!cachePath.empty()) {
    nn::TensorFile file;
    file.tensors = {{"fine", views.fine}, {"deep", views.deep}, {"eyes", views.eyes}};
    (void)nn::writeSafetensors(cachePath, file);
  }
  return views;
}

// Targets for a batch: a Gaussian around each eye centre on the cell grid (exactly 1 in the
// centre's cell), and per centre cell its offsets within the cell and the log of its side in
// cells.
struct Targets {
  torch::Tensor heat;                    // [B, H, W]
  torch::Tensor batch, row, column;      // [K] int64
  torch::Tensor offsetX, offsetY, size;  // [K]
};

Targets targetsFor(const torch::Tensor& viewIndices, const torch::Tensor& eyes, int64_t height,
                   int64_t width) {
  const double stride = double(EyeLocatorHeadImpl::kStride);
  const int64_t batchSize = viewIndices.size(0);
  Targets t;
  t.heat = torch::zeros({batchSize, height, width});
  auto heat = t.heat.accessor<float, 3>();
  std::vector<int64_t> batch, row, column;
  std::vector<float> offsetX, offsetY, size;
  const auto eyeRows = eyes.accessor<float, 2>();
  const auto index = viewIndices.accessor<int64_t, 1>();
  for (int64_t b = 0; b < batchSize; ++b)
    for (int64_t e = 0; e < eyes.size(0); ++e) {
      if (int64_t(eyeRows[e][0]) != index[b]) continue;
      const double ex = eyeRows[e][1] / stride, ey = eyeRows[e][2] / stride;
      const double sideCells = std::max(0.25, double(eyeRows[e][3]) / stride);
      const int64_t c = std::clamp<int64_t>(int64_t(ex), 0, width - 1);
      const int64_t r = std::clamp<int64_t>(int64_t(ey), 0, height - 1);
      const double sigma = std::max(0.5, sideCells / 3);
      for (int64_t y = std::max<int64_t>(0, r - 4); y <= std::min(height - 1, r + 4); ++y)
        for (int64_t x = std::max<int64_t>(0, c - 4); x <= std::min(width - 1, c + 4); ++x) {
          const double d2 = std::pow(x + 0.5 - ex, 2) + std::pow(y + 0.5 - ey, 2);
          heat[b][y][x] = std::max(heat[b][y][x], float(std::exp(-d2 / (2 * sigma * sigma))));
        }
      heat[b][r][c] = 1;
      batch.push_back(b);
      row.push_back(r);
      column.push_back(c);
      offsetX.push_back(float(std::clamp(ex - c, 0.01, 0.99)));
      offsetY.push_back(float(std::clamp(ey - r, 0.01, 0.99)));
      size.push_back(float(std::log(sideCells)));
    }
  t.batch = torch::tensor(batch, torch::kLong);
  t.row = torch::tensor(row, torch::kLong);
  t.column = torch::tensor(column, torch::kLong);
  t.offsetX = torch::tensor(offsetX);
  t.offsetY = torch::tensor(offsetY);
  t.size = torch::tensor(size);
  return t;
}

// CenterNet's focal loss on the eye-centre map plus L1 on offsets and log side at the centres.
torch::Tensor locatorLoss(const torch::Tensor& output, const Targets& t) {
  const torch::Tensor logits = output.select(1, 0);
  const torch::Tensor p = torch::sigmoid(logits);
  const torch::Tensor centre = t.heat.eq(1);
  const torch::Tensor positive =
      (-torch::log_sigmoid(logits) * (1 - p).pow(2)).masked_select(centre).sum();
  const torch::Tensor negative =
      (-torch::log_sigmoid(-logits) * p.pow(2) * (1 - t.heat).pow(4)).masked_select(~centre).sum();
  const double count = std::max<int64_t>(1, t.batch.size(0));
  torch::Tensor loss = (positive + negative) / count;
  if (t.batch.size(0) > 0) {
    const auto at = [&](int64_t channel) {
      return output.select(1, channel).index({t.batch, t.row, t.column});
    };
    loss = loss + torch::l1_loss(torch::sigmoid(at(1)), t.offsetX) +
           torch::l1_loss(torch::sigmoid(at(2)), t.offsetY) + torch::l1_loss(at(3), t.size);
  }
  return loss;
}

// The train and the val split's photos (a photo of another split trains).
std::pair<std::vector<const BoxedPhoto*>, std::vector<const BoxedPhoto*>> splitPhotos(
    const std::vector<BoxedPhoto>& photos) {
  std::vector<const BoxedPhoto*> train, val;
  for (const BoxedPhoto& photo : photos)
    (photo.split == "train" ? train : photo.split == "val" ? val : train).push_back(&photo);
  return {train, val};
}

// Cosine decay to 2% of the peak.
void setCosineRate(torch::optim::AdamW& optimizer, const LocatorTrainingOptions& options,
                   int64_t step, int64_t totalSteps) {
  const double rate =
      options.learningRate * (0.02 + 0.98 * 0.5 * (1 + std::cos(M_PI * double(step) / totalSteps)));
  for (auto& group : optimizer.param_groups())
    static_cast<torch::optim::AdamWOptions&>(group.options()).lr(rate);
}

// Trains `head` on the views with AdamW; the last epoch's mean loss. Leaves the head frozen, in
// eval mode.
Result<double> trainHead(EyeLocatorHead& head, const FeatureViews& views,
                         const LocatorTrainingOptions& options) {
  torch::optim::AdamW optimizer(
      head->parameters(),
      torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));
  const int64_t n = views.fine.size(0);
  const int64_t steps = std::max<int64_t>(1, (n + options.batchSize - 1) / options.batchSize);
  const int64_t totalSteps = steps * options.epochs;
  int64_t step = 0;
  double lastLoss = 0;
  head->train();
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    const torch::Tensor order = torch::randperm(n);
    double epochLoss = 0;
    for (int64_t start = 0; start < n; start += options.batchSize, ++step) {
      if (options.stop && options.stop->load()) return Error{"stopped"};
      setCosineRate(optimizer, options, step, totalSteps);
      const torch::Tensor index = order.slice(0, start, std::min(n, start + options.batchSize));
      const torch::Tensor output =
          head->forward(views.fine.index_select(0, index), views.deep.index_select(0, index));
      const Targets targets = targetsFor(index, views.eyes, output.size(2), output.size(3));
      optimizer.zero_grad();
      const torch::Tensor loss = locatorLoss(output, targets);
      loss.backward();
      optimizer.step();
      epochLoss += loss.item<double>();
    }
    lastLoss = epochLoss / double(steps);
    if (options.progress) options.progress("locator", size_t(epoch + 1), size_t(options.epochs));
  }
  head->eval();
  for (auto& parameter : head->parameters()) parameter.set_requires_grad(false);
  return lastLoss;
}

struct SpeciesCounts {
  int64_t photos = 0, hitFirst = 0, hitTwo = 0, framedTwo = 0, none = 0;
};

struct EyeFreeCounts {
  int64_t photos = 0, anySquare = 0, sureSquare = 0;
};

// Adds how the proposed `eyes` of one photo met its `boxes` (0..1 of `size`) to `counts`.
void countPhoto(const std::vector<LocatedEye>& eyes, const std::vector<cv::Rect2d>& photoBoxes,
                const cv::Size& size, SpeciesCounts& counts) {
  std::vector<cv::Rect2d> boxes;
  for (const cv::Rect2d& box : photoBoxes)
    boxes.emplace_back(box.x * size.width, box.y * size.height, box.width * size.width,
                       box.height * size.height);
  const auto overlaps = [&](size_t k) {
    if (k >= eyes.size()) return false;
    for (const cv::Rect2d& box : boxes)
      if (gate::intersectionOverUnion(eyes[k].square, box) >= 0.25) return true;
    return false;
  };
  const auto frames = [&](size_t k) {
    if (k >= eyes.size()) return false;
    for (const cv::Rect2d& box : boxes)
      if (gate::framesEye(eyes[k].square, box)) return true;
    return false;
  };
  ++counts.photos;
  if (eyes.empty()) ++counts.none;
  if (overlaps(0)) ++counts.hitFirst;
  if (overlaps(0) || overlaps(1)) ++counts.hitTwo;
  if (frames(0) || frames(1)) ++counts.framedTwo;
}

QJsonObject share(int64_t part, int64_t whole) {
  return QJsonObject{{QStringLiteral("count"), double(part)},
                     {QStringLiteral("of"), double(whole)},
                     {QStringLiteral("share"), whole ? double(part) / double(whole) : 0.0}};
}

// Val: the photos as the app will see them (plain, whole), per species; the card's metrics.
Result<QJsonObject> measureOnVal(nn::FeatureClassifier& network, EyeLocatorHead& head,
                                 const EyeLocatorSettings& settings, const imaging::InputSpec& spec,
                                 const std::vector<const BoxedPhoto*>& val) {
  std::map<Species, SpeciesCounts> counts;
  EyeFreeCounts eyeFree;
  double seconds = 0;
  for (const BoxedPhoto* photo : val) {
    auto decoded = imaging::decodeImageFile(photo->path);
    if (!decoded) return decoded.error();
    const auto before = Clock::now();
    const auto eyes = locateEyes(network, head, settings, spec, decoded->rgb, 4);
    seconds += std::chrono::duration<double>(Clock::now() - before).count();
    if (photo->eyeFree) {
      ++eyeFree.photos;
      eyeFree.anySquare += eyes.empty() ? 0 : 1;
      eyeFree.sureSquare += std::any_of(eyes.begin(), eyes.end(), [](const LocatedEye& eye) {
        return eye.score >= gate::EyeFinder::kConfidentLocatorScore;
      });
      continue;
    }
    countPhoto(eyes, photo->boxes, decoded->rgb.size(), counts[photo->species]);
  }
  const SpeciesCounts cats = counts[Species::Cat], dogs = counts[Species::Dog];
  return QJsonObject{
      {QStringLiteral("val_hit_first"), share(cats.hitFirst, cats.photos)},
      {QStringLiteral("val_hit_first_two"), share(cats.hitTwo, cats.photos)},
      {QStringLiteral("val_framed_first_two"), share(cats.framedTwo, cats.photos)},
      {QStringLiteral("val_no_eye_proposed"), share(cats.none, cats.photos)},
      {QStringLiteral("dog_val_framed_first_two"), share(dogs.framedTwo, dogs.photos)},
      {QStringLiteral("dog_val_no_eye_proposed"), share(dogs.none, dogs.photos)},
      {QStringLiteral("eye_free_val_any_square"), share(eyeFree.anySquare, eyeFree.photos)},
      {QStringLiteral("eye_free_val_sure_square"), share(eyeFree.sureSquare, eyeFree.photos)},
      {QStringLiteral("seconds_per_photo"), val.empty() ? 0.0 : seconds / double(val.size())},
      {QStringLiteral("note"),
       QStringLiteral("Val splits of the boxed cat photos and the marked dog photos (neither the "
                      "head nor any setting was fitted on them). Cats (val_*): a hit is a proposed "
                      "square with IoU >= 0.25 against the boxed eye; only left eyes are boxed, so "
                      "a found right eye counts as a miss. Dogs (dog_val_*) and *_framed_*: a "
                      "marked eye's centre inside the square, its side at most 4x the eye's "
                      "diameter. Eye-free (eye_free_val_*): not-eye photos of objects (ImageNet "
                      "classes from 398, no animal): any square at all, and a square as sure as "
                      "the dog finder trusts without the scan.")}};
}

// The species among the training photos, cats first.
std::vector<Species> trainedSpecies(const std::vector<const BoxedPhoto*>& train) {
  std::vector<Species> species;
  for (const Species one : {Species::Cat, Species::Dog})
    if (std::any_of(train.begin(), train.end(),
                    [&](const BoxedPhoto* p) { return !p->eyeFree && p->species == one; }))
      species.push_back(one);
  return species;
}

QJsonObject trainingJson(const std::vector<const BoxedPhoto*>& train, int64_t views,
                         const LocatorTrainingOptions& options, double lastLoss,
                         double extractSeconds) {
  return QJsonObject{{QStringLiteral("train_photos"), double(train.size())},
                     {QStringLiteral("views"), double(views)},
                     {QStringLiteral("dog_train_photos"),
                      double(std::count_if(train.begin(), train.end(),
                                           [](const BoxedPhoto* p) {
                                             return !p->eyeFree && p->species == Species::Dog;
                                           }))},
                     {QStringLiteral("eye_free_train_photos"),
                      double(std::count_if(train.begin(), train.end(),
                                           [](const BoxedPhoto* p) { return p->eyeFree; }))},
                     {QStringLiteral("eye_free_views_per_photo"), options.eyeFreeViewsPerPhoto},
                     {QStringLiteral("views_per_photo"), options.viewsPerPhoto},
                     {QStringLiteral("dog_views_per_photo"), options.dogViewsPerPhoto},
                     {QStringLiteral("epochs"), options.epochs},
                     {QStringLiteral("batch_size"), options.batchSize},
                     {QStringLiteral("learning_rate"), options.learningRate},
                     {QStringLiteral("weight_decay"), options.weightDecay},
                     {QStringLiteral("final_loss"), lastLoss},
                     {QStringLiteral("feature_extraction_seconds"), extractSeconds},
                     {QStringLiteral("seed"), QString::number(options.seed)}};
}

}  // namespace

Result<TrainedLocator> trainEyeLocator(nn::FeatureClassifier& network,
                                       const std::string& weightsSha256,
                                       const imaging::InputSpec& spec,
                                       const std::vector<BoxedPhoto>& photos,
                                       const LocatorTrainingOptions& options) {
  const auto [fineChannels, deepChannels] = network.locatorChannels();
  if (fineChannels <= 0) return Error{"this architecture offers no maps for an eye locator"};
  auto [train, val] = splitPhotos(photos);
  if (options.eyeFreeViewsPerPhoto <= 0)
    train.erase(std::remove_if(train.begin(), train.end(),
                               [](const BoxedPhoto* photo) { return photo->eyeFree; }),
                train.end());
  if (train.empty() || val.empty())
    return Error{"the eye locator needs boxed photos in both the train and the val split"};
  const auto started = Clock::now();
  auto views = extractViews(network, weightsSha256, spec, train, options);
  if (!views) return views.error();
  const double extractSeconds = std::chrono::duration<double>(Clock::now() - started).count();

  TrainedLocator trained;
  trained.settings = options.settings;
  trained.settings.fineChannels = fineChannels;
  trained.settings.deepChannels = deepChannels;
  torch::manual_seed(int64_t(options.seed));
  EyeLocatorHead head(fineChannels, deepChannels, options.settings.hidden);
  head->setStandardization(views->fine.mean({0, 2, 3}), views->fine.std({0, 2, 3}),
                           views->deep.mean({0, 2, 3}), views->deep.std({0, 2, 3}));
  auto lastLoss = trainHead(head, views.value(), options);
  if (!lastLoss) return lastLoss.error();

  auto metrics = measureOnVal(network, head, trained.settings, spec, val);
  if (!metrics) return metrics.error();
  trained.settings.metrics = metrics.value();
  trained.settings.species = trainedSpecies(train);
  trained.settings.training =
      trainingJson(train, views->fine.size(0), options, lastLoss.value(), extractSeconds);
  trained.head = head;
  return trained;
}

}  // namespace walness::locator
