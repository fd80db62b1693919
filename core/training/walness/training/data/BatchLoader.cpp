#include "walness/training/data/BatchLoader.h"

#include <torch/torch.h>

#include "walness/imaging/ImageDecoder.h"

namespace walness::training {

std::vector<std::vector<size_t>> BatchLoader::shard(size_t count, int batchSize, int worldSize,
                                                    int rank) {
  const size_t size = size_t(std::max(1, batchSize));
  const size_t world = size_t(std::max(1, worldSize));
  std::vector<std::vector<size_t>> batches((count + size - 1) / size);
  for (size_t k = 0; k < batches.size(); ++k)
    for (size_t position = k * size + size_t(rank); position < std::min(count, (k + 1) * size);
         position += world)
      batches[k].push_back(position);
  return batches;
}

BatchLoader::BatchLoader(const LabeledDataset& dataset, std::vector<size_t> order, int batchSize,
                         imaging::InputSpec spec, std::optional<AugmentOptions> augment,
                         uint64_t seed, int workers, AssumedNegatives assumed)
    : BatchLoader(dataset, order, shard(order.size(), batchSize, 1, 0), spec, std::move(augment),
                  seed, workers, assumed) {
}

BatchLoader::BatchLoader(const LabeledDataset& dataset, std::vector<size_t> order,
                         std::vector<std::vector<size_t>> batches, imaging::InputSpec spec,
                         std::optional<AugmentOptions> augment, uint64_t seed, int workers,
                         AssumedNegatives assumed)
    : dataset_(dataset),
      order_(std::move(order)),
      batches_(std::move(batches)),
      spec_(spec),
      augment_(std::move(augment)),
      seed_(seed),
      assumed_(assumed),
      batchCount_(batches_.size()),
      aheadLimit_(size_t(std::max(1, workers)) + 2) {
  for (int i = 0; i < std::max(1, workers); ++i) workers_.emplace_back([this] { work(); });
}

BatchLoader::~BatchLoader() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void BatchLoader::work() {
  for (;;) {
    size_t batchIndex;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] {
        return stopping_ || nextToBuild_ >= batchCount_ ||
               nextToBuild_ < nextToReturn_ + aheadLimit_;
      });
      if (stopping_ || nextToBuild_ >= batchCount_) return;
      batchIndex = nextToBuild_++;
    }
    Result<Batch> batch = build(batchIndex);
    {
      std::lock_guard lock(mutex_);
      ready_.emplace(batchIndex, std::move(batch));
    }
    changed_.notify_all();
  }
}

std::optional<Result<Batch>> BatchLoader::next() {
  std::unique_lock lock(mutex_);
  if (nextToReturn_ >= batchCount_) return std::nullopt;
  changed_.wait(lock, [this] { return ready_.count(nextToReturn_) > 0; });
  auto node = ready_.extract(nextToReturn_);
  ++nextToReturn_;
  lock.unlock();
  changed_.notify_all();
  return std::move(node.mapped());
}

Result<Batch> BatchLoader::build(size_t batchIndex) const {
  // Workers run beside LibTorch's own threads: keep their tensor work single-threaded.
  const std::vector<size_t>& positions = batches_[batchIndex];
  const int64_t count = int64_t(positions.size());
  const int64_t labels = int64_t(dataset_.diseases.size());
  Batch batch;
  batch.inputs = torch::empty({count, 3, spec_.size, spec_.size});
  batch.targets = torch::zeros({count, labels});
  batch.known = torch::zeros({count, labels});
  auto targets = batch.targets.accessor<float, 2>();
  auto known = batch.known.accessor<float, 2>();
  for (int64_t row = 0; row < count; ++row) {
    const size_t position = positions[size_t(row)];
    const size_t index = order_[position];
    const LabeledImage& image = dataset_.images[index];
    auto decoded = imaging::decodeImageFile(image.path);
    if (!decoded) return Error{decoded.message()};
    cv::Mat square;
    if (augment_) {
      std::mt19937_64 random(seed_ * 0x9E3779B97F4A7C15ULL + position);
      square = augmentedModelView(decoded->rgb, image.region, spec_, *augment_, random);
    } else {
      square = imaging::modelView(decoded->rgb, spec_, image.region);
    }
    batch.inputs[row].copy_(imaging::normalizeModelView(square, spec_)[0]);
    for (int64_t d = 0; d < labels; ++d) {
      const float label = image.labels[size_t(d)];
      if (!LabeledImage::known(label)) continue;
      const bool assumed = label == 0.0f && image.zerosAssumed;
      targets[row][d] = assumed ? assumed_.target : label;
      known[row][d] = assumed ? assumed_.weight : 1.0f;
    }
    batch.indices.push_back(index);
  }
  return batch;
}

}  // namespace walness::training
