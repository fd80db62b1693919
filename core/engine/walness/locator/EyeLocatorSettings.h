#pragma once

#include <QJsonObject>

#include <cstdint>
#include <string>
#include <vector>

#include "walness/Species.h"

namespace walness::locator {

// The eye locator's part of the gate card (no LibTorch here): how a photo is fed to it, how its
// output becomes squares, where its weights are and what it was measured to do.
struct EyeLocatorSettings {
  int64_t inputSide = 640;  // the photo's longer side is scaled to this (then padded to 32s)
  int64_t fineChannels = 96, deepChannels = 320, hidden = 48;
  double minScore = 0.05;     // eye-centre peaks below this are not proposed
  double squareMargin = 1.4;  // a proposed square's side: this times the predicted eye's side
  // The species whose boxed photos it was trained on; it is used for these only (cards written
  // before dog photos existed name none and mean cats).
  std::vector<Species> species{Species::Cat};
  std::string weightsFile = "eye-locator.safetensors";
  std::string weightsSha256;
  QJsonObject metrics;
  QJsonObject training;
};

}  // namespace walness::locator
