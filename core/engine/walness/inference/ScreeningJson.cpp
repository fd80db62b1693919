#include "walness/inference/ScreeningJson.h"

#include <walness/Version.h>

#include "walness/inference/DiagnosisJson.h"

namespace walness::inference {

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
  object.insert(QStringLiteral("app_version"), QStringLiteral(WALNESS_VERSION));
  object.insert(QStringLiteral("notice"),
                QStringLiteral("A screening aid, not a veterinary diagnosis. The model cannot "
                               "confirm that an eye is healthy."));
  if (!photo.savedAt.isEmpty()) object.insert(QStringLiteral("saved_at"), photo.savedAt);
  return object;
}

}  // namespace walness::inference
