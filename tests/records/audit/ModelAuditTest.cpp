#include <gtest/gtest.h>

#include <random>

#include "walness/audit/ModelAudit.h"

using namespace walness;
using namespace walness::audit;

namespace {

history::ConfirmedCheck check(const std::string& version, double cataract, bool cataractPresent,
                              std::optional<bool> conjunctivitisPresent = std::nullopt) {
  history::ConfirmedCheck c;
  c.record.diagnosis.modelId = "dog-eye-mobilenetv2";
  c.record.diagnosis.modelVersion = version;
  c.record.diagnosis.findings.push_back({"cataract", cataract, 0.5, cataract >= 0.5, 0});
  c.record.diagnosis.findings.push_back({"conjunctivitis", 0.3, 0.5, false, 0});
  c.record.takenAt = "2026-11-0" + std::to_string(1 + int(cataract * 8)) + "T09:00:00Z";
  c.confirmation.confirmedBy = "Dr. Kim";
  c.confirmation.findings.push_back(
      {"cataract",
       cataractPresent ? history::FindingStatus::Present : history::FindingStatus::Absent, ""});
  if (conjunctivitisPresent)
    c.confirmation.findings.push_back(
        {"conjunctivitis",
         *conjunctivitisPresent ? history::FindingStatus::Present : history::FindingStatus::Absent,
         ""});
  return c;
}

TEST(ModelAuditTest, WilsonIntervalsMatchPublishedValues) {
  // Newcombe (1998), table I: 81/263 -> 0.2553-0.3662; 15/148 -> 0.0624-0.1605; 0/10 -> 0-0.2775.
  const Proportion a = wilsonProportion(81, 263);
  EXPECT_NEAR(a.low, 0.2553, 1e-4);
  EXPECT_NEAR(a.high, 0.3662, 1e-4);
  const Proportion b = wilsonProportion(15, 148);
  EXPECT_NEAR(b.low, 0.0624, 1e-4);
  EXPECT_NEAR(b.high, 0.1605, 1e-4);
  const Proportion c = wilsonProportion(0, 10);
  EXPECT_DOUBLE_EQ(c.low, 0.0);
  EXPECT_NEAR(c.high, 0.2775, 1e-4);
  const Proportion d = wilsonProportion(10, 10);
  EXPECT_NEAR(d.low, 0.7225, 1e-4);
  EXPECT_DOUBLE_EQ(d.high, 1.0);
}

TEST(ModelAuditTest, CountsRatesAndAucEqualADirectComputation) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<history::ConfirmedCheck> checks;
  int tp = 0, fn = 0, tn = 0, fp = 0;
  std::vector<double> withScores, withoutScores;
  for (int i = 0; i < 60; ++i) {
    const bool present = i % 3 == 0;
    const double score = present ? 0.3 + 0.7 * uniform(random) : 0.7 * uniform(random);
    checks.push_back(
        check("1.0.0", score, present, i % 2 == 0 ? std::optional<bool>(false) : std::nullopt));
    const bool flagged = score >= 0.5;
    present ? ++(flagged ? tp : fn) : ++(flagged ? fp : tn);
    (present ? withScores : withoutScores).push_back(score);
  }
  double wins = 0;  // AUC as the share of (with, without) pairs ranked right, ties half
  for (double a : withScores)
    for (double b : withoutScores) wins += a > b ? 1.0 : a == b ? 0.5 : 0.0;
  const double auc = wins / double(withScores.size() * withoutScores.size());

  const AuditReport report = auditConfirmedChecks(checks);
  ASSERT_EQ(report.models.size(), 1u);
  EXPECT_EQ(report.confirmedChecks, 60);
  const ModelVersionAudit& model = report.models.front();
  EXPECT_EQ(model.confirmedChecks, 60);
  ASSERT_EQ(model.diseases.size(), 2u);
  const DiseaseAudit& cataract = model.diseases[0];
  EXPECT_EQ(cataract.disease, "cataract");
  EXPECT_EQ(cataract.truePositives, tp);
  EXPECT_EQ(cataract.falseNegatives, fn);
  EXPECT_EQ(cataract.trueNegatives, tn);
  EXPECT_EQ(cataract.falsePositives, fp);
  ASSERT_TRUE(cataract.sensitivity && cataract.specificity && cataract.auc);
  EXPECT_DOUBLE_EQ(cataract.sensitivity->value, double(tp) / (tp + fn));
  EXPECT_DOUBLE_EQ(cataract.specificity->value, double(tn) / (tn + fp));
  EXPECT_NEAR(*cataract.auc, auc, 1e-12);
  EXPECT_NE(cataract.wordsEn.find("AUC"), std::string::npos);
  // Conjunctivitis was answered for half the checks, all absent: a rate, no AUC, and words.
  const DiseaseAudit& conjunctivitis = model.diseases[1];
  EXPECT_EQ(conjunctivitis.positives, 0);
  EXPECT_EQ(conjunctivitis.negatives, 30);
  EXPECT_FALSE(conjunctivitis.sensitivity);
  EXPECT_FALSE(conjunctivitis.auc);
  EXPECT_NE(conjunctivitis.wordsEn.find("Too few"), std::string::npos) << conjunctivitis.wordsEn;
}

TEST(ModelAuditTest, VersionsAreAuditedApartAndSmallCountsSaySo) {
  std::vector<history::ConfirmedCheck> checks = {
      check("1.0.0", 0.9, true), check("1.1.0", 0.2, true), check("1.1.0", 0.6, false)};
  checks.back().confirmation.findings.push_back({"epiphora", history::FindingStatus::Present, ""});
  history::ConfirmedCheck refused = check("1.1.0", 0.0, true);
  refused.record.diagnosis.findings.clear();
  refused.record.diagnosis.abstention =
      inference::Abstention{inference::AbstentionReason::NotAnEye, "not an eye"};
  checks.push_back(refused);

  const AuditReport report = auditConfirmedChecks(checks);
  ASSERT_EQ(report.models.size(), 2u);
  EXPECT_EQ(report.models[0].modelVersion, "1.0.0");
  EXPECT_EQ(report.models[1].modelVersion, "1.1.0");
  EXPECT_EQ(report.models[1].confirmedChecks, 3);
  EXPECT_EQ(report.models[1].abstained, 1);
  const DiseaseAudit& cataract = report.models[1].diseases[0];
  EXPECT_EQ(cataract.falseNegatives, 1);
  EXPECT_EQ(cataract.falsePositives, 1);
  EXPECT_FALSE(cataract.auc);
  EXPECT_NE(cataract.wordsEn.find("Too few checks to judge"), std::string::npos);
  ASSERT_EQ(report.unchecked.size(), 1u);
  EXPECT_EQ(report.unchecked[0].disease, "epiphora");
  EXPECT_EQ(report.unchecked[0].present, 1);
  EXPECT_TRUE(auditConfirmedChecks(checks, "cat-eye-model").models.empty());
}

}  // namespace
