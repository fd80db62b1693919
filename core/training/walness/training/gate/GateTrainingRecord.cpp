#include "walness/training/gate/GateTrainingRecord.h"

#include <torch/torch.h>

#include <QJsonArray>
#include <QString>

namespace walness::gate {

namespace {

// How many training views of each class.
QJsonObject trainViewCounts(const GateFeatureTable& train) {
  QJsonObject trainCounts;
  for (int c = 0; c < kGateClassCount; ++c)
    trainCounts.insert(c == kDogEye   ? QStringLiteral("dog_eye")
                       : c == kCatEye ? QStringLiteral("cat_eye")
                                      : QStringLiteral("not_eye"),
                       double(train.labels.eq(c).sum().item<int64_t>()));
  return trainCounts;
}

QJsonArray knownLimits() {
  return QJsonArray{
      QStringLiteral("Knows dog eyes, cat eyes and everything else only from the photos "
                     "above: other animals' eyes, drawings or photos of screens may pass."),
      QStringLiteral("Cat eyes were learned from soft, small crops (CAT dataset) and boxed "
                     "whole-cat photos; dog eyes from AI Hub clinic crops only."),
      QStringLiteral("Whole dog faces were not used to train the gate and most of them pass "
                     "it (per_source.dog_face); the disease model saw such photos for "
                     "conjunctivitis only: a square on one eye suits it better."),
      QStringLiteral("The eye finder was measured on 41 cat and 14 dog val photos only: one "
                     "photo moves a dog rate by 7 points. Dog eyes under 8 px across were "
                     "not marked, and a found eye that small is too few pixels to screen."),
      QStringLiteral("It cannot tell a healthy eye from a diseased one; it only decides "
                     "whether the disease model may look.")};
}

}  // namespace

QJsonObject shareJson(int64_t part, int64_t whole) {
  return QJsonObject{{QStringLiteral("count"), double(part)},
                     {QStringLiteral("of"), double(whole)},
                     {QStringLiteral("share"), whole ? double(part) / double(whole) : 0.0}};
}

QJsonObject gateMetricsJson(const QJsonObject& summary, const QJsonObject& perSource,
                            const QJsonObject& eyeFinder, double extractSeconds) {
  return QJsonObject{
      {QStringLiteral("dataset"),
       QStringLiteral("val splits of dog-eye, cat-eye, not-eye, cat-photos and dog-photos")},
      {QStringLiteral("summary"), summary},
      {QStringLiteral("per_source"), perSource},
      {QStringLiteral("eye_finder"), eyeFinder},
      {QStringLiteral("feature_extraction_seconds"), extractSeconds},
      {QStringLiteral("note"),
       QStringLiteral("Measured on the val splits, which neither the head nor the cat-face layout "
                      "was fitted on; the decision thresholds are fixed (0.5), not tuned on val. "
                      "The distance check is the disease model's out-of-distribution score on the "
                      "same photos, at its card's threshold.")}};
}

QJsonObject gateTrainingJson(const GateTrainingOptions& options, double catEyeWeight,
                             const std::vector<CatEyeWeightTrial>& trials) {
  QJsonObject training{{QStringLiteral("epochs"), options.epochs},
                       {QStringLiteral("batch_size"), options.batchSize},
                       {QStringLiteral("learning_rate"), options.learningRate},
                       {QStringLiteral("weight_decay"), options.weightDecay},
                       {QStringLiteral("seed"), QString::number(options.seed)},
                       {QStringLiteral("dog_eye_train_share"), options.dogEyeTrainShare},
                       {QStringLiteral("grayscale_share"), options.grayscaleShare},
                       {QStringLiteral("limit_per_source"), options.limitPerSource},
                       {QStringLiteral("cat_eye_weight"), catEyeWeight}};
  if (trials.empty()) return training;
  QJsonArray tried;
  for (const CatEyeWeightTrial& trial : trials)
    tried.append(QJsonObject{
        {QStringLiteral("cat_eye_weight"), trial.catEyeWeight},
        {QStringLiteral("own_species_eyes_screened"), trial.ownEyesScreened},
        {QStringLiteral("other_species_eyes_other_species"), trial.otherEyesOtherSpecies},
        {QStringLiteral("not_eyes_not_an_eye"), trial.notEyesNotAnEye},
        {QStringLiteral("balanced"), trial.balanced()}});
  training.insert(
      QStringLiteral("cat_eye_weight_cross_validation"),
      QJsonObject{{QStringLiteral("how"),
                   QStringLiteral("5-fold cross-validation on the training views (folds of 16 "
                                  "consecutive photos); the weight with the best mean of the "
                                  "three shares of right decisions at the fixed thresholds was "
                                  "kept. The val split was not used.")},
                  {QStringLiteral("tried"), tried}});
  return training;
}

QJsonObject gateProvenanceJson(const GateTrainingOptions& options, const GateFeatureTable& train,
                               const QJsonObject& training) {
  return QJsonObject{
      {QStringLiteral("data"), QJsonArray{QString::fromStdString(options.folders.dogEye),
                                          QString::fromStdString(options.folders.catEye),
                                          QString::fromStdString(options.folders.notEye),
                                          QString::fromStdString(options.folders.catPhotos),
                                          QString::fromStdString(options.folders.dogPhotos)}},
      {QStringLiteral("train_views"), trainViewCounts(train)},
      {QStringLiteral("views"),
       QStringLiteral("train: each photo plain plus augmented views; not-eye photos also as random "
                      "crops; whole-cat photos as crops away from the eye (not an eye) and squares "
                      "around the boxed eye (a cat's eye); black letterbox bars added to some "
                      "non-dog views so bars say nothing about the species; a share of the "
                      "augmented views of every class turned grey (grayscale_share). Dog "
                      "whole-face (fullframe) rows are left out of training. val: each photo "
                      "once, plain.")},
      {QStringLiteral("training"), training},
      {QStringLiteral("known_limits"), knownLimits()}};
}

}  // namespace walness::gate
