#pragma once

#include <QByteArray>

#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/Species.h"

namespace walness::knowledge {

enum class Urgency {
  Watch,  // mention at the next routine visit unless it changes
  Days,   // see a vet within a few days
  Today,  // see a vet today
};
std::string urgencyId(Urgency urgency);  // "watch", "days", "today"

// What an owner should know about one disease in one species (resources/knowledge/diseases.json).
// The texts are English source text; knowledge::Advice words them in the reader's language.
struct DiseaseInfo {
  std::string id;  // Diseases.h id
  Species species = Species::Dog;
  std::string what;
  std::vector<std::string> signs;
  std::string ownerAction;
  Urgency urgency = Urgency::Days;
  std::string urgencyReason;
};

class DiseaseKnowledge {
 public:
  // Parses and validates: known disease ids valid for the species, every text present.
  static Result<DiseaseKnowledge> parse(const QByteArray& json, const std::string& source);

  const DiseaseInfo* find(Species species, const std::string& id) const;
  const std::vector<DiseaseInfo>& entries() const { return entries_; }

 private:
  std::vector<DiseaseInfo> entries_;
};

}  // namespace walness::knowledge
