#pragma once

#include <opencv2/core/types.hpp>

#include <QByteArray>

#include <cstdint>
#include <string>

#include "walness/inference/Diagnosis.h"

namespace walness::history {

// The eyeSide of a check that is one of the two eyes of one photo: the side of the photo it is
// on (the photo does not say which way the pet faces; see gate::PhotoSide).
inline constexpr const char* kLeftOfPhoto = "left_of_photo";
inline constexpr const char* kRightOfPhoto = "right_of_photo";

// Whether `side` is an eyeSide Walness writes: empty, kLeftOfPhoto or kRightOfPhoto.
inline bool isKnownEyeSide(const std::string& side) {
  return side.empty() || side == kLeftOfPhoto || side == kRightOfPhoto;
}

// What is saved when a screening result is kept for a pet.
struct NewDiagnosis {
  int64_t petId = 0;
  inference::Diagnosis diagnosis;
  QByteArray photo;  // the photo file's bytes, kept once per content (SHA-256)
  cv::Rect region;   // the part of the photo the model saw
  std::string camMethod;
  std::string camDisease;
  QByteArray camPng;  // the heatmap over `region` as an 8-bit PNG; empty when none
  std::string notes;
  std::string takenAt;  // ISO 8601 UTC; the time of saving when empty
  // Names this check before it is first sent, so a retry never stores it twice; made up when
  // empty. A batch derives it from the run and the photo, so a rerun finds what was saved.
  std::string checkUid;
  // Shared by the checks of one visit (both eyes of one photo); empty for a check on its own.
  std::string visitUid;
  // "left_of_photo" or "right_of_photo" for one of two eyes; empty otherwise.
  std::string eyeSide;
};

// A diagnosis as stored: photo and heatmap by content hash.
struct DiagnosisRecord {
  int64_t id = 0;
  int64_t petId = 0;
  inference::Diagnosis diagnosis;
  std::string photoHash;
  cv::Rect region;
  std::string camMethod;
  std::string camDisease;
  std::string camHash;  // empty when no heatmap was kept
  std::string notes;
  std::string takenAt;
  std::string checkUid;
  // Shared by the checks of one visit (both eyes of one photo); empty for a check on its own.
  std::string visitUid;
  // "left_of_photo" or "right_of_photo" for one of two eyes; empty otherwise.
  std::string eyeSide;
};

}  // namespace walness::history
