#include <gtest/gtest.h>

#include <QFile>

#include <set>

#include "walness/Diseases.h"
#include "walness/knowledge/Advice.h"
#include "walness/knowledge/DiseaseKnowledge.h"
#include "walness/knowledge/DiseaseKnowledgeWords.h"

using namespace walness;
using knowledge::DiseaseKnowledge;

namespace {

QByteArray shippedKnowledgeFile() {
  QFile file(QStringLiteral(WALNESS_SOURCE_DIR "/resources/knowledge/diseases.json"));
  EXPECT_TRUE(file.open(QIODevice::ReadOnly));
  return file.readAll();
}

bool hasHangul(const QString& text) {
  for (const QChar c : text)
    if (c.unicode() >= 0xAC00 && c.unicode() <= 0xD7A3) return true;
  return false;
}

inference::Finding finding(const std::string& disease, bool positive) {
  inference::Finding result;
  result.disease = disease;
  result.positive = positive;
  return result;
}

}  // namespace

TEST(DiseaseKnowledgeTest, CoversAllFifteenAiHubDiseasesInBothLanguages) {
  auto parsed = DiseaseKnowledge::parse(shippedKnowledgeFile(), "diseases.json");
  ASSERT_TRUE(parsed) << parsed.message();
  const Words korean(Language::Korean), english(Language::English);
  int covered = 0;
  for (const Disease& disease : allDiseases()) {
    for (Species species : {Species::Dog, Species::Cat}) {
      if ((species == Species::Dog && !disease.dog) || (species == Species::Cat && !disease.cat))
        continue;
      const knowledge::DiseaseInfo* info = parsed->find(species, std::string(disease.id));
      ASSERT_NE(info, nullptr) << disease.id << " " << speciesId(species);
      // Every text reads as Korean in Korean (Hangul, from the translation), English otherwise.
      for (const std::string& text : std::vector<std::string>{
               info->what, info->ownerAction, info->urgencyReason, info->signs[0]}) {
        EXPECT_TRUE(hasHangul(korean.translate("DiseaseKnowledge", text.c_str()))) << text;
        EXPECT_EQ(english.translate("DiseaseKnowledge", text.c_str()).toStdString(), text);
      }
      EXPECT_TRUE(hasHangul(diseaseName(disease, korean))) << disease.id;
      EXPECT_EQ(diseaseName(disease, english).toStdString(), disease.name);
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

// lupdate reads C++, not JSON: the generated list must hold exactly the JSON's texts, or a new
// text would never reach the translators (scripts/knowledge-words regenerates it).
TEST(DiseaseKnowledgeTest, EveryTextIsMarkedForTranslation) {
  auto parsed = DiseaseKnowledge::parse(shippedKnowledgeFile(), "diseases.json");
  ASSERT_TRUE(parsed) << parsed.message();
  std::set<std::string> inJson;
  for (const knowledge::DiseaseInfo& info : parsed->entries()) {
    inJson.insert({info.what, info.ownerAction, info.urgencyReason});
    inJson.insert(info.signs.begin(), info.signs.end());
  }
  std::set<std::string> marked;
  for (const char* text : knowledge::diseaseKnowledgeSourceTexts()) marked.insert(text);
  EXPECT_EQ(marked, inJson) << "run scripts/knowledge-words";
}

TEST(DiseaseKnowledgeTest, RejectsIncompleteOrWrongEntries) {
  const std::pair<QByteArray, std::string> cases[] = {
      {"[]", "not a Walness disease knowledge file"},
      {R"({"format": "walness-disease-knowledge", "format_version": 1, "diseases": []})",
       "format_version must be 2"},
      {R"({"format": "walness-disease-knowledge", "format_version": 2,
          "diseases": [{"id": "flu", "species": ["dog"]}]})",
       "unknown disease id"},
      {R"({"format": "walness-disease-knowledge", "format_version": 2,
          "diseases": [{"id": "cataract", "species": ["dog"], "what": ""}]})",
       "'what' has no text"},
      {R"({"format": "walness-disease-knowledge", "format_version": 2,
          "diseases": [{"id": "cataract", "species": ["dog"], "what": "x", "signs": ["x", " "]}]})",
       "'signs' has an empty item"},
      {R"({"format": "walness-disease-knowledge", "format_version": 2,
          "diseases": [{"id": "cataract", "species": ["cat"], "what": "x", "signs": ["x"],
          "owner_action": "x", "urgency": "days", "urgency_reason": "x"}]})",
       "not a cat disease"},
  };
  for (const auto& [json, expected] : cases) {
    auto parsed = DiseaseKnowledge::parse(json, "test.json");
    ASSERT_FALSE(parsed) << expected;
    EXPECT_NE(parsed.message().find(expected), std::string::npos) << parsed.message();
  }
}

TEST(AdviceTest, PositiveFindingsMostUrgentFirstInTheReadersLanguage) {
  const knowledge::DiseaseKnowledge* shipped = knowledge::shippedKnowledge();
  ASSERT_NE(shipped, nullptr);
  inference::Diagnosis diagnosis;
  diagnosis.species = Species::Dog;
  diagnosis.findings = {finding("nuclear_sclerosis", true), finding("conjunctivitis", false),
                        finding("cataract", true), finding("ulcerative_keratitis", true)};

  const auto english = knowledge::adviceFor(diagnosis, *shipped, Words(Language::English));
  ASSERT_EQ(english.size(), 3u);  // the negative finding gets none
  EXPECT_EQ(english[0].disease, "ulcerative_keratitis");
  EXPECT_EQ(english[0].urgencyText, "See a vet today");
  EXPECT_EQ(english[1].disease, "cataract");
  EXPECT_EQ(english[2].disease, "nuclear_sclerosis");
  EXPECT_EQ(english[2].urgencyText, "Mention it at the next vet visit");
  EXPECT_TRUE(knowledge::seeAVetToday(english));
  EXPECT_EQ(english[1].what.toStdString(), shipped->find(Species::Dog, "cataract")->what);

  const auto korean = knowledge::adviceFor(diagnosis, *shipped, Words(Language::Korean));
  ASSERT_EQ(korean.size(), 3u);
  EXPECT_EQ(korean[0].urgencyText, QStringLiteral("오늘 동물병원에 가세요"));
  for (const knowledge::Advice& item : korean) {
    EXPECT_TRUE(hasHangul(item.diseaseName + item.what + item.ownerAction + item.urgencyReason));
    EXPECT_FALSE(item.signs.isEmpty());
  }
  const QString text = knowledge::adviceText(korean, Words(Language::Korean), QStringLiteral("  "));
  EXPECT_TRUE(text.contains(QStringLiteral("이렇게 하세요:"))) << text.toStdString();
  const QString html = knowledge::adviceHtml(english, Words(Language::English));
  EXPECT_EQ(html.count(QStringLiteral("<p>")), 3);
  EXPECT_TRUE(html.contains(QStringLiteral("What to do:")));

  diagnosis.findings = {finding("cataract", true)};
  EXPECT_FALSE(
      knowledge::seeAVetToday(knowledge::adviceFor(diagnosis, *shipped, Words(Language::English))));
  diagnosis.abstention = inference::Abstention{};
  EXPECT_TRUE(knowledge::adviceFor(diagnosis, *shipped, Words(Language::English)).empty());
}
