#pragma once

#include <ATen/core/Tensor.h>

#include <map>
#include <string>

#include "walness/Result.h"

namespace torch::nn {
class Module;
}

namespace walness::nn {

// Copies named tensors into a module's parameters and buffers (torchvision naming). Strict: every
// parameter and buffer must be given with its exact shape, except BatchNorm's num_batches_tracked
// counters, and no tensor may be left over, so a bundle for another architecture or label count
// fails with a message instead of loading half. Dtypes are converted (e.g. F16 to F32).
Status loadStateDict(torch::nn::Module& module, const std::map<std::string, at::Tensor>& tensors,
                     const std::string& source);

// The module's parameters and buffers by name, detached and on the CPU: what gets saved.
std::map<std::string, at::Tensor> stateDict(const torch::nn::Module& module);

}  // namespace walness::nn
