#include "walness/knowledge/DiseaseKnowledge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "walness/Diseases.h"

namespace walness::knowledge {

namespace {

Result<std::string> text(const QJsonObject& entry, const char* key, const std::string& where) {
  const QString value = entry.value(QLatin1String(key)).toString().trimmed();
  if (value.isEmpty()) return Error{where + ": '" + key + "' has no text"};
  return value.toStdString();
}

Result<std::vector<std::string>> textList(const QJsonObject& entry, const char* key,
                                          const std::string& where) {
  const QJsonArray array = entry.value(QLatin1String(key)).toArray();
  if (array.isEmpty()) return Error{where + ": '" + key + "' has no items"};
  std::vector<std::string> list;
  for (const QJsonValue& item : array) {
    const QString value = item.toString().trimmed();
    if (value.isEmpty()) return Error{where + ": '" + key + "' has an empty item"};
    list.push_back(value.toStdString());
  }
  return list;
}

}  // namespace

std::string urgencyId(Urgency urgency) {
  switch (urgency) {
    case Urgency::Watch:
      return "watch";
    case Urgency::Days:
      return "days";
    case Urgency::Today:
      return "today";
  }
  return "days";
}

Result<DiseaseKnowledge> DiseaseKnowledge::parse(const QByteArray& json,
                                                 const std::string& source) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (document.isNull())
    return Error{source + ": not valid JSON (" + parseError.errorString().toStdString() + ")"};
  const QJsonObject root = document.object();
  if (root.value(QStringLiteral("format")).toString() != QLatin1String("walness-disease-knowledge"))
    return Error{source + ": not a Walness disease knowledge file"};
  // Version 1 held every text in English and Korean; version 2 holds English source text and the
  // Korean lives in the project's translation.
  if (root.value(QStringLiteral("format_version")).toInt() != 2)
    return Error{source + ": format_version must be 2"};
  DiseaseKnowledge knowledge;
  for (const QJsonValue& value : root.value(QStringLiteral("diseases")).toArray()) {
    const QJsonObject entry = value.toObject();
    const std::string id = entry.value(QStringLiteral("id")).toString().toStdString();
    const std::string where = source + ": " + (id.empty() ? std::string("an entry") : id);
    const Disease* disease = findDisease(id);
    if (!disease) return Error{where + ": unknown disease id"};
    const QJsonArray species = entry.value(QStringLiteral("species")).toArray();
    if (species.isEmpty()) return Error{where + ": no species"};
    auto what = text(entry, "what", where);
    auto signs = textList(entry, "signs", where);
    auto action = text(entry, "owner_action", where);
    auto reason = text(entry, "urgency_reason", where);
    if (!what) return Error{what.message()};
    if (!signs) return Error{signs.message()};
    if (!action) return Error{action.message()};
    if (!reason) return Error{reason.message()};
    const QString urgencyText = entry.value(QStringLiteral("urgency")).toString();
    Urgency urgency;
    if (urgencyText == QLatin1String("watch"))
      urgency = Urgency::Watch;
    else if (urgencyText == QLatin1String("days"))
      urgency = Urgency::Days;
    else if (urgencyText == QLatin1String("today"))
      urgency = Urgency::Today;
    else
      return Error{where + ": urgency must be watch, days or today"};
    for (const QJsonValue& speciesValue : species) {
      const auto parsed = speciesFromId(speciesValue.toString().toStdString());
      if (!parsed) return Error{where + ": unknown species"};
      if ((*parsed == Species::Dog && !disease->dog) || (*parsed == Species::Cat && !disease->cat))
        return Error{where + ": not a " + std::string(speciesId(*parsed)) + " disease"};
      if (knowledge.find(*parsed, id)) return Error{where + ": listed twice"};
      knowledge.entries_.push_back({id, *parsed, *what, *signs, *action, urgency, *reason});
    }
  }
  if (knowledge.entries_.empty()) return Error{source + ": no diseases"};
  return knowledge;
}

const DiseaseInfo* DiseaseKnowledge::find(Species species, const std::string& id) const {
  for (const DiseaseInfo& entry : entries_)
    if (entry.species == species && entry.id == id) return &entry;
  return nullptr;
}

}  // namespace walness::knowledge
