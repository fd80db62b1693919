#include "ui/common/DiseaseName.h"

#include "walness/Diseases.h"

namespace walness::ui {

QString diseaseLabel(const std::string& id, const QString& language) {
  const Language chosen = languageFromCode(language.toStdString()).value_or(Language::English);
  QString text = diseaseName(id, Words(chosen));
  if (findDisease(id) && !text.isEmpty()) text[0] = text[0].toUpper();
  return text;
}

}  // namespace walness::ui
