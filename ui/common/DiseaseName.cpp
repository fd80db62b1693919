#include "ui/common/DiseaseName.h"

#include "walness/Diseases.h"

namespace walness::ui {

QString diseaseLabel(const std::string& id, const QString& language) {
  const Disease* disease = findDisease(id);
  if (!disease) return QString::fromStdString(id);
  const std::string_view name = language == QLatin1String("ko") ? disease->nameKo : disease->nameEn;
  QString text = QString::fromUtf8(name.data(), qsizetype(name.size()));
  if (!text.isEmpty()) text[0] = text[0].toUpper();
  return text;
}

}  // namespace walness::ui
