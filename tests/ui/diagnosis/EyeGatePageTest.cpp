#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <set>

#include "SharedData.h"
#include "WaitFor.h"
#include "ui/diagnosis/BothEyesPanel.h"
#include "ui/diagnosis/DiagnosisController.h"
#include "ui/diagnosis/DiagnosisPage.h"
#include "ui/diagnosis/EyeFinderBar.h"
#include "ui/diagnosis/PhotoView.h"
#include "ui/diagnosis/SpeciesToggle.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/shell/Translations.h"
#include "walness/bundle/ModelChoice.h"
#include "walness/history/HistoryStore.h"

using namespace walness;
using walness::test::waitFor;
using walness::ui::DiagnosisPage;

namespace {

const QString kShippedModel = QStringLiteral(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");

bool shippedGate() {
  return QFile::exists(kShippedModel + QStringLiteral("/eye-gate.json"));
}

void saveScreenshot(QWidget& widget, const QString& name) {
  EXPECT_TRUE(
      widget.grab().toImage().save(QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR)).filePath(name)));
}

QString titleOf(DiagnosisPage& page) {
  return page.findChild<QLabel*>(QStringLiteral("resultTitle"))->text();
}

// Opens `photo` with the dog model, waits for the eye finder, analyses the square shown.
void screen(DiagnosisPage& page, const QString& photo) {
  page.speciesToggle()->setSpecies(Species::Dog);
  ASSERT_TRUE(page.openPhoto(photo)) << photo.toStdString();
  ASSERT_TRUE(waitFor(
      [&] { return page.eyeFinderBar()->text() != QStringLiteral("Looking for the eye..."); },
      60000));
  page.analyze();
  ASSERT_TRUE(waitFor([&] { return page.hasResult(); }, 60000));
}

// Shows the page in Korean for one screenshot, then back in English.
void koreanScreenshot(DiagnosisPage& page, const QString& name, const QString& expectedTitle) {
  const QList<QTranslator*> korean =
      ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::Korean));
  // Twice: the language change sets the new texts, and the layouts they ask for run after it
  // (one pass left the last line of a longer Korean label outside its old height).
  QCoreApplication::processEvents();
  QCoreApplication::processEvents();
  if (!expectedTitle.isEmpty()) EXPECT_EQ(titleOf(page), expectedTitle);
  // No label left in English: a visible text of three English words and no Hangul was not
  // retranslated (file names and model ids have no spaces).
  static const QRegularExpression englishWords(QStringLiteral("[A-Za-z]+ [A-Za-z]+ [A-Za-z]+"));
  static const QRegularExpression hangul(QStringLiteral("[\\x{AC00}-\\x{D7A3}]"));
  for (const QLabel* label : page.findChildren<QLabel*>()) {
    const QString text = label->text();
    if (label->isVisible() && !text.contains(hangul) && text.contains(englishWords))
      ADD_FAILURE() << name.toStdString() << ": " << label->objectName().toStdString()
                    << " still says \"" << text.toStdString() << "\"";
  }
  saveScreenshot(page, name);
  ui::removeTranslations(korean);
  QCoreApplication::processEvents();
}

}  // namespace

TEST(EyeGatePageTest, ACatsEyeOnTheDogModelSaysSoAndGivesNoFindings) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  DiagnosisPage page;
  page.resize(1100, 720);
  page.show();
  // A val cat eye the gate scores confidently; the rates over many are in EyeGateTest.
  screen(page, walness::test::firstValidationPhoto(QStringLiteral("cat-eye"),
                                                   QStringLiteral("e99d2e73f3ee42a2")));
  const auto& diagnosis = page.result()->diagnosis;
  ASSERT_TRUE(diagnosis.abstention);
  EXPECT_EQ(diagnosis.abstention->reason, inference::AbstentionReason::OtherSpecies);
  EXPECT_EQ(titleOf(page), QStringLiteral("This looks like a cat's eye"));
  EXPECT_TRUE(page.findChild<QLabel*>(QStringLiteral("resultBody"))
                  ->text()
                  .contains(QStringLiteral("no model for cats' eyes yet")));
  EXPECT_FALSE(page.findChild<QPushButton*>(QStringLiteral("switchSpeciesButton"))->isVisible());
  EXPECT_FALSE(page.findChild<QPushButton*>(QStringLiteral("findVetButton"))->isVisible());
  saveScreenshot(page, QStringLiteral("gate-other-species.png"));
  koreanScreenshot(page, QStringLiteral("gate-other-species-ko.png"),
                   QStringLiteral("고양이의 눈으로 보입니다"));
}

TEST(EyeGatePageTest, APhotoThatIsNotAnEyeIsRefusedWithWhatToDo) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  DiagnosisPage page;
  page.resize(1100, 720);
  page.show();
  screen(page,
         walness::test::firstValidationPhoto(QStringLiteral("not-eye"), QStringLiteral(",conch,")));
  const auto& diagnosis = page.result()->diagnosis;
  ASSERT_TRUE(diagnosis.abstention);
  EXPECT_EQ(diagnosis.abstention->reason, inference::AbstentionReason::NotAnEye);
  EXPECT_EQ(titleOf(page), QStringLiteral("This does not look like a close-up of an eye"));
  saveScreenshot(page, QStringLiteral("gate-not-an-eye.png"));
  koreanScreenshot(page, QStringLiteral("gate-not-an-eye-ko.png"),
                   QStringLiteral("눈을 가까이 찍은 사진이 아닌 것 같습니다"));
}

TEST(EyeGatePageTest, ADogsEyeOnACatModelOffersToSwitchToDog) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  // A constructed cat bundle: the dog model's files with the card saying "cat" (the weights and
  // so the gate stay valid). Only for this test: no cat model exists.
  QTemporaryDir models;
  const QString cat = models.filePath(QStringLiteral("cat-constructed"));
  ASSERT_TRUE(QDir().mkpath(cat));
  for (const QString& name :
       {QStringLiteral("weights.safetensors"), QStringLiteral("eye-gate.json"),
        QStringLiteral("eye-gate.safetensors"), QStringLiteral("eye-locator.safetensors")})
    ASSERT_TRUE(QFile::copy(kShippedModel + "/" + name, cat + "/" + name));
  QFile card(kShippedModel + QStringLiteral("/model.json"));
  ASSERT_TRUE(card.open(QIODevice::ReadOnly));
  QJsonObject json = QJsonDocument::fromJson(card.readAll()).object();
  json[QStringLiteral("species")] = QStringLiteral("cat");
  json[QStringLiteral("id")] = QStringLiteral("cat-constructed-for-test");
  QFile out(cat + QStringLiteral("/model.json"));
  ASSERT_TRUE(out.open(QIODevice::WriteOnly));
  out.write(QJsonDocument(json).toJson());
  out.close();
  qputenv("WALNESS_MODELS_DIR", models.path().toUtf8());

  DiagnosisPage page;
  page.resize(1100, 720);
  page.show();
  page.refreshModels();
  page.speciesToggle()->setSpecies(Species::Cat);
  ASSERT_TRUE(page.openPhoto(
      walness::test::firstValidationPhoto(QStringLiteral("dog-eye"), QStringLiteral(",crop,"))));
  page.analyze();
  ASSERT_TRUE(waitFor([&] { return page.hasResult(); }, 60000));
  EXPECT_EQ(page.result()->diagnosis.abstention->reason, inference::AbstentionReason::OtherSpecies);
  EXPECT_EQ(titleOf(page), QStringLiteral("This looks like a dog's eye"));
  auto* switchButton = page.findChild<QPushButton*>(QStringLiteral("switchSpeciesButton"));
  ASSERT_TRUE(switchButton->isVisible());
  EXPECT_EQ(switchButton->text(), QStringLiteral("Switch to Dog and analyse"));
  saveScreenshot(page, QStringLiteral("gate-switch-to-dog.png"));
  koreanScreenshot(page, QStringLiteral("gate-switch-to-dog-ko.png"),
                   QStringLiteral("강아지의 눈으로 보입니다"));

  QTest::mouseClick(switchButton, Qt::LeftButton);
  EXPECT_EQ(page.speciesToggle()->species(), Species::Dog);
  ASSERT_TRUE(waitFor([&] { return page.hasResult(); }, 60000));
  // The dog model the app uses by default (the highest version of models/).
  qunsetenv("WALNESS_MODELS_DIR");
  const auto dog = bundle::ModelChoice::active(Species::Dog);
  ASSERT_TRUE(dog);
  EXPECT_EQ(page.result()->diagnosis.modelId, dog->card.id);
  EXPECT_FALSE(page.result()->diagnosis.abstention.has_value());
  qunsetenv("WALNESS_MODELS_DIR");
}

TEST(EyeGatePageTest, TheSquareMovesToTheEyeFoundInAWholeCatPhoto) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  // A val photo whose boxed eye the finder places within its first two squares.
  QFile labels(test::sharedDir() + QStringLiteral("/data/cat-photos/labels.csv"));
  ASSERT_TRUE(labels.open(QIODevice::ReadOnly));
  DiagnosisPage page;
  page.resize(1100, 720);
  page.show();
  page.speciesToggle()->setSpecies(Species::Cat);
  bool shown = false;
  while (!labels.atEnd() && !shown) {
    const QStringList cells = QString::fromUtf8(labels.readLine()).split(QLatin1Char(','));
    if (cells.value(1) != QStringLiteral("val")) continue;
    const QStringList box = cells.value(4).split(QLatin1Char(';')).value(0).split(QLatin1Char(' '));
    ASSERT_TRUE(page.openPhoto(test::sharedDir() + QStringLiteral("/data/cat-photos/") + cells[0]));
    ASSERT_TRUE(waitFor(
        [&] { return page.eyeFinderBar()->text() != QStringLiteral("Looking for the eye..."); },
        60000));
    const QList<QRect> squares = page.eyeFinderBar()->squares();
    if (squares.isEmpty()) continue;
    const QPointF eye(box.value(0).toDouble() * 480, box.value(1).toDouble() * 480);
    if (!squares.front().adjusted(-8, -8, 8, 8).contains(eye.toPoint())) continue;
    EXPECT_EQ(page.photoView()->region().center(), squares.front().center());
    // The cat's other eye may be found too, as its pair.
    const QString found = page.eyeFinderBar()->text();
    EXPECT_TRUE(found.startsWith(QStringLiteral("Eye found")) ||
                found.startsWith(QStringLiteral("Both eyes found")))
        << found.toStdString();
    saveScreenshot(page, QStringLiteral("gate-found-cat-eye.png"));
    if (squares.size() > 1) {
      QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("nextEyeButton")),
                        Qt::LeftButton);
      EXPECT_EQ(page.photoView()->region().center(), squares[1].center());
    }
    shown = true;
  }
  EXPECT_TRUE(shown) << "no val cat photo had its eye found first";
}

TEST(EyeGatePageTest, APhotoWithoutAnEyeKeepsTheSquareAndSaysSo) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  DiagnosisPage page;
  page.resize(1100, 720);
  page.show();
  page.speciesToggle()->setSpecies(Species::Dog);
  QImage wall(800, 600, QImage::Format_RGB32);
  QPainter painter(&wall);
  for (int y = 0; y < 600; y += 40)
    painter.fillRect(0, y, 800, 40, y % 80 ? QColor(180, 150, 120) : QColor(170, 140, 110));
  painter.end();
  ASSERT_TRUE(page.openImage(wall, QStringLiteral("wall.png")));
  const QRect centred = page.photoView()->region();
  ASSERT_TRUE(waitFor(
      [&] { return page.eyeFinderBar()->text() != QStringLiteral("Looking for the eye..."); },
      60000));
  EXPECT_TRUE(page.eyeFinderBar()->squares().isEmpty());
  EXPECT_TRUE(page.eyeFinderBar()->text().startsWith(QStringLiteral("No dog's eye found")));
  EXPECT_EQ(page.photoView()->region(), centred);
  saveScreenshot(page, QStringLiteral("gate-no-eye-found.png"));
  koreanScreenshot(page, QStringLiteral("gate-no-eye-found-ko.png"),
                   QStringLiteral("사진을 불러왔습니다"));
}

// A whole-dog photo with the square on one of the dog's eyes, about 25 pixels across in this
// 500x375 photo: refused as too small to screen, with its size and what to do (English and Korean
// screenshots).
TEST(EyeGatePageTest, AnEyeTooSmallInAWholeDogPhotoIsRefusedWithItsSize) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  DiagnosisPage page;
  page.resize(1100, 720);
  page.show();
  page.speciesToggle()->setSpecies(Species::Dog);
  // dog-photos val: eyes marked at (317, 95), 26 px, and (374, 90), 21 px.
  ASSERT_TRUE(page.openPhoto(test::sharedDir() +
                             QStringLiteral("/data/dog-photos/images/f5050e3b7f91f71c.jpg")));
  ASSERT_TRUE(waitFor(
      [&] { return page.eyeFinderBar()->text() != QStringLiteral("Looking for the eye..."); },
      60000));
  page.photoView()->setRegion(QRect(299, 77, 36, 36));
  page.analyze();
  ASSERT_TRUE(waitFor([&] { return page.hasResult(); }, 60000));
  const auto& diagnosis = page.result()->diagnosis;
  ASSERT_TRUE(diagnosis.abstention.has_value());
  EXPECT_EQ(diagnosis.abstention->reason, inference::AbstentionReason::EyeTooSmall);
  EXPECT_EQ(diagnosis.abstention->eyePixels, 36);
  EXPECT_TRUE(diagnosis.findings.empty());
  EXPECT_EQ(titleOf(page), QStringLiteral("The eye is too small in this photo"));
  const QString advice = page.findChild<QLabel*>(QStringLiteral("resultBody"))->text();
  EXPECT_TRUE(advice.contains(QStringLiteral("only 36 pixels across"))) << advice.toStdString();
  EXPECT_FALSE(advice.contains(QStringLiteral("needs 112"))) << "the size said twice";
  saveScreenshot(page, QStringLiteral("gate-dog-eye-too-small.png"));
  koreanScreenshot(page, QStringLiteral("gate-dog-eye-too-small-ko.png"),
                   QStringLiteral("이 사진에서는 눈이 너무 작습니다"));
}

namespace {

// Two dog eyes side by side on a photo that is not of an eye (one the mirror image of the other,
// as a face's eyes are), as GateCliTest builds it for `diagnose --all-eyes`.
QString photoWithTwoEyes(const QTemporaryDir& dir, cv::Rect* left, cv::Rect* right) {
  cv::Mat eye =
      cv::imread(test::firstValidationPhoto(QStringLiteral("dog-eye"), QStringLiteral(",crop,"))
                     .toStdString());
  cv::Mat scene = cv::imread(test::firstValidationPhoto(QStringLiteral("not-eye")).toStdString());
  if (eye.empty() || scene.empty()) return {};
  *right = cv::Rect(400, 120, 180, 180);
  *left = cv::Rect(120, 130, 180, 180);
  cv::resize(scene, scene, cv::Size(700, 500), 0, 0, cv::INTER_CUBIC);
  cv::resize(eye, eye, right->size(), 0, 0, cv::INTER_CUBIC);
  eye.copyTo(scene(*right));
  cv::flip(scene(*right), scene(*left), 1);
  const QString path = dir.filePath(QStringLiteral("two-eyes.jpg"));
  return cv::imwrite(path.toStdString(), scene) ? path : QString();
}

}  // namespace

// Both eyes found in one photo: Analyze screens both, the two results stand side by side (each
// with its square, heatmap and findings), either can be shown in detail, and the saved files,
// the report and the pet's history carry both, the history as one visit.
TEST(EyeGatePageTest, BothEyesFoundAreScreenedSideBySideAndSavedAsOneVisit) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  QTemporaryDir dir;
  cv::Rect left, right;
  const QString photo = photoWithTwoEyes(dir, &left, &right);
  ASSERT_FALSE(photo.isEmpty());
  DiagnosisPage page;
  page.resize(1100, 820);
  page.show();
  page.speciesToggle()->setSpecies(Species::Dog);
  ASSERT_TRUE(page.openPhoto(photo));
  ASSERT_TRUE(waitFor(
      [&] { return page.eyeFinderBar()->text() != QStringLiteral("Looking for the eye..."); },
      60000));
  ASSERT_TRUE(page.eyeFinderBar()->bothEyes()) << page.eyeFinderBar()->text().toStdString();
  EXPECT_EQ(page.photoView()->otherSquares().size(), 2);
  EXPECT_TRUE(page.eyeFinderBar()->text().startsWith(QStringLiteral("Both eyes found")));

  page.analyze();
  ASSERT_TRUE(waitFor([&] { return page.hasResult(); }, 60000));
  const auto& eyes = page.screenedEyes();
  ASSERT_EQ(eyes.size(), 2u);
  const std::pair<gate::PhotoSide, cv::Rect> expected[] = {{gate::PhotoSide::Left, left},
                                                           {gate::PhotoSide::Right, right}};
  for (size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(eyes[k].side, expected[k].first);
    const cv::Rect& region = eyes[k].result.region;
    EXPECT_GE((region & expected[k].second).area(), region.area() / 2) << k;
    EXPECT_FALSE(eyes[k].result.diagnosis.abstention.has_value()) << k;
    EXPECT_EQ(eyes[k].result.diagnosis.findings.size(), 5u);
    EXPECT_FALSE(eyes[k].result.heatmaps.empty());
  }
  auto* panel = page.bothEyesPanel();
  ASSERT_TRUE(panel->isVisible());
  EXPECT_EQ(page.findChild<QLabel*>(QStringLiteral("eyeCardTitle0"))->text(),
            QStringLiteral("Eye on the left of the photo"));
  EXPECT_EQ(page.findChild<QLabel*>(QStringLiteral("eyeCardTitle1"))->text(),
            QStringLiteral("Eye on the right of the photo"));
  EXPECT_FALSE(page.findChild<QLabel*>(QStringLiteral("eyeCardPicture1"))->pixmap().isNull());
  saveScreenshot(page, QStringLiteral("gate-both-eyes.png"));
  koreanScreenshot(page, QStringLiteral("gate-both-eyes-ko.png"), QString());
  EXPECT_EQ(page.findChild<QLabel*>(QStringLiteral("eyeCardTitle0"))->text(),
            QStringLiteral("Eye on the left of the photo"));

  // The other eye in detail: its square and result, the pair kept (no "square changed").
  const int other = page.result()->region == eyes[0].result.region ? 1 : 0;
  auto* details = page.findChild<QPushButton*>(QStringLiteral("eyeCardDetails%1").arg(other));
  ASSERT_TRUE(details->isEnabled());
  QTest::mouseClick(details, Qt::LeftButton);
  ASSERT_TRUE(page.hasResult());
  EXPECT_EQ(page.result()->region, eyes[size_t(other)].result.region);
  EXPECT_EQ(page.photoView()->region().center(),
            QRect(eyes[size_t(other)].result.region.x, eyes[size_t(other)].result.region.y,
                  eyes[size_t(other)].result.region.width, eyes[size_t(other)].result.region.height)
                .center());
  EXPECT_FALSE(details->isEnabled());
  EXPECT_EQ(page.screenedEyes().size(), 2u);

  // The files: both eyes in the JSON (as `diagnose --all-eyes --json`) and in the report.
  QString error;
  const QString sheet = dir.filePath(QStringLiteral("result.png"));
  ASSERT_TRUE(page.saveResult(sheet, &error)) << error.toStdString();
  QFile json(dir.filePath(QStringLiteral("result.json")));
  ASSERT_TRUE(json.open(QIODevice::ReadOnly));
  const QJsonObject saved = QJsonDocument::fromJson(json.readAll()).object();
  const QJsonArray savedEyes = saved[QStringLiteral("eyes")].toArray();
  ASSERT_EQ(savedEyes.size(), 2);
  EXPECT_EQ(savedEyes[0].toObject()[QStringLiteral("photo_side")].toString(),
            QStringLiteral("left_of_photo"));
  EXPECT_EQ(savedEyes[1].toObject()[QStringLiteral("photo_side")].toString(),
            QStringLiteral("right_of_photo"));
  // One row per eye (what the model saw | the heatmap), so the sheet is as tall as it is wide.
  const QImage sheetImage(sheet);
  EXPECT_EQ(sheetImage.height(), sheetImage.width());
  const QString report = dir.filePath(QStringLiteral("report.html"));
  ASSERT_TRUE(page.saveReport(report, &error)) << error.toStdString();
  QFile html(report);
  ASSERT_TRUE(html.open(QIODevice::ReadOnly));
  const QString reportText = QString::fromUtf8(html.readAll());
  EXPECT_TRUE(reportText.contains(QStringLiteral("Eye on the left of the photo")));
  EXPECT_TRUE(reportText.contains(QStringLiteral("Eye on the right of the photo")));

  // Saved to a pet: two checks, one visit; saving again with the same id stores nothing twice.
  ui::HistoryDatabase history;
  ASSERT_TRUE(history.open(history::StoreLocation::local(dir.filePath(QStringLiteral("h")))))
      << history.error().toStdString();
  page.setHistory(&history);
  history::Pet pet;
  pet.name = "Bori";
  pet.species = Species::Dog;
  const auto petId = history.store()->addPet(pet);
  ASSERT_TRUE(petId);
  const int64_t first = page.saveToPet(*petId, QStringLiteral("both eyes"), &error, "visit-1");
  ASSERT_GT(first, 0) << error.toStdString();
  EXPECT_EQ(page.saveToPet(*petId, QStringLiteral("both eyes"), &error, "visit-1"), first);
  const auto checks = history.store()->diagnoses(*petId);
  ASSERT_TRUE(checks);
  ASSERT_EQ(checks->size(), 2u);
  std::set<std::string> sides;
  for (const auto& check : *checks) {
    EXPECT_EQ(check.visitUid, "visit-1");
    sides.insert(check.eyeSide);
    EXPECT_FALSE(check.camHash.empty());
  }
  EXPECT_EQ(sides, (std::set<std::string>{"left_of_photo", "right_of_photo"}));
}
