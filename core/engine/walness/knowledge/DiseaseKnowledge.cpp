#include "walness/knowledge/DiseaseKnowledge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "walness/Diseases.h"

namespace walness::knowledge {

namespace {

const char* const kLanguages[] = {"en", "ko"};

Result<Localized> localized(const QJsonObject& entry, const char* key, const std::string& where) {
  const QJsonObject object = entry.value(QLatin1String(key)).toObject();
  Localized text;
  for (const char* language : kLanguages) {
    const QString value = object.value(QLatin1String(language)).toString().trimmed();
    if (value.isEmpty()) return Error{where + ": '" + key + "' has no " + language + " text"};
    text[language] = value.toStdString();
  }
  return text;
}

Result<LocalizedList> localizedList(const QJsonObject& entry, const char* key,
                                    const std::string& where) {
  const QJsonObject object = entry.value(QLatin1String(key)).toObject();
  LocalizedList lists;
  for (const char* language : kLanguages) {
    const QJsonArray array = object.value(QLatin1String(language)).toArray();
    if (array.isEmpty()) return Error{where + ": '" + key + "' has no " + language + " items"};
    for (const QJsonValue& item : array) lists[language].push_back(item.toString().toStdString());
  }
  return lists;
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
  DiseaseKnowledge knowledge;
  for (const QJsonValue& value : root.value(QStringLiteral("diseases")).toArray()) {
    const QJsonObject entry = value.toObject();
    const std::string id = entry.value(QStringLiteral("id")).toString().toStdString();
    const std::string where = source + ": " + (id.empty() ? std::string("an entry") : id);
    const Disease* disease = findDisease(id);
    if (!disease) return Error{where + ": unknown disease id"};
    const QJsonArray species = entry.value(QStringLiteral("species")).toArray();
    if (species.isEmpty()) return Error{where + ": no species"};
    auto what = localized(entry, "what", where);
    auto signs = localizedList(entry, "signs", where);
    auto action = localized(entry, "owner_action", where);
    auto reason = localized(entry, "urgency_reason", where);
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
