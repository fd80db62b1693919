#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/stat.h>

#include <utility>

#include "CliRunner.h"
#include "SharedData.h"
#include "TestBundles.h"

namespace {

using walness::test::CliRun;
using walness::test::runCli;

// One bundle for all tests here: the ImageNet backbone with an untrained head.
class DiagnoseCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bundleRoot_ = new QTemporaryDir;
    walness::test::writePretrainedTestBundle(bundleDir());
  }
  static void TearDownTestSuite() { delete bundleRoot_; }
  static QString bundleDir() { return bundleRoot_->filePath(QStringLiteral("dog-test")); }
  static QTemporaryDir* bundleRoot_;
};
QTemporaryDir* DiagnoseCliTest::bundleRoot_ = nullptr;

}  // namespace

TEST_F(DiagnoseCliTest, EveryDemoPhotoGivesJsonAndAHeatmapOfItsSize) {
  QTemporaryDir out;
  const QDir demo(walness::test::sharedDir() + QStringLiteral("/data/demo"));
  const QStringList photos = demo.entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name);
  ASSERT_EQ(photos.size(), 4);
  for (const QString& name : photos) {
    const QString photo = demo.filePath(name);
    const QString cam = out.filePath(name + QStringLiteral(".cam.png"));
    const CliRun run = runCli({QStringLiteral("diagnose"), QStringLiteral("--species"),
                               QStringLiteral("dog"), QStringLiteral("--model"), bundleDir(),
                               QStringLiteral("--json"), QStringLiteral("--cam-out"), cam, photo});
    ASSERT_EQ(run.exitCode, 0) << name.toStdString() << ": " << run.err.toStdString();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    ASSERT_EQ(error.error, QJsonParseError::NoError) << run.out.toStdString();
    const QJsonObject result = document.object();
    EXPECT_EQ(result[QStringLiteral("image")].toString(), photo);
    EXPECT_EQ(result[QStringLiteral("species")].toString(), QStringLiteral("dog"));
    EXPECT_EQ(result[QStringLiteral("model")].toObject()[QStringLiteral("id")].toString(),
              QStringLiteral("test-untrained"));
    EXPECT_TRUE(result[QStringLiteral("quality")].toObject().contains(QStringLiteral("blur")));
    if (result[QStringLiteral("abstained")].isNull()) {
      const QJsonArray findings = result[QStringLiteral("findings")].toArray();
      ASSERT_EQ(findings.size(), 3);
      for (const QJsonValue& finding : findings) {
        const double p = finding[QStringLiteral("probability")].toDouble();
        EXPECT_TRUE(p >= 0 && p <= 1);
        EXPECT_EQ(finding[QStringLiteral("positive")].toBool(),
                  p >= finding[QStringLiteral("threshold")].toDouble());
      }
      const QJsonObject camJson = result[QStringLiteral("cam")].toObject();
      EXPECT_EQ(camJson[QStringLiteral("method")].toString(), QStringLiteral("gradcam"));
      EXPECT_EQ(camJson[QStringLiteral("disease")].toString(),
                findings[0][QStringLiteral("disease")].toString());
      EXPECT_EQ(camJson[QStringLiteral("file")].toString(), cam);
      const cv::Mat original = cv::imread(photo.toStdString());
      const cv::Mat heatmap = cv::imread(cam.toStdString());
      ASSERT_FALSE(heatmap.empty()) << "no heatmap written for " << name.toStdString();
      EXPECT_EQ(heatmap.size(), original.size()) << name.toStdString();
      // Kept for a person to look at.
      QFile::remove(QStringLiteral(WALNESS_SCREENSHOT_DIR "/cli-cam-") + name +
                    QStringLiteral(".png"));
      QFile::copy(
          cam, QStringLiteral(WALNESS_SCREENSHOT_DIR "/cli-cam-") + name + QStringLiteral(".png"));
    }
  }
}

TEST_F(DiagnoseCliTest, HumanOutputNamesCoverageAndNeverSaysHealthy) {
  const QString photo = walness::test::sharedDir() + QStringLiteral("/data/demo/") +
                        QDir(walness::test::sharedDir() + QStringLiteral("/data/demo"))
                            .entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name)
                            .first();
  const CliRun run = runCli({QStringLiteral("diagnose"), QStringLiteral("--species"),
                             QStringLiteral("dog"), QStringLiteral("--model"), bundleDir(), photo});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  EXPECT_TRUE(
      run.out.contains(QStringLiteral("This model checks only for: conjunctivitis, "
                                      "cataract, blepharitis. It cannot confirm a healthy "
                                      "eye.")))
      << run.out.toStdString();
  EXPECT_TRUE(run.out.contains(QStringLiteral("not a veterinary diagnosis")));
  EXPECT_FALSE(run.out.contains(QStringLiteral("is healthy")));
}

TEST_F(DiagnoseCliTest, BadPhotosExitThreeNamingTheFileAndWhy) {
  QTemporaryDir dir;
  const QString text = dir.filePath(QStringLiteral("notes.jpg"));
  QFile textFile(text);
  ASSERT_TRUE(textFile.open(QIODevice::WriteOnly));
  textFile.write("not a photo at all\n");
  textFile.close();

  const QString truncated = dir.filePath(QStringLiteral("cut.jpg"));
  {
    QFile source(walness::test::sharedDir() + QStringLiteral("/pretrained/parity/chelsea_224.png"));
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    std::vector<unsigned char> jpeg;
    const QByteArray png = source.readAll();
    cv::imencode(
        ".jpg",
        cv::imdecode(cv::Mat(1, int(png.size()), CV_8UC1, (void*)png.data()), cv::IMREAD_COLOR),
        jpeg);
    QFile cut(truncated);
    ASSERT_TRUE(cut.open(QIODevice::WriteOnly));
    cut.write(reinterpret_cast<const char*>(jpeg.data()), qint64(jpeg.size() * 2 / 3));
  }

  const QString bomb = dir.filePath(QStringLiteral("bomb.png"));
  {
    const unsigned char header[] = {0x89, 'P',  'N', 'G', '\r', '\n', 0x1A, '\n', 0,    0, 0,
                                    13,   'I',  'H', 'D', 'R',  0,    0,    0x75, 0x30, 0, 0,
                                    0x75, 0x30, 8,   2,   0,    0,    0,    0,    0,    0, 0};
    QFile file(bomb);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(reinterpret_cast<const char*>(header), sizeof header);
  }

  const std::pair<QString, QString> cases[] = {
      {text, QStringLiteral("not an image")},
      {truncated, QStringLiteral("truncated")},
      {bomb, QStringLiteral("30000 x 30000 pixels; the limit is 20000 pixels on a side")}};
  for (const auto& [file, reason] : cases) {
    const CliRun run =
        runCli({QStringLiteral("diagnose"), QStringLiteral("--species"), QStringLiteral("dog"),
                QStringLiteral("--model"), bundleDir(), QStringLiteral("--json"), file});
    EXPECT_EQ(run.exitCode, 3) << file.toStdString();
    EXPECT_TRUE(run.err.contains(file)) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(reason)) << run.err.toStdString();
    EXPECT_TRUE(run.out.isEmpty()) << "no output for a refused photo";
  }
}

TEST_F(DiagnoseCliTest, ModelProblemsExitFour) {
  const QString photo =
      walness::test::sharedDir() + QStringLiteral("/pretrained/parity/coffee_224.png");
  QTemporaryDir empty;
  const CliRun none = runCli(
      {QStringLiteral("diagnose"), QStringLiteral("--species"), QStringLiteral("cat"), photo},
      bundleRoot_->path());
  EXPECT_EQ(none.exitCode, 4);
  EXPECT_TRUE(none.err.contains(QStringLiteral("no model bundle for cat")))
      << none.err.toStdString();
  EXPECT_TRUE(none.err.contains(QStringLiteral("test-untrained 0.0.1 (dog)")))
      << none.err.toStdString();
  EXPECT_TRUE(none.err.contains(QStringLiteral("walness-cli train")));

  const CliRun broken =
      runCli({QStringLiteral("diagnose"), QStringLiteral("--species"), QStringLiteral("dog"),
              QStringLiteral("--model"), empty.path(), photo});
  EXPECT_EQ(broken.exitCode, 4);
  EXPECT_TRUE(broken.err.contains(QStringLiteral("no model.json"))) << broken.err.toStdString();

  // Found by species in the search folder, without --model.
  const CliRun found = runCli({QStringLiteral("diagnose"), QStringLiteral("--species"),
                               QStringLiteral("dog"), QStringLiteral("--json"), photo},
                              bundleRoot_->path());
  EXPECT_EQ(found.exitCode, 0) << found.err.toStdString();
}

TEST_F(DiagnoseCliTest, UsageErrorsExitTwo) {
  const QString photo =
      walness::test::sharedDir() + QStringLiteral("/pretrained/parity/coffee_224.png");
  for (const QStringList& arguments :
       {QStringList{QStringLiteral("diagnose"), photo},
        QStringList{QStringLiteral("diagnose"), QStringLiteral("--species"), QStringLiteral("dog")},
        QStringList{QStringLiteral("diagnose"), QStringLiteral("--species"), QStringLiteral("dog"),
                    QStringLiteral("--region"), QStringLiteral("1,2,3"), photo},
        QStringList{QStringLiteral("diagnose"), QStringLiteral("--species"), QStringLiteral("dog"),
                    QStringLiteral("--cam"), QStringLiteral("scorecam"), photo}}) {
    const CliRun run = runCli(arguments);
    EXPECT_EQ(run.exitCode, 2) << arguments.join(QLatin1Char(' ')).toStdString();
  }
}

// Only regular files are read as photos: a FIFO would block forever, /dev/zero never ends.
TEST_F(DiagnoseCliTest, AFifoOrALinkToDevZeroExitsThreeAtOnce) {
  QTemporaryDir folder;
  const QString fifo = folder.filePath(QStringLiteral("eye.jpg"));
  ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
  const QString zero = folder.filePath(QStringLiteral("zero.jpg"));
  ASSERT_TRUE(QFile::link(QStringLiteral("/dev/zero"), zero));
  for (const auto& [photo, words] : {std::pair{fifo, "named pipe"}, std::pair{zero, "device"}}) {
    // A hang would run into the 30 s limit (exit -1) instead of exiting 3.
    const CliRun run =
        runCli({QStringLiteral("diagnose"), QStringLiteral("--species"), QStringLiteral("dog"),
                QStringLiteral("--model"), bundleDir(), photo},
               QString(), 30'000);
    EXPECT_EQ(run.exitCode, 3) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QLatin1String(words))) << run.err.toStdString();
  }
  // The batch gives each its own error row and goes on.
  const QString csv = folder.filePath(QStringLiteral("out.csv"));
  const CliRun batch = runCli(
      {QStringLiteral("batch"), folder.path(), QStringLiteral("--species"), QStringLiteral("dog"),
       QStringLiteral("--model"), bundleDir(), QStringLiteral("--csv"), csv},
      QString(), 30'000);
  EXPECT_EQ(batch.exitCode, 0) << batch.err.toStdString();
  QFile rows(csv);
  ASSERT_TRUE(rows.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(rows.readAll());
  EXPECT_TRUE(text.contains(QLatin1String("named pipe"))) << text.toStdString();
  EXPECT_TRUE(text.contains(QLatin1String("a device"))) << text.toStdString();
}

// A full disk: what could not be written is named and the exit code says so (never 0).
TEST_F(DiagnoseCliTest, OutputToAFullDiskFailsLoudly) {
  if (!QFileInfo::exists(QStringLiteral("/dev/full"))) GTEST_SKIP() << "no /dev/full here";
  const QString photo = walness::test::validationPhotos(1).value(0);
  ASSERT_FALSE(photo.isEmpty());
  QProcess process;
  process.setStandardOutputFile(QStringLiteral("/dev/full"));
  process.start(QStringLiteral(WALNESS_CLI_PATH),
                {QStringLiteral("diagnose"), QStringLiteral("--species"), QStringLiteral("dog"),
                 QStringLiteral("--model"), bundleDir(), QStringLiteral("--json"), photo});
  ASSERT_TRUE(process.waitForFinished(120000));
  EXPECT_EQ(process.exitCode(), 1);
  const QString err = QString::fromUtf8(process.readAllStandardError());
  EXPECT_TRUE(err.contains(QStringLiteral("No space left on device"))) << err.toStdString();

  // The batch's CSV on a full disk: named, and the batch stops with a non-zero code.
  QTemporaryDir folder;
  ASSERT_TRUE(QFile::copy(photo, folder.filePath(QStringLiteral("eye.jpg"))));
  const CliRun batch = runCli({QStringLiteral("batch"), folder.path(), QStringLiteral("--species"),
                               QStringLiteral("dog"), QStringLiteral("--model"), bundleDir(),
                               QStringLiteral("--csv"), QStringLiteral("/dev/full")});
  EXPECT_NE(batch.exitCode, 0);
  EXPECT_TRUE(batch.err.contains(QStringLiteral("/dev/full"))) << batch.err.toStdString();
  EXPECT_TRUE(batch.err.contains(QStringLiteral("No space left on device")))
      << batch.err.toStdString();
}

// One rule for which model screens, shared by the app and the CLI (bundle::ModelChoice): the
// bundle chosen in the app's Settings > Models, else the newest installed.
TEST_F(DiagnoseCliTest, UsesTheModelChosenInTheAppElseTheNewest) {
  QTemporaryDir models, config;
  for (const auto& [name, version] :
       {std::pair{"dog-old", "8.0.0"}, std::pair{"dog-new", "9.0.0"}}) {
    const QDir target(models.filePath(QString::fromLatin1(name)));
    ASSERT_TRUE(QDir().mkpath(target.path()));
    for (const QString& file : QDir(bundleDir()).entryList(QDir::Files))
      ASSERT_TRUE(QFile::copy(QDir(bundleDir()).filePath(file), target.filePath(file)));
    QFile card(target.filePath(QStringLiteral("model.json")));
    ASSERT_TRUE(card.open(QIODevice::ReadOnly));
    QJsonObject json = QJsonDocument::fromJson(card.readAll()).object();
    card.close();
    json.insert(QStringLiteral("version"), QString::fromLatin1(version));
    ASSERT_TRUE(card.open(QIODevice::WriteOnly | QIODevice::Truncate));
    card.write(QJsonDocument(json).toJson());
  }
  const QString photo = walness::test::sharedDir() + QStringLiteral("/data/demo/") +
                        QDir(walness::test::sharedDir() + QStringLiteral("/data/demo"))
                            .entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name)
                            .first();
  const auto versionUsed = [&] {
    const CliRun run = runCli({QStringLiteral("diagnose"), QStringLiteral("--species"),
                               QStringLiteral("dog"), QStringLiteral("--json"), photo},
                              models.path(), 120000, config.path());
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    return QJsonDocument::fromJson(run.out.toUtf8())
        .object()[QStringLiteral("model")]
        .toObject()[QStringLiteral("version")]
        .toString();
  };
  EXPECT_EQ(versionUsed(), QStringLiteral("9.0.0"));

  // What the app's Settings > Models writes when the older one is chosen.
  ASSERT_TRUE(QDir().mkpath(config.filePath(QStringLiteral("Walness"))));
  QFile settings(config.filePath(QStringLiteral("Walness/Walness.conf")));
  ASSERT_TRUE(settings.open(QIODevice::WriteOnly));
  settings.write("[models]\nchosen-dog=" + models.filePath(QStringLiteral("dog-old")).toUtf8() +
                 "\n");
  settings.close();
  EXPECT_EQ(versionUsed(), QStringLiteral("8.0.0"));
}
