#pragma once

#include <optional>
#include <string>

#include "walness/Result.h"
#include "walness/Species.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::training {

// The disease id for a Korean AI Hub disease folder/label name of one species, e.g. dog "백내장"
// -> "cataract", cat "각막궤양" -> "corneal_ulcer". Covers all 10 dog and 5 cat diseases.
std::optional<std::string> aiHubDiseaseId(Species species, const std::string& koreanName);

// Reads the official AI Hub pet eye layout under `root`:
//   <split>/<개|고양이>/안구/일반/<disease>/<grade>/<image>.jpg + <image>.json
// Each JSON labels one photo for one disease (`label.label_disease_nm`, grades in
// `label.label_disease_lv_1..3`: 무 = absent, 유 or a grade such as 초기/비성숙/성숙/상/하 =
// present). A photo filed under several diseases becomes one image with several labels; diseases
// it was not assessed for stay unknown. Splits "Training"/"Validation"/"Test" (any case, or
// train/val/test) become train/val/test. Only photos of `species` are read.
Result<LabeledDataset> readAiHubDataset(const std::string& root, Species species);

}  // namespace walness::training
