#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <optional>
#include <string>

#include "walness/Result.h"
#include "walness/locator/EyeLocatorSettings.h"

namespace walness::gate {

// Where a cat's eyes sit inside a detected cat face, learned from boxed cat photos: centres and
// side relative to the face box (x, y in 0..1 of its width and height; side in face widths).
struct CatEyeLayout {
  double leftX = 0.65, leftY = 0.4;  // the eye the photos box: the cat's left, on the image right
  double rightX = 0.35, rightY = 0.4;
  double side = 0.2;
  std::string cascade = "haarcascade_frontalcatface_extended.xml";
};

// The gate's card (eye-gate.json beside the disease model's model.json): which backbone weights
// its head was trained on, how it decides, and what it was measured to do.
struct EyeGateCard {
  static constexpr int kFormatVersion = 1;
  std::string id = "eye-gate";
  std::string version = "1.0.0";
  std::string backboneModelId;
  std::string backboneWeightsSha256;  // the disease model's weights this head reads features of
  int64_t featureChannels = 1280;
  int64_t hidden = 128;
  // Refuse as "not an eye close-up" when P(not eye) reaches this.
  double notEyeThreshold = 0.5;
  // Refuse as the other species when P(other) / (P(dog) + P(cat)) reaches this.
  double otherSpeciesThreshold = 0.5;
  // The finder keeps squares whose P(eye of the species) reaches this.
  double finderMinScore = 0.5;
  CatEyeLayout catEyes;
  // The eye locator trained on boxed whole-cat photos (absent in gates trained before it).
  std::optional<locator::EyeLocatorSettings> locator;
  QJsonObject metrics;
  QJsonObject provenance;
  std::string weightsFile = "eye-gate.safetensors";
  std::string weightsSha256;
  std::string created;
  std::string trainerVersion;
};

Result<EyeGateCard> parseEyeGateCard(const QByteArray& json, const std::string& source);
QByteArray serializeEyeGateCard(const EyeGateCard& card);

}  // namespace walness::gate
