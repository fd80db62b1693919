#pragma once

#include <QJsonObject>

#include <optional>
#include <string>
#include <vector>

#include "walness/Species.h"
#include "walness/history/HistoryStore.h"

namespace walness::audit {

// A proportion with its 95% Wilson score interval (sound for small counts and for 0 or n hits).
struct Proportion {
  int hits = 0;
  int total = 0;
  double value = 0;
  double low = 0;
  double high = 0;
};
Proportion wilsonProportion(int hits, int total, double z = 1.959963984540054);

// How one model version did on one disease, against the vet's answers.
struct DiseaseAudit {
  std::string disease;
  int positives = 0;  // checks the vet found it in (and the model gave findings for)
  int negatives = 0;  // checks the vet examined and found it absent
  int truePositives = 0, falseNegatives = 0, trueNegatives = 0, falsePositives = 0;
  std::optional<Proportion> sensitivity;  // when positives > 0
  std::optional<Proportion> specificity;  // when negatives > 0
  std::optional<double> auc;              // when both classes have at least kMinimumForAuc
  std::string wordsEn;                    // what the numbers allow one to say, in plain words
};

struct ModelVersionAudit {
  std::string modelId;
  std::string modelVersion;
  Species species = Species::Dog;
  int confirmedChecks = 0;            // checks of this model version with an answer
  int abstained = 0;                  // of them, screened without findings (photo not fit to judge)
  std::string firstCheck, lastCheck;  // taken_at range
  std::vector<DiseaseAudit> diseases;  // the diseases the model checks, by id
};

// A disease the vet confirmed that no audited model checks (the model cannot see it).
struct UncheckedDisease {
  std::string disease;
  int present = 0;
  int absent = 0;
};

struct AuditReport {
  static constexpr int kMinimumForAuc = 10;
  std::vector<ModelVersionAudit> models;  // by id, then version
  std::vector<UncheckedDisease> unchecked;
  int confirmedChecks = 0;

  QJsonObject toJson() const;
};

// Sensitivity and specificity at the threshold each check was screened with, per model version
// and disease; only answers of present or absent count (not examined leaves a check out for that
// disease). `modelId` empty = every model.
AuditReport auditConfirmedChecks(const std::vector<history::ConfirmedCheck>& checks,
                                 const std::string& modelId = {});

}  // namespace walness::audit
