#include "walness/inference/ScreeningJson.h"

#include <walness/Version.h>

#include <QJsonArray>

#include "walness/inference/DiagnosisJson.h"
#include "walness/knowledge/Advice.h"

namespace walness::inference {
namespace {

// The advice for each positive finding (English source text; the page and reports word it in the
// reader's language), so a program reading the JSON gets what the app would say.
QJsonArray adviceJson(const Diagnosis& diagnosis) {
  QJsonArray array;
  const knowledge::DiseaseKnowledge* known = knowledge::shippedKnowledge();
  if (!known) return array;
  for (const knowledge::Advice& item :
       knowledge::adviceFor(diagnosis, *known, Words(Language::English))) {
    array.append(QJsonObject{
        {QStringLiteral("disease"), QString::fromStdString(item.disease)},
        {QStringLiteral("urgency"), QString::fromStdString(knowledge::urgencyId(item.urgency))},
        {QStringLiteral("urgency_text"), item.urgencyText},
        {QStringLiteral("urgency_reason"), item.urgencyReason},
        {QStringLiteral("what"), item.what},
        {QStringLiteral("signs"), QJsonArray::fromStringList(item.signs)},
        {QStringLiteral("owner_action"), item.ownerAction}});
  }
  return array;
}

}  // namespace

QJsonObject screeningToJson(const Diagnosis& diagnosis, const ScreenedPhoto& photo) {
  QJsonObject object{{QStringLiteral("image"), photo.image}};
  object.insert(QStringLiteral("eye_region"),
                photo.region
                    ? QJsonValue(QJsonObject{{QStringLiteral("x"), photo.region->x},
                                             {QStringLiteral("y"), photo.region->y},
                                             {QStringLiteral("width"), photo.region->width},
                                             {QStringLiteral("height"), photo.region->height}})
                    : QJsonValue(QJsonValue::Null));
  object.insert(
      QStringLiteral("cam"),
      photo.camMethod.empty()
          ? QJsonValue(QJsonValue::Null)
          : QJsonValue(QJsonObject{
                {QStringLiteral("method"), QString::fromStdString(photo.camMethod)},
                {QStringLiteral("disease"), QString::fromStdString(photo.camDisease)},
                {QStringLiteral("file"), photo.camFile.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                 : QJsonValue(photo.camFile)}}));
  const QJsonObject diagnosisJson = diagnosisToJson(diagnosis);
  for (auto it = diagnosisJson.begin(); it != diagnosisJson.end(); ++it)
    object.insert(it.key(), it.value());
  object.insert(QStringLiteral("advice"), adviceJson(diagnosis));
  object.insert(QStringLiteral("app_version"), QStringLiteral(WALNESS_VERSION));
  object.insert(QStringLiteral("notice"),
                QStringLiteral("A screening aid, not a veterinary diagnosis. The model cannot "
                               "confirm that an eye is healthy."));
  if (!photo.savedAt.isEmpty()) object.insert(QStringLiteral("saved_at"), photo.savedAt);
  return object;
}

}  // namespace walness::inference
