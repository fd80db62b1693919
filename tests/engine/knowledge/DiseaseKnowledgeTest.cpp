#include <gtest/gtest.h>

#include <QFile>

#include "walness/Diseases.h"
#include "walness/knowledge/DiseaseKnowledge.h"

using namespace walness;
using knowledge::DiseaseKnowledge;

namespace {

QByteArray shippedKnowledge() {
  QFile file(QStringLiteral(WALNESS_SOURCE_DIR "/resources/knowledge/diseases.json"));
  EXPECT_TRUE(file.open(QIODevice::ReadOnly));
  return file.readAll();
}

}  // namespace

TEST(DiseaseKnowledgeTest, CoversAllFifteenAiHubDiseasesInBothLanguages) {
  auto parsed = DiseaseKnowledge::parse(shippedKnowledge(), "diseases.json");
  ASSERT_TRUE(parsed) << parsed.message();
  int covered = 0;
  for (const Disease& disease : allDiseases()) {
    for (Species species : {Species::Dog, Species::Cat}) {
      if ((species == Species::Dog && !disease.dog) || (species == Species::Cat && !disease.cat))
        continue;
      const knowledge::DiseaseInfo* info = parsed->find(species, std::string(disease.id));
      ASSERT_NE(info, nullptr) << disease.id << " " << speciesId(species);
      // Korean text is Korean (Hangul syllables), not a copy of the English.
      EXPECT_NE(info->what.at("ko").find("\xEB"), std::string::npos) << disease.id;
      EXPECT_NE(info->what.at("en"), info->what.at("ko"));
      EXPECT_EQ(info->signs.at("en").size(), info->signs.at("ko").size()) << disease.id;
      ++covered;
    }
  }
  EXPECT_EQ(covered, 15);
  EXPECT_EQ(parsed->entries().size(), 15u);
  // Corneal ulcers are the emergencies; nuclear sclerosis is normal ageing.
  EXPECT_EQ(parsed->find(Species::Dog, "ulcerative_keratitis")->urgency, knowledge::Urgency::Today);
  EXPECT_EQ(parsed->find(Species::Cat, "corneal_ulcer")->urgency, knowledge::Urgency::Today);
  EXPECT_EQ(parsed->find(Species::Dog, "nuclear_sclerosis")->urgency, knowledge::Urgency::Watch);
}

TEST(DiseaseKnowledgeTest, RejectsIncompleteOrWrongEntries) {
  const std::pair<QByteArray, std::string> cases[] = {
      {"[]", "not a Walness disease knowledge file"},
      {R"({"format": "walness-disease-knowledge", "diseases": [{"id": "flu", "species": ["dog"]}]})",
       "unknown disease id"},
      {R"({"format": "walness-disease-knowledge", "diseases": [{"id": "cataract", "species": ["dog"],
          "what": {"en": "x"}}]})",
       "'what' has no ko text"},
      {R"({"format": "walness-disease-knowledge", "diseases": [{"id": "cataract", "species": ["cat"],
          "what": {"en": "x", "ko": "가"}, "signs": {"en": ["x"], "ko": ["가"]},
          "owner_action": {"en": "x", "ko": "가"}, "urgency": "days",
          "urgency_reason": {"en": "x", "ko": "가"}}]})",
       "not a cat disease"},
  };
  for (const auto& [json, expected] : cases) {
    auto parsed = DiseaseKnowledge::parse(json, "test.json");
    ASSERT_FALSE(parsed) << expected;
    EXPECT_NE(parsed.message().find(expected), std::string::npos) << parsed.message();
  }
}
