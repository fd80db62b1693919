#include "walness/Diseases.h"

namespace walness {

const std::vector<Disease>& allDiseases() {
  static const std::vector<Disease> diseases = {
      {"conjunctivitis", "conjunctivitis", "결막염", true, true},
      {"ulcerative_keratitis", "ulcerative keratitis", "궤양성각막질환", true, false},
      {"cataract", "cataract", "백내장", true, false},
      {"nonulcerative_keratitis", "non-ulcerative keratitis", "비궤양성각막질환", true, true},
      {"pigmentary_keratitis", "pigmentary keratitis", "색소침착성각막염", true, false},
      {"entropion", "entropion", "안검내반증", true, false},
      {"blepharitis", "blepharitis", "안검염", true, true},
      {"eyelid_tumor", "eyelid tumor", "안검종양", true, false},
      {"epiphora", "epiphora", "유루증", true, false},
      {"nuclear_sclerosis", "nuclear sclerosis", "핵경화", true, false},
      {"corneal_ulcer", "corneal ulcer", "각막궤양", false, true},
      {"corneal_sequestrum", "corneal sequestrum", "각막부골편", false, true},
  };
  return diseases;
}

const Disease* findDisease(std::string_view id) {
  for (const Disease& disease : allDiseases())
    if (disease.id == id) return &disease;
  return nullptr;
}

}  // namespace walness
