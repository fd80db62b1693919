// Decisions as types, worded in one place and named in JSON in one place.
#include <gtest/gtest.h>

#include <QJsonObject>

#include "walness/inference/DiagnosisJson.h"
#include "walness/inference/Wording.h"
#include "walness/text/Language.h"
#include "walness/text/Words.h"

using namespace walness;
using namespace walness::inference;

namespace {

constexpr AbstentionReason kReasons[] = {AbstentionReason::Quality, AbstentionReason::EyeTooSmall,
                                         AbstentionReason::NotAnEye, AbstentionReason::OtherSpecies,
                                         AbstentionReason::OutOfDistribution};

}  // namespace

TEST(WordsTest, KoreanComesFromTheProjectsTranslationAndEnglishIsTheSource) {
  const Words korean(Language::Korean), english(Language::English);
  EXPECT_EQ(korean.translate("Abstention", "This looks like a cat's eye"),
            QStringLiteral("고양이의 눈으로 보입니다"));
  EXPECT_EQ(english.translate("Abstention", "This looks like a cat's eye"),
            QStringLiteral("This looks like a cat's eye"));
  // A text the translation does not have stays in English rather than going blank.
  EXPECT_EQ(korean.translate("Abstention", "a text nobody translated"),
            QStringLiteral("a text nobody translated"));
  EXPECT_EQ(languageFromCode("ko_KR"), Language::Korean);
  EXPECT_EQ(languageFromCode("en"), Language::English);
  EXPECT_FALSE(languageFromCode("fr").has_value());
  EXPECT_EQ(languageCode(Language::Korean), "ko");
}

TEST(WordingTest, EveryAbstentionReasonHasItsOwnWordsInBothLanguages) {
  for (const Language language : {Language::English, Language::Korean}) {
    const Words words(language);
    QStringList titles;
    for (const AbstentionReason reason : kReasons) {
      const AbstentionText text = describeAbstention(reason, Species::Dog, Species::Cat, words);
      EXPECT_FALSE(text.title.isEmpty());
      EXPECT_FALSE(text.advice.isEmpty());
      titles << text.title;
    }
    titles.removeDuplicates();
    EXPECT_EQ(titles.size(), 5) << titles.join(QStringLiteral(" | ")).toStdString();
  }
  const AbstentionText korean = describeAbstention(AbstentionReason::OtherSpecies, Species::Dog,
                                                   Species::Cat, Words(Language::Korean));
  EXPECT_EQ(korean.title, QStringLiteral("고양이의 눈으로 보입니다"));
  EXPECT_TRUE(korean.advice.contains(QStringLiteral("고양이"))) << korean.advice.toStdString();
  EXPECT_EQ(speciesName(Species::Dog, Words(Language::Korean)), QStringLiteral("강아지"));
}

TEST(WordingTest, AbstentionReasonsRoundTripThroughJsonAndAnUnknownIdIsKept) {
  for (const AbstentionReason reason : kReasons)
    EXPECT_EQ(abstentionReasonFromId(abstentionReasonId(reason)), reason);
  EXPECT_EQ(abstentionReasonId(AbstentionReason::NotAnEye), "not_an_eye");

  // A record written by a newer Walness: its reason is not known here, and is not lost.
  Diagnosis diagnosis;
  diagnosis.modelId = "dog-eye-mobilenetv2";
  diagnosis.modelVersion = "9.0.0";
  diagnosis.abstention = Abstention{AbstentionReason::Quality, "from a newer app"};
  QJsonObject json = diagnosisToJson(diagnosis);
  EXPECT_EQ(json.value(QStringLiteral("abstained")).toString(), QStringLiteral("quality"));
  json.insert(QStringLiteral("abstained"), QStringLiteral("eye_too_far_away"));
  const auto read = diagnosisFromJson(json);
  ASSERT_TRUE(read) << read.message();
  ASSERT_TRUE(read->abstention.has_value());
  EXPECT_EQ(read->abstention->reason, AbstentionReason::Unrecognised);
  EXPECT_EQ(diagnosisToJson(*read).value(QStringLiteral("abstained")).toString(),
            QStringLiteral("eye_too_far_away"));
  EXPECT_FALSE(describeAbstention(read->abstention->reason, Species::Dog, std::nullopt,
                                  Words(Language::English))
                   .title.isEmpty());
}

// A found eye with too few pixels: its own reason, the measured size in the JSON and in the words.
TEST(WordingTest, AnEyeTooSmallIsWordedWithItsSizeAndKeepsItInJson) {
  Diagnosis diagnosis;
  diagnosis.modelId = "dog-eye-mobilenetv2";
  diagnosis.modelVersion = "1.1.0";
  Abstention tooSmall{AbstentionReason::EyeTooSmall, "too small"};
  tooSmall.eyePixels = 31;
  tooSmall.neededPixels = 64;
  diagnosis.abstention = tooSmall;
  const QJsonObject json = diagnosisToJson(diagnosis);
  EXPECT_EQ(json.value(QStringLiteral("abstained")).toString(), QStringLiteral("eye_too_small"));
  EXPECT_EQ(json.value(QStringLiteral("eye_size_px")).toDouble(), 31);
  EXPECT_EQ(json.value(QStringLiteral("eye_size_needed_px")).toDouble(), 64);
  const auto read = diagnosisFromJson(json);
  ASSERT_TRUE(read && read->abstention) << read.message();
  EXPECT_EQ(read->abstention->reason, AbstentionReason::EyeTooSmall);
  EXPECT_EQ(read->abstention->eyePixels, 31);
  const AbstentionText english = describeAbstention(*read, Words(Language::English));
  EXPECT_TRUE(english.advice.contains(QStringLiteral("only 31 pixels")))
      << english.advice.toStdString();
  EXPECT_TRUE(english.advice.contains(QStringLiteral("64"))) << english.advice.toStdString();
  const AbstentionText korean = describeAbstention(*read, Words(Language::Korean));
  EXPECT_TRUE(korean.advice.contains(QStringLiteral("31"))) << korean.advice.toStdString();
  EXPECT_NE(korean.title, english.title);
}
