#include "walness/training/AdaptiveOptimizer.h"

#include <torch/torch.h>

#include <cmath>

#include "walness/nn/Safetensors.h"

namespace walness::training {

std::optional<OptimizerKind> optimizerFromId(const std::string& id) {
  if (id == "adamw") return OptimizerKind::AdamW;
  if (id == "nadam") return OptimizerKind::NAdam;
  return std::nullopt;
}

std::string optimizerId(OptimizerKind kind) {
  return kind == OptimizerKind::AdamW ? "adamw" : "nadam";
}

AdaptiveOptimizer::AdaptiveOptimizer(std::vector<Parameter> parameters, OptimizerSettings settings)
    : parameters_(std::move(parameters)), settings_(settings) {
}

void AdaptiveOptimizer::zeroGrad() {
  for (Parameter& parameter : parameters_) parameter.tensor.mutable_grad() = at::Tensor();
}

void AdaptiveOptimizer::step() {
  torch::NoGradGuard noGrad;
  const double beta1 = settings_.beta1, beta2 = settings_.beta2;
  for (Parameter& entry : parameters_) {
    torch::Tensor& parameter = entry.tensor;
    const std::string& name = entry.name;
    const double lr = settings_.learningRate * entry.learningRateScale;
    if (!parameter.grad().defined()) continue;
    torch::Tensor gradient = parameter.grad();
    State& state = states_[name];
    if (!state.firstMoment.defined()) {
      state.firstMoment = torch::zeros_like(parameter);
      state.secondMoment = torch::zeros_like(parameter);
    }
    const int64_t t = ++state.steps;
    if (settings_.kind == OptimizerKind::AdamW) {
      parameter.mul_(1 - lr * settings_.weightDecay);
    } else if (settings_.weightDecay != 0) {
      gradient = gradient + settings_.weightDecay * parameter;
    }
    state.firstMoment.mul_(beta1).add_(gradient, 1 - beta1);
    state.secondMoment.mul_(beta2).addcmul_(gradient, gradient, 1 - beta2);
    const double secondCorrection = 1 - std::pow(beta2, double(t));
    const torch::Tensor denominator =
        (state.secondMoment / secondCorrection).sqrt_().add_(settings_.epsilon);
    if (settings_.kind == OptimizerKind::AdamW) {
      const double firstCorrection = 1 - std::pow(beta1, double(t));
      parameter.addcdiv_(state.firstMoment, denominator, -lr / firstCorrection);
    } else {
      constexpr double kMomentumDecay = 0.004;
      const double mu = beta1 * (1 - 0.5 * std::pow(0.96, double(t) * kMomentumDecay));
      const double muNext = beta1 * (1 - 0.5 * std::pow(0.96, double(t + 1) * kMomentumDecay));
      state.muProduct *= mu;
      parameter.addcdiv_(gradient, denominator, -lr * (1 - mu) / (1 - state.muProduct));
      parameter.addcdiv_(state.firstMoment, denominator,
                         -lr * muNext / (1 - state.muProduct * muNext));
    }
  }
}

std::map<std::string, at::Tensor> AdaptiveOptimizer::stateTensors() const {
  std::map<std::string, at::Tensor> tensors;
  for (const auto& [name, state] : states_) {
    tensors[name + ".first_moment"] = state.firstMoment;
    tensors[name + ".second_moment"] = state.secondMoment;
    tensors[name + ".steps"] = torch::tensor({state.steps}, torch::kInt64);
    tensors[name + ".mu_product"] = torch::tensor({state.muProduct}, torch::kFloat64);
  }
  return tensors;
}

Status AdaptiveOptimizer::save(const std::string& path) const {
  nn::TensorFile file;
  file.metadata["optimizer"] = optimizerId(settings_.kind);
  file.tensors = stateTensors();
  return nn::writeSafetensors(path, file);
}

Status AdaptiveOptimizer::load(const std::string& path) {
  auto file = nn::readSafetensors(path);
  if (!file) return Error{file.message()};
  if (file->metadata["optimizer"] != optimizerId(settings_.kind))
    return Error{path + ": optimizer state of '" + file->metadata["optimizer"] + "', not '" +
                 optimizerId(settings_.kind) + "'"};
  return loadStateTensors(file->tensors, path);
}

Status AdaptiveOptimizer::loadStateTensors(const std::map<std::string, at::Tensor>& tensors,
                                           const std::string& path) {
  std::map<std::string, State> states;
  for (const Parameter& entry : parameters_) {
    const std::string& name = entry.name;
    const at::Tensor& parameter = entry.tensor;
    const auto first = tensors.find(name + ".first_moment");
    if (first == tensors.end()) continue;  // never stepped (frozen so far)
    const auto second = tensors.find(name + ".second_moment");
    const auto steps = tensors.find(name + ".steps");
    const auto mu = tensors.find(name + ".mu_product");
    if (second == tensors.end() || steps == tensors.end() || mu == tensors.end() ||
        !first->second.sizes().equals(parameter.sizes()) ||
        !second->second.sizes().equals(parameter.sizes()))
      return Error{path + ": the optimizer state of " + name + " is incomplete or misshapen"};
    State state;
    state.firstMoment = first->second.to(parameter.options()).clone();
    state.secondMoment = second->second.to(parameter.options()).clone();
    state.steps = steps->second.item<int64_t>();
    state.muProduct = mu->second.item<double>();
    states[name] = std::move(state);
  }
  states_ = std::move(states);
  return Ok{};
}

}  // namespace walness::training
