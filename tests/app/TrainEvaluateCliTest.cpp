#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "CliRunner.h"
#include "SharedData.h"
#include "TestBundles.h"
#include "walness/bundle/ModelBundle.h"

using namespace walness;

namespace {

// A labels.csv over real dog-eye validation photos (absolute paths), first `rows` of each
// disease folder so every disease has positives and negatives.
QString writeRealLabels(const QTemporaryDir& dir, const QByteArray& header, int rows) {
  QFile shared(QString::fromStdString(test::sharedPath(QStringLiteral("data/dog-eye/labels.csv"))));
  EXPECT_TRUE(shared.open(QIODevice::ReadOnly));
  shared.readLine();
  QByteArray csv = header + "\n";
  int written = 0;
  int line = 0;
  while (!shared.atEnd() && written < rows) {
    const QList<QByteArray> cells = shared.readLine().trimmed().split(',');
    if (cells.size() < 8 || cells[1] != "val" || cells[2] != "crop" || line++ % 37 != 0) continue;
    const QByteArray path = QDir(test::sharedDir() + QStringLiteral("/data/dog-eye"))
                                .filePath(QString::fromUtf8(cells[0]))
                                .toUtf8();
    csv += path + ",val," + cells[3] + "," + cells[4] + "," + cells[5] + "\n";
    ++written;
  }
  const QString path = dir.filePath(QStringLiteral("labels.csv"));
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(csv);
  return path;
}

}  // namespace

TEST(EvaluateCliTest, PrintsTheDocumentedJsonAndDrawsPlots) {
  QTemporaryDir dir;
  const std::string bundle =
      test::writePretrainedTestBundle(dir.filePath(QStringLiteral("bundle")));
  const QString labels =
      writeRealLabels(dir, "image,split,conjunctivitis,cataract,blepharitis", 40);
  const QString plots = dir.filePath(QStringLiteral("plots"));
  const test::CliRun run =
      test::runCli({QStringLiteral("evaluate"), QStringLiteral("--model"),
                    QString::fromStdString(bundle), QStringLiteral("--data"), labels,
                    QStringLiteral("--json"), QStringLiteral("--plots"), plots});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
  ASSERT_TRUE(json.value(QStringLiteral("macro_auc")).isDouble()) << run.out.toStdString();
  EXPECT_TRUE(json.value(QStringLiteral("ece")).isDouble());
  EXPECT_EQ(json.value(QStringLiteral("n")).toInt(), 40);
  const QJsonObject perLabel = json.value(QStringLiteral("per_label")).toObject();
  ASSERT_EQ(perLabel.size(), 3);
  for (const QString& key :
       {QStringLiteral("auc"), QStringLiteral("pr_auc"), QStringLiteral("sensitivity"),
        QStringLiteral("specificity"), QStringLiteral("f1"), QStringLiteral("positives"),
        QStringLiteral("n")})
    EXPECT_TRUE(perLabel.value(QStringLiteral("cataract")).toObject().contains(key))
        << key.toStdString();
  EXPECT_EQ(perLabel.value(QStringLiteral("conjunctivitis"))
                .toObject()
                .value(QStringLiteral("n"))
                .toInt(),
            40);
  EXPECT_TRUE(QFile::exists(plots + QStringLiteral("/roc.png")));
  EXPECT_TRUE(QFile::exists(plots + QStringLiteral("/reliability.png")));
}

// A against B on the same photos: the shipped model against an untrained head is better by more
// than the paired interval; a bundle against itself is not, whatever its metrics.
TEST(EvaluateCliTest, CompareSaysWhetherABeatsBByMoreThanThePairedInterval) {
  QTemporaryDir dir;
  const QString untrained = QString::fromStdString(
      test::writePretrainedTestBundle(dir.filePath(QStringLiteral("untrained"))));
  const QString shipped = QStringLiteral(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");
  const QString labels =
      writeRealLabels(dir, "image,split,conjunctivitis,cataract,blepharitis", 40);
  const auto compare = [&](const QString& a, const QString& b) {
    const test::CliRun run = test::runCli(
        {QStringLiteral("evaluate"), QStringLiteral("--compare"), a, b, QStringLiteral("--data"),
         labels, QStringLiteral("--split"), QStringLiteral("val"), QStringLiteral("--json")});
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
  };
  const QJsonObject better = compare(shipped, untrained);
  EXPECT_EQ(better[QStringLiteral("n")].toInt(), 40);
  const QJsonObject a = better[QStringLiteral("a")].toObject();
  const QJsonArray aInterval = a[QStringLiteral("macro_auc_interval")].toArray();
  ASSERT_EQ(aInterval.size(), 2);
  EXPECT_LE(aInterval[0].toDouble(), a[QStringLiteral("macro_auc")].toDouble());
  EXPECT_GE(aInterval[1].toDouble(), a[QStringLiteral("macro_auc")].toDouble());
  const QJsonObject difference = better[QStringLiteral("macro_auc_difference")].toObject();
  EXPECT_NEAR(difference[QStringLiteral("estimate")].toDouble(),
              a[QStringLiteral("macro_auc")].toDouble() -
                  better[QStringLiteral("b")].toObject()[QStringLiteral("macro_auc")].toDouble(),
              1e-9);
  EXPECT_GT(difference[QStringLiteral("interval")].toArray()[0].toDouble(), 0)
      << QJsonDocument(better).toJson().toStdString();
  EXPECT_TRUE(better[QStringLiteral("a_clearly_better")].toBool());

  const QJsonObject same = compare(untrained, untrained);
  EXPECT_EQ(same[QStringLiteral("macro_auc_difference")]
                .toObject()[QStringLiteral("estimate")]
                .toDouble(),
            0);
  EXPECT_FALSE(same[QStringLiteral("a_clearly_better")].toBool());

  // The human form names the verdict; a wrong number of bundles is a usage error.
  const test::CliRun human = test::runCli({QStringLiteral("evaluate"), QStringLiteral("--compare"),
                                           untrained, untrained, QStringLiteral("--data"), labels,
                                           QStringLiteral("--split"), QStringLiteral("val")});
  EXPECT_EQ(human.exitCode, 0) << human.err.toStdString();
  EXPECT_TRUE(human.out.contains(QStringLiteral("A does not beat B by more than the interval")))
      << human.out.toStdString();
  EXPECT_EQ(test::runCli({QStringLiteral("evaluate"), QStringLiteral("--compare"), untrained,
                          QStringLiteral("--data"), labels})
                .exitCode,
            2);
  // By default --compare reads the held-out test split, which these 40 val rows do not have.
  const test::CliRun noTest =
      test::runCli({QStringLiteral("evaluate"), QStringLiteral("--compare"), untrained, untrained,
                    QStringLiteral("--data"), labels});
  EXPECT_EQ(noTest.exitCode, 3);
  EXPECT_TRUE(noTest.err.contains(QStringLiteral("no rows of the split \"test\"")))
      << noTest.err.toStdString();
}

TEST(EvaluateCliTest, MissingColumnsAndBrokenBundlesGiveTheirExitCodes) {
  QTemporaryDir dir;
  const std::string bundle =
      test::writePretrainedTestBundle(dir.filePath(QStringLiteral("bundle")));
  const QString labels =
      writeRealLabels(dir, "image,split,conjunctivitis,cataract,ulcerative_keratitis", 5);
  test::CliRun run =
      test::runCli({QStringLiteral("evaluate"), QStringLiteral("--model"),
                    QString::fromStdString(bundle), QStringLiteral("--data"), labels});
  EXPECT_EQ(run.exitCode, 3);
  EXPECT_TRUE(run.err.contains(QStringLiteral("no column for 'blepharitis'")))
      << run.err.toStdString();
  EXPECT_TRUE(run.out.isEmpty());
  run = test::runCli({QStringLiteral("evaluate"), QStringLiteral("--model"), dir.path(),
                      QStringLiteral("--data"), labels});
  EXPECT_EQ(run.exitCode, 4);
  run = test::runCli({QStringLiteral("evaluate"), QStringLiteral("--data"), labels});
  EXPECT_EQ(run.exitCode, 2);
}

TEST(TrainCliTest, ShortRunWritesABundleAndReportsJson) {
  QTemporaryDir dir;
  const QString out = dir.filePath(QStringLiteral("bundle"));
  const test::CliRun run = test::runCli(
      {QStringLiteral("train"), QStringLiteral("--data"),
       QString::fromStdString(test::sharedPath(QStringLiteral("data/dog-eye/labels.csv"))),
       QStringLiteral("--out"), out, QStringLiteral("--pretrained"),
       QString::fromStdString(
           test::sharedPath(QStringLiteral("pretrained/mobilenet_v2_imagenet.safetensors"))),
       QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--input-size"),
       QStringLiteral("64"), QStringLiteral("--freeze-blocks"), QStringLiteral("19"),
       QStringLiteral("--limit-train"), QStringLiteral("64"), QStringLiteral("--limit-val"),
       QStringLiteral("64"), QStringLiteral("--json")});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
  EXPECT_EQ(json.value(QStringLiteral("best_epoch")).toInt(), 1);
  EXPECT_TRUE(json.value(QStringLiteral("val_macro_auc")).isDouble());
  EXPECT_EQ(json.value(QStringLiteral("validation"))
                .toObject()
                .value(QStringLiteral("per_label"))
                .toObject()
                .size(),
            5);
  auto bundle = bundle::loadModelBundle(out.toStdString());
  ASSERT_TRUE(bundle) << bundle.message();
  EXPECT_EQ(bundle->card.labels.size(), 5u);
  EXPECT_TRUE(run.err.contains(QStringLiteral("train 1/1")));
}

TEST(TrainCliTest, BadInvocationsChangeNothing) {
  QTemporaryDir dir;
  const QString out = dir.filePath(QStringLiteral("bundle"));
  test::CliRun run = test::runCli({QStringLiteral("train"), QStringLiteral("--out"), out});
  EXPECT_EQ(run.exitCode, 2);
  QFile broken(dir.filePath(QStringLiteral("broken.csv")));
  ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
  broken.write("image,conjunctivitis\na.jpg,yes\n");
  broken.close();
  run = test::runCli({QStringLiteral("train"), QStringLiteral("--data"), broken.fileName(),
                      QStringLiteral("--out"), out});
  EXPECT_EQ(run.exitCode, 3);
  EXPECT_TRUE(run.err.contains(QStringLiteral("line 2"))) << run.err.toStdString();
  run = test::runCli({QStringLiteral("train"), QStringLiteral("--data"), broken.fileName(),
                      QStringLiteral("--out"), out, QStringLiteral("--optimizer"),
                      QStringLiteral("sgd")});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_TRUE(run.err.contains(QStringLiteral("unknown optimizer")));
  EXPECT_FALSE(QFile::exists(out));
}
