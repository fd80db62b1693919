#include "walness/training/gate/GateValMeasurement.h"

#include <torch/torch.h>

#include <map>
#include <string>

#include "walness/inference/DiagnosisJson.h"
#include "walness/io/AtomicFile.h"
#include "walness/training/gate/GateTrainingRecord.h"

namespace walness::gate {

namespace {

// The card's names for what the gate did with a photo: a diagnosis's JSON ids, or "screened".
std::string outcomeId(GateRefusal refusal) {
  using inference::AbstentionReason;
  switch (refusal) {
    case GateRefusal::NotAnEye:
      return std::string(inference::abstentionReasonId(AbstentionReason::NotAnEye));
    case GateRefusal::OtherSpecies:
      return std::string(inference::abstentionReasonId(AbstentionReason::OtherSpecies));
    case GateRefusal::None:
      break;
  }
  return "screened";
}

struct ValCounts {
  std::map<int, std::map<std::string, int64_t>> perSource;  // source -> outcome -> count
  int64_t speciesRight = 0, speciesTotal = 0;
};

// The views' probabilities and distance scores (undefined without the model's ood statistics).
struct ValScores {
  torch::Tensor probabilities;
  torch::Tensor distances;
};

ValScores scoresOf(EyeGate& gate, const bundle::ModelCard& modelCard, const GateFeatureTable& val,
                   int64_t channels) {
  ValScores scores;
  {
    torch::NoGradGuard noGrad;
    scores.probabilities = torch::softmax(gate.head->forward(val.features), 1);
  }
  if (modelCard.ood) {
    const torch::Tensor mean = torch::tensor(modelCard.ood->featureMean);
    const torch::Tensor std = torch::tensor(modelCard.ood->featureStd);
    scores.distances = ((val.features.slice(1, 0, channels) - mean) / std).pow(2).mean(1);
  }
  return scores;
}

std::string csvLine(const GateFeatureTable& val, const ValScores& scores, bool hasOod, int64_t i) {
  const torch::Tensor& probabilities = scores.probabilities;
  return gateSourceId(GateSource(val.sources[i].item<int64_t>())) + "," +
         std::to_string(val.labels[i].item<int64_t>()) + "," +
         std::to_string(probabilities[i][kDogEye].item<double>()) + "," +
         std::to_string(probabilities[i][kCatEye].item<double>()) + "," +
         std::to_string(probabilities[i][kNotEye].item<double>()) + "," +
         (hasOod ? std::to_string(scores.distances[i].item<double>()) : std::string()) + "\n";
}

// Counts what the gate and the distance check did with view `i`.
void countView(const EyeGate& gate, const bundle::ModelCard& modelCard, const GateFeatureTable& val,
               const ValScores& valScores, int64_t i, ValCounts& counts) {
  const torch::Tensor& probabilities = valScores.probabilities;
  const auto* ood = modelCard.ood ? &*modelCard.ood : nullptr;
  const GateScores scores{probabilities[i][kDogEye].item<double>(),
                          probabilities[i][kCatEye].item<double>(),
                          probabilities[i][kNotEye].item<double>()};
  const GateVerdict verdict = gate.judge(scores, modelCard.species);
  auto& row = counts.perSource[int(val.sources[i].item<int64_t>())];
  ++row["photos"];
  ++row[outcomeId(verdict.refusal)];
  if (ood && valScores.distances[i].item<double>() > ood->threshold)
    ++row["distance_check_refused"];
  if (ood && (verdict.refused() || valScores.distances[i].item<double>() > ood->threshold))
    ++row["either_refused"];
  const int64_t label = val.labels[i].item<int64_t>();
  const auto source = GateSource(val.sources[i].item<int64_t>());
  if (source == GateSource::DogEye || source == GateSource::CatEye) {
    ++counts.speciesTotal;
    if ((scores.dogEye >= scores.catEye) == (label == kDogEye)) ++counts.speciesRight;
  }
}

QJsonObject perSourceJson(ValCounts& counts) {
  QJsonObject perSource;
  for (auto& [source, row] : counts.perSource) {
    QJsonObject entry{{QStringLiteral("photos"), double(row["photos"])}};
    for (const std::string& outcome :
         {outcomeId(GateRefusal::None), outcomeId(GateRefusal::NotAnEye),
          outcomeId(GateRefusal::OtherSpecies), std::string("distance_check_refused"),
          std::string("either_refused")})
      entry.insert(QString::fromStdString(outcome), shareJson(row[outcome], row["photos"]));
    perSource.insert(QString::fromStdString(gateSourceId(GateSource(source))), entry);
  }
  return perSource;
}

QJsonObject summaryJson(ValCounts& counts) {
  const auto row = [&](GateSource source) { return counts.perSource[int(source)]; };
  auto dog = row(GateSource::DogEye), cat = row(GateSource::CatEye),
       other = row(GateSource::NotEye);
  const std::string notAnEye = outcomeId(GateRefusal::NotAnEye),
                    otherSpecies = outcomeId(GateRefusal::OtherSpecies);
  return QJsonObject{
      {QStringLiteral("not_eye_photos_accepted"),
       shareJson(other["photos"] - other[notAnEye], other["photos"])},
      {QStringLiteral("dog_eye_closeups_refused"),
       shareJson(dog[notAnEye] + dog[otherSpecies], dog["photos"])},
      {QStringLiteral("cat_eye_closeups_refused_other_species"),
       shareJson(cat[otherSpecies], cat["photos"])},
      {QStringLiteral("cat_eye_closeups_refused_any"),
       shareJson(cat[otherSpecies] + cat[notAnEye], cat["photos"])},
      {QStringLiteral("species_accuracy"), shareJson(counts.speciesRight, counts.speciesTotal)}};
}

}  // namespace

Result<GateValMeasurement> measureGateOnVal(EyeGate& gate, const bundle::ModelCard& modelCard,
                                            const GateFeatureTable& val, int64_t channels,
                                            const GateTrainingOptions& options) {
  const ValScores scores = scoresOf(gate, modelCard, val, channels);
  ValCounts counts;
  std::string scoresCsv = "source,label,dog_eye,cat_eye,not_eye,distance\n";
  for (int64_t i = 0; i < val.features.size(0); ++i) {
    if (!options.valScoresCsv.empty()) scoresCsv += csvLine(val, scores, bool(modelCard.ood), i);
    countView(gate, modelCard, val, scores, i, counts);
  }
  GateValMeasurement measurement;
  measurement.perSource = perSourceJson(counts);
  if (!options.valScoresCsv.empty()) {
    auto written = io::writeFileAtomically(QString::fromStdString(options.valScoresCsv),
                                           QByteArray::fromStdString(scoresCsv));
    if (!written) return written.error();
  }
  measurement.summary = summaryJson(counts);
  return measurement;
}

}  // namespace walness::gate
