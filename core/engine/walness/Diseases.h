#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace walness {

// The eye diseases of the AI Hub pet eye dataset, by the stable ids model cards and data use.
struct Disease {
  std::string_view id;
  std::string_view nameEn;
  std::string_view nameKo;
  bool dog;
  bool cat;
};

const std::vector<Disease>& allDiseases();
const Disease* findDisease(std::string_view id);

}  // namespace walness
