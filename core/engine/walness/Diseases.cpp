#include "walness/Diseases.h"

#include <QtGlobal>

namespace walness {

const std::vector<Disease>& allDiseases() {
  // The names are English source text; other languages come from the translation (diseaseName).
  static const std::vector<Disease> diseases = {
      {"conjunctivitis", QT_TRANSLATE_NOOP("Disease", "conjunctivitis"), true, true},
      {"ulcerative_keratitis", QT_TRANSLATE_NOOP("Disease", "ulcerative keratitis"), true, false},
      {"cataract", QT_TRANSLATE_NOOP("Disease", "cataract"), true, false},
      {"nonulcerative_keratitis", QT_TRANSLATE_NOOP("Disease", "non-ulcerative keratitis"), true,
       true},
      {"pigmentary_keratitis", QT_TRANSLATE_NOOP("Disease", "pigmentary keratitis"), true, false},
      {"entropion", QT_TRANSLATE_NOOP("Disease", "entropion"), true, false},
      {"blepharitis", QT_TRANSLATE_NOOP("Disease", "blepharitis"), true, true},
      {"eyelid_tumor", QT_TRANSLATE_NOOP("Disease", "eyelid tumor"), true, false},
      {"epiphora", QT_TRANSLATE_NOOP("Disease", "epiphora"), true, false},
      {"nuclear_sclerosis", QT_TRANSLATE_NOOP("Disease", "nuclear sclerosis"), true, false},
      {"corneal_ulcer", QT_TRANSLATE_NOOP("Disease", "corneal ulcer"), false, true},
      {"corneal_sequestrum", QT_TRANSLATE_NOOP("Disease", "corneal sequestrum"), false, true},
  };
  return diseases;
}

QString diseaseName(const Disease& disease, const Words& words) {
  return words.translate("Disease", disease.name.data());
}

QString diseaseName(std::string_view id, const Words& words) {
  const Disease* disease = findDisease(id);
  return disease ? diseaseName(*disease, words)
                 : QString::fromUtf8(id.data(), qsizetype(id.size()));
}

const Disease* findDisease(std::string_view id) {
  for (const Disease& disease : allDiseases())
    if (disease.id == id) return &disease;
  return nullptr;
}

}  // namespace walness
