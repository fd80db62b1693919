#pragma once

#include <QString>

#include <string>
#include <string_view>
#include <vector>

#include "walness/text/Words.h"

namespace walness {

// The eye diseases of the AI Hub pet eye dataset, by the stable ids model cards and data use.
struct Disease {
  std::string_view id;
  std::string_view name;  // English source text: worded by diseaseName()
  bool dog;
  bool cat;
};

const std::vector<Disease>& allDiseases();
const Disease* findDisease(std::string_view id);

// The disease's name in the words' language ("cataract", "백내장"): one translation system, the
// English name is the source text (context "Disease"). For an unknown id, the id itself.
QString diseaseName(const Disease& disease, const Words& words);
QString diseaseName(std::string_view id, const Words& words);

}  // namespace walness
