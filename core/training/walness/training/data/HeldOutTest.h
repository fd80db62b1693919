#pragma once

#include <cstddef>
#include <string>

namespace walness::training {

struct LabeledDataset;

// The held-out test split (issue 27's protocol). Half of a val split, chosen by a hash of each
// photo's file name, becomes `test`: the same photos in every run, whatever the folder or CSV
// they are read from. Test photos are never trained on and never pick an epoch, a threshold, a
// temperature or an idea; val (the other half) is for those choices. A val split under
// kMinimumValForTest photos (a clinic's few held-back pets, small fixtures) is left whole: half
// of it would be too small to choose or to report on.
constexpr size_t kMinimumValForTest = 100;

// Whether the photo at `path` belongs to the test half: the first byte of the SHA-256 of its file
// name (the part after the last '/') is odd.
bool isHeldOutTestPhoto(const std::string& path);

// The split a row keeps: "test" for a val row in the test half when the val split has at least
// kMinimumValForTest rows, else `split` unchanged.
std::string heldOutSplit(const std::string& split, const std::string& path, size_t valRows);

// Moves the test half of `dataset`'s val rows to the split "test" (nothing when it has rows
// called "test" already or too few val rows). Returns how many rows moved.
size_t separateHeldOutTest(LabeledDataset& dataset);

}  // namespace walness::training
