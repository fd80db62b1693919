#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include "walness/report/Report.h"

using namespace walness;

namespace {

report::ReportItem item(double cataract, const std::string& takenAt, bool abstained = false) {
  report::ReportItem item;
  item.diagnosis.modelId = "dog-eye-mobilenetv2";
  item.diagnosis.modelVersion = "1.0.0";
  if (abstained) {
    item.diagnosis.abstention =
        inference::Abstention{inference::AbstentionReason::Quality, "too blurred"};
    item.diagnosis.quality.checks.push_back({"blur", 2.0, 10.0, imaging::QualitySeverity::Severe});
  } else {
    item.diagnosis.findings.push_back({"cataract", cataract, 0.4, cataract >= 0.4, 0});
    item.diagnosis.findings.push_back({"blepharitis", 0.1, 0.5, false, 0});
  }
  item.photo = cv::Mat(300, 400, CV_8UC3, cv::Scalar(90, 60, 40));
  item.region = cv::Rect(100, 50, 200, 200);
  item.heatmap = cv::Mat(56, 56, CV_32F, cv::Scalar(0.5));
  item.camMethod = "gradcam";
  item.camDisease = "cataract";
  item.takenAt = takenAt;
  return item;
}

bundle::ModelCard card() {
  bundle::ModelCard card;
  card.id = "dog-eye-mobilenetv2";
  card.version = "1.0.0";
  card.labels = {{"cataract", 0.4}, {"blepharitis", 0.5}};
  card.metrics = QJsonObject{{QStringLiteral("macro_auc"), 0.886},
                             {QStringLiteral("n"), 1637},
                             {QStringLiteral("per_label"),
                              QJsonObject{{QStringLiteral("cataract"),
                                           QJsonObject{{QStringLiteral("auc"), 0.93},
                                                       {QStringLiteral("sensitivity"), 0.85}}}}}};
  card.provenance = QJsonObject{{QStringLiteral("known_limits"),
                                 QJsonArray{QStringLiteral("Trained only on dog eye photos.")}}};
  return card;
}

TEST(ReportTest, OneDiagnosisHasPicturesFindingsThresholdsCardAndNotice) {
  report::ReportRequest request;
  request.items.push_back(item(0.81, "2026-03-01T09:00:00.000Z"));
  request.card = card();
  const report::Report made = report::buildReport(request);
  EXPECT_EQ(made.images.size(), 3u);  // photo with region, the region, its heatmap
  for (const auto& [name, png] : made.images) {
    EXPECT_TRUE(made.html.contains(QStringLiteral("src='%1'").arg(name)));
    EXPECT_TRUE(png.startsWith("\x89PNG"));
  }
  EXPECT_TRUE(made.html.contains(QStringLiteral("Signs consistent with cataract (81.0%)")));
  EXPECT_TRUE(made.html.contains(QStringLiteral("40.0%")));  // the threshold
  EXPECT_TRUE(made.html.contains(QStringLiteral("above threshold")));
  EXPECT_TRUE(made.html.contains(QStringLiteral("not a veterinary diagnosis")));
  EXPECT_TRUE(made.html.contains(QStringLiteral("macro AUC 0.886")));
  EXPECT_TRUE(made.html.contains(QStringLiteral("Trained only on dog eye photos.")));
  EXPECT_TRUE(made.html.contains(QStringLiteral("cannot confirm that an eye is healthy")));
  const QString inlined = made.selfContainedHtml();
  EXPECT_FALSE(inlined.contains(QStringLiteral("src='photo-1.png'")));
  EXPECT_EQ(made.json.value(QStringLiteral("format")).toString(), QStringLiteral("walness-report"));
  EXPECT_DOUBLE_EQ(made.json.value(QStringLiteral("diagnoses"))
                       .toArray()[0]
                       .toObject()
                       .value(QStringLiteral("result"))
                       .toObject()
                       .value(QStringLiteral("findings"))
                       .toArray()[0]
                       .toObject()
                       .value(QStringLiteral("probability"))
                       .toDouble(),
                   0.81);
}

TEST(ReportTest, APetsHistoryInKoreanHasATimelineAndWordsAbstentionAndMissingCard) {
  report::ReportRequest request;
  history::Pet pet;
  pet.name = "초코";
  pet.birthYear = 2020;
  request.pet = pet;
  request.items = {item(0.81, "2026-01-01T09:00:00.000Z"), item(0.3, "2026-02-01T09:00:00.000Z"),
                   item(0, "2026-03-01T09:00:00.000Z", true)};
  request.language = "ko";
  const report::Report made = report::buildReport(request);
  EXPECT_EQ(made.title, QStringLiteral("눈 검사 기록: 초코"));
  EXPECT_TRUE(made.html.contains(QStringLiteral("시간에 따른 변화")));
  EXPECT_TRUE(made.html.contains(QStringLiteral("백내장")));
  // The same words as the eye-check page (inference::describeAbstention), in the report's language.
  EXPECT_TRUE(made.html.contains(QStringLiteral("이 사진으로는 판단할 수 없습니다")));
  EXPECT_TRUE(made.html.contains(QStringLiteral("모델 카드가 없어")));
  EXPECT_TRUE(made.html.contains(QStringLiteral("2020년생")));
  EXPECT_EQ(made.json.value(QStringLiteral("diagnoses")).toArray().size(), 3);

  QTemporaryDir folder;
  ASSERT_TRUE(report::writeHtmlAndJson(made, folder.filePath(QStringLiteral("coco"))));
  QFile html(folder.filePath(QStringLiteral("coco.html")));
  ASSERT_TRUE(html.open(QIODevice::ReadOnly));
  EXPECT_TRUE(QString::fromUtf8(html.readAll()).contains(QStringLiteral("data:image/png;base64,")));
  QFile json(folder.filePath(QStringLiteral("coco.json")));
  ASSERT_TRUE(json.open(QIODevice::ReadOnly));
  EXPECT_TRUE(QJsonDocument::fromJson(json.readAll()).isObject());
}

}  // namespace

TEST(ReportTest, TheEyeGatesRefusalsAreWordedInBothLanguages) {
  report::ReportRequest request;
  report::ReportItem cat = item(0, "2026-11-29T09:00:00.000Z", true);
  cat.diagnosis.abstention =
      inference::Abstention{inference::AbstentionReason::OtherSpecies, "a cat's eye"};
  cat.diagnosis.detectedSpecies = Species::Cat;
  cat.diagnosis.eyeGate = gate::GateScores{0.05, 0.9, 0.05};
  report::ReportItem other = item(0, "2026-11-29T09:01:00.000Z", true);
  other.diagnosis.abstention =
      inference::Abstention{inference::AbstentionReason::NotAnEye, "not an eye"};
  request.items = {cat, other};
  request.language = "en";
  const report::Report english = report::buildReport(request);
  EXPECT_TRUE(
      english.html.contains(QStringLiteral("This looks like a cat's eye. This model screens dogs' "
                                           "eyes; a cat's eye needs a cat model.")));
  EXPECT_TRUE(english.html.contains(QStringLiteral("does not look like a close-up of an eye")));
  const QJsonArray diagnoses = english.json.value(QStringLiteral("diagnoses")).toArray();
  ASSERT_EQ(diagnoses.size(), 2);
  request.language = "ko";
  const report::Report korean = report::buildReport(request);
  EXPECT_TRUE(korean.html.contains(QStringLiteral("고양이의 눈으로 보입니다")));
  EXPECT_TRUE(korean.html.contains(QStringLiteral("눈을 가까이 찍은 사진이 아닌 것 같습니다")));
}

TEST(ReportTest, TheVetsConfirmationIsShownInBothLanguagesAndInTheJson) {
  report::ReportRequest request;
  request.items.push_back(item(0.8, "2026-11-20T10:00:00Z"));
  history::Confirmation confirmation;
  confirmation.revision = 2;
  confirmation.confirmedBy = "Dr. <b>Kim</b>";
  confirmation.confirmedAt = "2026-11-21T09:30:00Z";
  confirmation.note = "slit lamp";
  confirmation.findings = {{"cataract", history::FindingStatus::Present, "immature"},
                           {"conjunctivitis", history::FindingStatus::Absent, ""},
                           {"epiphora", history::FindingStatus::NotExamined, ""}};
  request.items.back().confirmation = confirmation;

  const report::Report english = report::buildReport(request);
  EXPECT_TRUE(english.html.contains(QStringLiteral("Veterinarian's confirmation")));
  EXPECT_TRUE(english.html.contains(QStringLiteral("Dr. &lt;b&gt;Kim&lt;/b&gt;")));  // escaped
  EXPECT_TRUE(
      english.html.contains(QStringLiteral("<td>Cataract</td><td>found</td><td>immature</td>")));
  EXPECT_TRUE(english.html.contains(QStringLiteral("<td>Conjunctivitis</td><td>not found</td>")));
  EXPECT_TRUE(english.html.contains(QStringLiteral("<td>Epiphora</td><td>not examined</td>")));
  EXPECT_TRUE(english.html.contains(QStringLiteral("revision 2")));
  const QJsonObject json = english.json[QStringLiteral("diagnoses")]
                               .toArray()[0]
                               .toObject()[QStringLiteral("confirmation")]
                               .toObject();
  EXPECT_EQ(json[QStringLiteral("confirmed_by")].toString(), QStringLiteral("Dr. <b>Kim</b>"));
  EXPECT_EQ(json[QStringLiteral("findings")].toArray().size(), 3);
  EXPECT_EQ(json[QStringLiteral("findings")].toArray()[0].toObject()[QStringLiteral("status")],
            QStringLiteral("present"));

  request.language = "ko";
  const report::Report korean = report::buildReport(request);
  EXPECT_TRUE(korean.html.contains(QStringLiteral("수의사 확인")));
  EXPECT_TRUE(korean.html.contains(QStringLiteral("<td>백내장</td><td>있음</td>")));
  EXPECT_TRUE(korean.html.contains(QStringLiteral("<td>유루증</td><td>검사 안 함</td>")));
}

// Both eyes of one photo: each item's heading names its side of the photo, in both languages, and
// the JSON carries it as `walness-cli diagnose --all-eyes --json` does.
TEST(ReportTest, TheTwoEyesOfOnePhotoAreNamedByTheirSide) {
  report::ReportRequest request;
  request.items = {item(0.81, "2026-11-29T09:00:00.000Z"), item(0.2, "2026-11-29T09:00:00.000Z"),
                   item(0.3, "2026-11-30T09:00:00.000Z")};
  request.items[0].eyeSide = "left_of_photo";
  request.items[1].eyeSide = "right_of_photo";
  const report::Report english = report::buildReport(request);
  EXPECT_TRUE(english.html.contains(QStringLiteral("Eye on the left of the photo</h2>")));
  EXPECT_TRUE(english.html.contains(QStringLiteral("Eye on the right of the photo</h2>")));
  EXPECT_EQ(english.html.count(QStringLiteral("of the photo</h2>")), 2);
  const QJsonArray diagnoses = english.json.value(QStringLiteral("diagnoses")).toArray();
  ASSERT_EQ(diagnoses.size(), 3);
  EXPECT_EQ(diagnoses[0].toObject().value(QStringLiteral("photo_side")).toString(),
            QStringLiteral("left_of_photo"));
  EXPECT_EQ(diagnoses[1].toObject().value(QStringLiteral("photo_side")).toString(),
            QStringLiteral("right_of_photo"));
  EXPECT_FALSE(diagnoses[2].toObject().contains(QStringLiteral("photo_side")));

  request.language = "ko";
  const report::Report korean = report::buildReport(request);
  EXPECT_TRUE(korean.html.contains(QStringLiteral("사진 왼쪽의 눈")));
  EXPECT_TRUE(korean.html.contains(QStringLiteral("사진 오른쪽의 눈")));
}
