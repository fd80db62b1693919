#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRectF>
#include <QTemporaryDir>

#include "CliRunner.h"
#include "SharedData.h"

namespace {

using walness::test::CliRun;
using walness::test::runCli;

const QString kShippedModel = QStringLiteral(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");

bool shippedGate() {
  return QFile::exists(kShippedModel + QStringLiteral("/eye-gate.json"));
}

QJsonObject diagnoseJson(const QString& photo, int* exitCode, const QStringList& extra = {}) {
  CliRun run = runCli(QStringList{QStringLiteral("diagnose"), QStringLiteral("--species"),
                                  QStringLiteral("dog"), QStringLiteral("--json")} +
                      extra + QStringList{photo});
  *exitCode = run.exitCode;
  EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
  return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

}  // namespace

TEST(GateCliTest, ACatsEyeScreenedAsDogAbstainsAsTheOtherSpecies) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  int exitCode = -1;
  const QJsonObject result =
      diagnoseJson(walness::test::firstValidationPhoto(QStringLiteral("cat-eye"),
                                                       QStringLiteral("e99d2e73f3ee42a2")),
                   &exitCode);
  EXPECT_EQ(exitCode, 0);
  EXPECT_EQ(result[QStringLiteral("abstained")].toString(), QStringLiteral("other_species"));
  EXPECT_EQ(result[QStringLiteral("detected_species")].toString(), QStringLiteral("cat"));
  EXPECT_TRUE(result[QStringLiteral("findings")].toArray().isEmpty());
  const QJsonObject gate = result[QStringLiteral("eye_gate")].toObject();
  EXPECT_GT(gate[QStringLiteral("cat_eye")].toDouble(), gate[QStringLiteral("dog_eye")].toDouble());
  EXPECT_NEAR(gate[QStringLiteral("dog_eye")].toDouble() +
                  gate[QStringLiteral("cat_eye")].toDouble() +
                  gate[QStringLiteral("not_eye")].toDouble(),
              1.0, 1e-6);
}

TEST(GateCliTest, APhotoThatIsNotAnEyeAbstainsAndADogEyeIsScreened) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  int exitCode = -1;
  const QJsonObject other =
      diagnoseJson(walness::test::firstValidationPhoto(QStringLiteral("not-eye")), &exitCode);
  EXPECT_EQ(other[QStringLiteral("abstained")].toString(), QStringLiteral("not_an_eye"));
  EXPECT_GT(other[QStringLiteral("eye_gate")].toObject()[QStringLiteral("not_eye")].toDouble(),
            0.5);
  EXPECT_FALSE(other.contains(QStringLiteral("detected_species")));

  const QJsonObject dog = diagnoseJson(
      walness::test::firstValidationPhoto(QStringLiteral("dog-eye"), QStringLiteral(",crop,")),
      &exitCode);
  EXPECT_TRUE(dog[QStringLiteral("abstained")].isNull())
      << dog[QStringLiteral("abstention_message")].toString().toStdString();
  EXPECT_EQ(dog[QStringLiteral("findings")].toArray().size(), 5);
  EXPECT_GT(dog[QStringLiteral("eye_gate")].toObject()[QStringLiteral("dog_eye")].toDouble(), 0.5);

  // Human-readable output names the reason.
  const CliRun human =
      runCli({QStringLiteral("diagnose"), QStringLiteral("--species"), QStringLiteral("dog"),
              walness::test::firstValidationPhoto(QStringLiteral("not-eye"))});
  EXPECT_EQ(human.exitCode, 0);
  EXPECT_TRUE(human.out.contains(QStringLiteral("does not look like a close-up of an eye")))
      << human.out.toStdString();
}

TEST(GateCliTest, LocateAndAutoCropFindAnEyeAtAKnownPlace) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  QTemporaryDir dir;
  // A real dog eye pasted into a larger not-eye photo at (400, 120), 180 px.
  cv::Mat eye = cv::imread(
      walness::test::firstValidationPhoto(QStringLiteral("dog-eye"), QStringLiteral(",crop,"))
          .toStdString());
  cv::Mat scene =
      cv::imread(walness::test::firstValidationPhoto(QStringLiteral("not-eye")).toStdString());
  ASSERT_FALSE(eye.empty() || scene.empty());
  cv::resize(scene, scene, cv::Size(700, 500));
  cv::resize(eye, eye, cv::Size(180, 180));
  eye.copyTo(scene(cv::Rect(400, 120, 180, 180)));
  const QString photo = dir.filePath(QStringLiteral("scene.jpg"));
  ASSERT_TRUE(cv::imwrite(photo.toStdString(), scene));

  const CliRun run = runCli({QStringLiteral("locate"), QStringLiteral("--species"),
                             QStringLiteral("dog"), QStringLiteral("--json"), photo});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  const QJsonObject line = QJsonDocument::fromJson(run.out.toUtf8()).object();
  EXPECT_EQ(line[QStringLiteral("file")].toString(), photo);
  EXPECT_EQ(line[QStringLiteral("width")].toInt(), 700);
  EXPECT_EQ(line[QStringLiteral("height")].toInt(), 500);
  const QJsonArray eyes = line[QStringLiteral("eyes")].toArray();
  ASSERT_GE(eyes.size(), 1);
  EXPECT_LE(eyes.size(), 4);
  const QJsonObject best = eyes[0].toObject();
  const QRectF found(best[QStringLiteral("x")].toDouble(), best[QStringLiteral("y")].toDouble(),
                     best[QStringLiteral("size")].toDouble(),
                     best[QStringLiteral("size")].toDouble());
  const QRectF placed(400, 120, 180, 180);
  const QRectF overlap = found.intersected(placed);
  const double iou = overlap.width() * overlap.height() /
                     (found.width() * found.height() + placed.width() * placed.height() -
                      overlap.width() * overlap.height());
  EXPECT_GE(iou, 0.25) << run.out.toStdString();  // the hit

  int exitCode = -1;
  const QJsonObject screened = diagnoseJson(photo, &exitCode, {QStringLiteral("--auto-crop")});
  const QJsonObject crop = screened[QStringLiteral("auto_crop")].toObject();
  // The square screened is one of the best found (squares scoring alike may swap places).
  bool amongBest = false;
  for (const QJsonValue& eye : eyes)
    if (eye.toObject()[QStringLiteral("score")].toDouble() >=
            best[QStringLiteral("score")].toDouble() - 1e-3 &&
        eye.toObject()[QStringLiteral("x")].toInt() == crop[QStringLiteral("x")].toInt())
      amongBest = true;
  EXPECT_TRUE(amongBest) << run.out.toStdString();
  EXPECT_TRUE(screened[QStringLiteral("abstained")].isNull())
      << screened[QStringLiteral("abstention_message")].toString().toStdString();
}

TEST(GateCliTest, LocateKeepsTheExitCodesForBadInput) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  QTemporaryDir dir;
  const QString text = dir.filePath(QStringLiteral("notes.jpg"));
  QFile file(text);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("not a photo");
  file.close();
  EXPECT_EQ(
      runCli({QStringLiteral("locate"), QStringLiteral("--species"), QStringLiteral("dog"), text})
          .exitCode,
      3);
  EXPECT_EQ(runCli({QStringLiteral("locate"), text}).exitCode, 2);
  EXPECT_EQ(runCli({QStringLiteral("locate"), QStringLiteral("--species"), QStringLiteral("cat"),
                    QStringLiteral("--model"), dir.path(), text})
                .exitCode,
            4);
}

TEST(GateCliTest, TrainGateWritesAGateTheBundleLoads) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  QTemporaryDir dir;
  const QString bundle = dir.filePath(QStringLiteral("dog"));
  ASSERT_TRUE(QDir().mkpath(bundle));
  for (const QString& name : {QStringLiteral("model.json"), QStringLiteral("weights.safetensors")})
    ASSERT_TRUE(QFile::copy(kShippedModel + "/" + name, bundle + "/" + name));
  const CliRun trained = runCli(
      {QStringLiteral("train-gate"), QStringLiteral("--model"), bundle, QStringLiteral("--limit"),
       QStringLiteral("3"), QStringLiteral("--epochs"), QStringLiteral("2"),
       QStringLiteral("--locator-epochs"), QStringLiteral("2"), QStringLiteral("--json")},
      QString(), 600000);  // ~25 s alone, over 120 s beside other tests in CI
  ASSERT_EQ(trained.exitCode, 0) << trained.err.toStdString();
  const QJsonObject metrics = QJsonDocument::fromJson(trained.out.toUtf8()).object();
  EXPECT_TRUE(
      metrics[QStringLiteral("summary")].toObject().contains(QStringLiteral("species_accuracy")));
  EXPECT_TRUE(QFile::exists(bundle + QStringLiteral("/eye-gate.json")));
  int exitCode = -1;
  const QJsonObject result =
      diagnoseJson(walness::test::firstValidationPhoto(QStringLiteral("not-eye")), &exitCode,
                   {QStringLiteral("--model"), bundle});
  EXPECT_TRUE(result[QStringLiteral("eye_gate")].isObject());

  // A gate trained for other weights is refused by name, not used.
  QFile weights(bundle + QStringLiteral("/model.json"));
  ASSERT_TRUE(weights.open(QIODevice::ReadOnly));
  QByteArray card = weights.readAll();
  weights.close();
  QFile gateCard(bundle + QStringLiteral("/eye-gate.json"));
  ASSERT_TRUE(gateCard.open(QIODevice::ReadOnly));
  QByteArray gate = gateCard.readAll();
  gateCard.close();
  const QByteArray sha = QJsonDocument::fromJson(gate)
                             .object()[QStringLiteral("backbone")]
                             .toObject()[QStringLiteral("weights_sha256")]
                             .toString()
                             .toUtf8();
  gate.replace(sha, QByteArray(sha.size(), '0'));
  ASSERT_TRUE(gateCard.open(QIODevice::WriteOnly | QIODevice::Truncate));
  gateCard.write(gate);
  gateCard.close();
  const CliRun stale = runCli({QStringLiteral("diagnose"), QStringLiteral("--species"),
                               QStringLiteral("dog"), QStringLiteral("--model"), bundle,
                               walness::test::firstValidationPhoto(QStringLiteral("not-eye"))});
  EXPECT_EQ(stale.exitCode, 4);
  EXPECT_TRUE(stale.err.contains(QStringLiteral("train-gate"))) << stale.err.toStdString();
}

TEST(GateCliTest, TrainGateRefusesBadOptionsAndWritesNothing) {
  QTemporaryDir dir;
  const QString bundle = dir.filePath(QStringLiteral("dog"));
  ASSERT_TRUE(QDir().mkpath(bundle));
  ASSERT_TRUE(QFile::copy(kShippedModel + QStringLiteral("/model.json"),
                          bundle + QStringLiteral("/model.json")));
  for (const QStringList& bad :
       {QStringList{QStringLiteral("--cat-eye-weight"), QStringLiteral("0")},
        QStringList{QStringLiteral("--cat-eye-weight"), QStringLiteral("1,two")},
        QStringList{QStringLiteral("--cat-eye-weight"), QStringLiteral("")},
        QStringList{QStringLiteral("--epochs"), QStringLiteral("0")}}) {
    const CliRun run =
        runCli(QStringList{QStringLiteral("train-gate"), QStringLiteral("--model"), bundle} + bad);
    EXPECT_EQ(run.exitCode, 2) << bad.join(u' ').toStdString();
    EXPECT_FALSE(run.err.isEmpty());
  }
  EXPECT_FALSE(QFile::exists(bundle + QStringLiteral("/eye-gate.json")));
}
