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
#include "ExifJpeg.h"
#include "SharedData.h"

namespace {

using walness::test::CliRun;
using walness::test::runCli;

const QString kShippedModel = QStringLiteral(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");

bool shippedGate() {
  return QFile::exists(kShippedModel + QStringLiteral("/eye-gate.json"));
}

double intersectionOverUnion(const QRectF& a, const QRectF& b) {
  const QRectF overlap = a.intersected(b);
  const double shared = overlap.width() * overlap.height();
  return shared / (a.width() * a.height() + b.width() * b.height() - shared);
}

// A real dog eye pasted into a larger not-eye photo at `place` (700 x 500 x `scale`), BGR.
cv::Mat sceneWithAnEye(double scale, cv::Rect* place) {
  cv::Mat eye = cv::imread(
      walness::test::firstValidationPhoto(QStringLiteral("dog-eye"), QStringLiteral(",crop,"))
          .toStdString());
  cv::Mat scene =
      cv::imread(walness::test::firstValidationPhoto(QStringLiteral("not-eye")).toStdString());
  if (eye.empty() || scene.empty()) return {};
  *place = cv::Rect(int(400 * scale), int(120 * scale), int(180 * scale), int(180 * scale));
  cv::resize(scene, scene, cv::Size(int(700 * scale), int(500 * scale)), 0, 0, cv::INTER_CUBIC);
  cv::resize(eye, eye, place->size(), 0, 0, cv::INTER_CUBIC);
  eye.copyTo(scene(*place));
  return scene;
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
  cv::Rect place;
  const cv::Mat scene = sceneWithAnEye(1, &place);
  ASSERT_FALSE(scene.empty());
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
  EXPECT_GE(intersectionOverUnion(found, QRectF(400, 120, 180, 180)), 0.25)
      << run.out.toStdString();  // the hit

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

// A phone's photo: 50 megapixels, stored sideways with an EXIF orientation. The finder searches a
// small copy, yet the square it reports and the square screened are in the upright full-size
// photo's pixels (the eye's own pixels, not the search copy's).
TEST(GateCliTest, APhoneSizedSidewaysPhotoIsScreenedFromItsFullResolution) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  QTemporaryDir dir;
  cv::Rect place;
  const cv::Mat upright = sceneWithAnEye(12, &place);  // 8400 x 6000
  ASSERT_FALSE(upright.empty());
  cv::Mat sideways;
  cv::rotate(upright, sideways, cv::ROTATE_90_COUNTERCLOCKWISE);
  std::vector<unsigned char> jpeg;
  ASSERT_TRUE(cv::imencode(".jpg", sideways, jpeg, {cv::IMWRITE_JPEG_QUALITY, 90}));
  jpeg = walness::test::withExifOrientation(std::move(jpeg), 6);  // "turn 90 degrees clockwise"
  const QString photo = dir.filePath(QStringLiteral("IMG_4032.jpg"));
  QFile file(photo);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(reinterpret_cast<const char*>(jpeg.data()), qint64(jpeg.size()));
  file.close();

  const CliRun run = runCli({QStringLiteral("locate"), QStringLiteral("--species"),
                             QStringLiteral("dog"), QStringLiteral("--json"), photo});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  const QJsonObject line = QJsonDocument::fromJson(run.out.toUtf8()).object();
  EXPECT_EQ(line[QStringLiteral("width")].toInt(), 8400);
  EXPECT_EQ(line[QStringLiteral("height")].toInt(), 6000);
  const QJsonArray eyes = line[QStringLiteral("eyes")].toArray();
  ASSERT_GE(eyes.size(), 1) << run.out.toStdString();
  const QJsonObject best = eyes[0].toObject();
  const QRectF found(best[QStringLiteral("x")].toDouble(), best[QStringLiteral("y")].toDouble(),
                     best[QStringLiteral("size")].toDouble(),
                     best[QStringLiteral("size")].toDouble());
  EXPECT_GE(intersectionOverUnion(found, QRectF(place.x, place.y, place.width, place.height)), 0.25)
      << run.out.toStdString();

  int exitCode = -1;
  const QJsonObject screened = diagnoseJson(photo, &exitCode, {QStringLiteral("--auto-crop")});
  const QJsonObject crop = screened[QStringLiteral("auto_crop")].toObject();
  const QJsonObject region = screened[QStringLiteral("eye_region")].toObject();
  EXPECT_EQ(region[QStringLiteral("x")].toInt(), crop[QStringLiteral("x")].toInt());
  EXPECT_EQ(region[QStringLiteral("y")].toInt(), crop[QStringLiteral("y")].toInt());
  // Cut from the full-size photo: the eye is ~2160 px there, ~410 px in the search copy.
  EXPECT_GE(region[QStringLiteral("width")].toInt(), 1000) << run.out.toStdString();
  EXPECT_TRUE(screened[QStringLiteral("abstained")].isNull())
      << screened[QStringLiteral("abstention_message")].toString().toStdString();
}

// Two dog eyes side by side (one the mirror image of the other, as a face's eyes are): --all-eyes
// screens each and names it by its side of the photo; the heatmap files say which is which.
TEST(GateCliTest, AllEyesScreensBothEyesNamedByTheirSideOfThePhoto) {
  if (!shippedGate()) GTEST_SKIP() << "the shipped model has no eye gate";
  QTemporaryDir dir;
  cv::Rect place;
  cv::Mat scene = sceneWithAnEye(1, &place);
  ASSERT_FALSE(scene.empty());
  const cv::Rect right(place), left(120, place.y + 10, place.width, place.height);
  cv::flip(scene(right), scene(left), 1);
  const QString photo = dir.filePath(QStringLiteral("two-eyes.jpg"));
  ASSERT_TRUE(cv::imwrite(photo.toStdString(), scene));
  const QString cam = dir.filePath(QStringLiteral("cam.png"));

  int exitCode = -1;
  const QJsonObject both =
      diagnoseJson(photo, &exitCode,
                   {QStringLiteral("--auto-crop"), QStringLiteral("--all-eyes"),
                    QStringLiteral("--cam-out"), cam});
  EXPECT_EQ(both[QStringLiteral("image")].toString(), photo);
  const QJsonArray eyes = both[QStringLiteral("eyes")].toArray();
  ASSERT_EQ(eyes.size(), 2) << QJsonDocument(both).toJson().toStdString();
  const std::pair<const char*, cv::Rect> expected[] = {{"left_of_photo", left},
                                                       {"right_of_photo", right}};
  for (int k = 0; k < 2; ++k) {
    const QJsonObject eye = eyes[k].toObject();
    EXPECT_EQ(eye[QStringLiteral("photo_side")].toString(), QString::fromUtf8(expected[k].first));
    const QJsonObject region = eye[QStringLiteral("eye_region")].toObject();
    const QRectF square(
        region[QStringLiteral("x")].toDouble(), region[QStringLiteral("y")].toDouble(),
        region[QStringLiteral("width")].toDouble(), region[QStringLiteral("height")].toDouble());
    const cv::Rect& pasted = expected[k].second;
    // That eye's square: mostly on the pasted eye (how tightly the finder frames an eye is
    // measured elsewhere, on marked photos).
    const QRectF onEye =
        square.intersected(QRectF(pasted.x, pasted.y, pasted.width, pasted.height));
    EXPECT_GE(onEye.width() * onEye.height(), 0.5 * square.width() * square.height())
        << expected[k].first << ": " << square.x() << "," << square.y() << " " << square.width();
    EXPECT_TRUE(eye[QStringLiteral("abstained")].isNull())
        << eye[QStringLiteral("abstention_message")].toString().toStdString();
    EXPECT_EQ(eye[QStringLiteral("findings")].toArray().size(), 5);
    EXPECT_TRUE(eye[QStringLiteral("auto_crop")].isObject());
  }
  EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("cam.left_of_photo.png"))));
  EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("cam.right_of_photo.png"))));

  // Without --all-eyes the best eye only, in the usual shape; the words name both sides.
  const QJsonObject best = diagnoseJson(photo, &exitCode, {QStringLiteral("--auto-crop")});
  EXPECT_TRUE(best[QStringLiteral("auto_crop")].isObject());
  EXPECT_FALSE(best.contains(QStringLiteral("eyes")));
  const CliRun human =
      runCli({QStringLiteral("diagnose"), QStringLiteral("--species"), QStringLiteral("dog"),
              QStringLiteral("--auto-crop"), QStringLiteral("--all-eyes"), photo});
  EXPECT_EQ(human.exitCode, 0) << human.err.toStdString();
  EXPECT_TRUE(human.out.contains(QStringLiteral("two eyes found")));
  EXPECT_TRUE(human.out.contains(QStringLiteral("Eye on the left of the photo")));
  EXPECT_TRUE(human.out.contains(QStringLiteral("Eye on the right of the photo")));
  EXPECT_EQ(runCli({QStringLiteral("diagnose"), QStringLiteral("--species"), QStringLiteral("dog"),
                    QStringLiteral("--all-eyes"), photo})
                .exitCode,
            2);
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
       QStringLiteral("--locator-epochs"), QStringLiteral("2"),
       QStringLiteral("--locator-eye-free-views"), QStringLiteral("2"), QStringLiteral("--json")},
      QString(), 600000);  // ~25 s alone, over 120 s beside other tests in CI
  ASSERT_EQ(trained.exitCode, 0) << trained.err.toStdString();
  const QJsonObject metrics = QJsonDocument::fromJson(trained.out.toUtf8()).object();
  EXPECT_TRUE(
      metrics[QStringLiteral("summary")].toObject().contains(QStringLiteral("species_accuracy")));
  EXPECT_TRUE(QFile::exists(bundle + QStringLiteral("/eye-gate.json")));
  {
    // The locator learned backgrounds from eye-free photos and was measured on them.
    QFile written(bundle + QStringLiteral("/eye-gate.json"));
    ASSERT_TRUE(written.open(QIODevice::ReadOnly));
    const QJsonObject locator = QJsonDocument::fromJson(written.readAll())
                                    .object()[QStringLiteral("eye_locator")]
                                    .toObject();
    EXPECT_GE(locator[QStringLiteral("training")]
                  .toObject()[QStringLiteral("eye_free_train_photos")]
                  .toInt(),
              1);
    // (--limit 3 may pick no eye-free val photo: the count is there, of 0 or more photos.)
    EXPECT_TRUE(locator[QStringLiteral("metrics")].toObject().contains(
        QStringLiteral("eye_free_val_sure_square")));
  }
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
