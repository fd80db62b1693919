#include "walness/training/data/HeldOutTest.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <algorithm>

#include "walness/training/data/LabeledDataset.h"

namespace walness::training {

bool isHeldOutTestPhoto(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const QByteArray digest = QCryptographicHash::hash(
      QByteArray(name.data(), qsizetype(name.size())), QCryptographicHash::Sha256);
  return (static_cast<unsigned char>(digest[0]) & 1) == 1;
}

std::string heldOutSplit(const std::string& split, const std::string& path, size_t valRows) {
  if (split != "val" || valRows < kMinimumValForTest || !isHeldOutTestPhoto(path)) return split;
  return "test";
}

size_t separateHeldOutTest(LabeledDataset& dataset) {
  const auto split = [](const char* name) {
    return [name](const LabeledImage& image) { return image.split == name; };
  };
  if (std::any_of(dataset.images.begin(), dataset.images.end(), split("test"))) return 0;
  const size_t valRows =
      size_t(std::count_if(dataset.images.begin(), dataset.images.end(), split("val")));
  size_t moved = 0;
  for (LabeledImage& image : dataset.images) {
    const std::string kept = heldOutSplit(image.split, image.path, valRows);
    if (kept == image.split) continue;
    image.split = kept;
    ++moved;
  }
  return moved;
}

}  // namespace walness::training
