#pragma once

#include <opencv2/core/types.hpp>

#include <QByteArray>

#include <cstdint>
#include <string>

#include "walness/inference/Diagnosis.h"

namespace walness::history {

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
};

}  // namespace walness::history
