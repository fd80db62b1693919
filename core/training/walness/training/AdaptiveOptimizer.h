#pragma once

#include <ATen/core/Tensor.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "walness/Result.h"

namespace walness::training {

enum class OptimizerKind {
  AdamW,  // Adam with decoupled weight decay (Loshchilov & Hutter)
  NAdam,  // Adam with Nesterov momentum (Dozat), momentum decay 0.004, L2 weight decay
};
std::optional<OptimizerKind> optimizerFromId(const std::string& id);  // "adamw", "nadam"
std::string optimizerId(OptimizerKind kind);

struct OptimizerSettings {
  OptimizerKind kind = OptimizerKind::AdamW;
  double learningRate = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  double weightDecay = 1e-2;
};

// The Adam family over named parameters. Parameters without a gradient (frozen) are skipped and
// keep no state; each parameter counts its own steps, so unfreezing later starts it cleanly. The
// state is plain named tensors, saved as safetensors with the checkpoint.
class AdaptiveOptimizer {
 public:
  struct Parameter {
    std::string name;
    at::Tensor tensor;
    double learningRateScale = 1.0;  // e.g. lower for a pretrained backbone than for a new head
  };
  AdaptiveOptimizer(std::vector<Parameter> parameters, OptimizerSettings settings);

  void setLearningRate(double learningRate) { settings_.learningRate = learningRate; }
  double learningRate() const { return settings_.learningRate; }
  void zeroGrad();
  void step();

  Status save(const std::string& path) const;
  Status load(const std::string& path);
  // The state as named tensors (what save writes), e.g. to send it to other ranks, and back.
  std::map<std::string, at::Tensor> stateTensors() const;
  Status loadStateTensors(const std::map<std::string, at::Tensor>& tensors,
                          const std::string& source);

 private:
  struct State {
    at::Tensor firstMoment;
    at::Tensor secondMoment;
    int64_t steps = 0;
    double muProduct = 1.0;  // NAdam's running product of momentum coefficients
  };

  std::vector<Parameter> parameters_;
  OptimizerSettings settings_;
  std::map<std::string, State> states_;
};

}  // namespace walness::training
