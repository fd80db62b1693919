#include <gtest/gtest.h>

#include <torch/torch.h>

#include <opencv2/imgcodecs.hpp>

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
#include "walness/nn/Architectures.h"
#include "walness/nn/MobileNetEdgeTpu.h"
#include "walness/nn/StateDict.h"

using namespace walness;

namespace {

const QString kMixed = QStringLiteral("ensemble(mobilenet_v2,mobilenet_edgetpu)");

// Small members at 64 px: MobileNetV2 with ImageNet features and a random head, and a random
// MobileNet-EdgeTPU; the ensemble machinery is what is tested, not their skill.
bundle::ModelCard memberCard(const std::string& id,
                             std::vector<std::string> labels = {"conjunctivitis", "cataract",
                                                                "blepharitis"}) {
  bundle::ModelCard card = test::testCard(std::move(labels));
  card.id = id;
  card.input.size = 64;
  card.metrics = QJsonObject{{QStringLiteral("macro_auc"), 0.5},
                             {QStringLiteral("note"), QString::fromStdString(id + " metrics")}};
  return card;
}

QString writeMobileNetV2Member(const QString& directory, bundle::ModelCard card) {
  return QString::fromStdString(test::writePretrainedTestBundle(directory, std::move(card)));
}

QString writeEdgeTpuMember(const QString& directory, bundle::ModelCard card) {
  card.architecture = "mobilenet_edgetpu";
  card.temperature = 0.9;
  torch::manual_seed(3);
  nn::MobileNetEdgeTpu network(int64_t(card.labels.size()));
  auto written = bundle::writeModelBundle(directory.toStdString(), card, *network);
  EXPECT_TRUE(written.ok()) << written.message();
  return directory;
}

// A labels.csv over real dog-eye photos (absolute paths), `rows` of each split spread over the
// file so every disease has positives and negatives. Under 100 val rows: no held-out test half.
QString writeLabels(const QTemporaryDir& dir, int rows) {
  QFile shared(QString::fromStdString(test::sharedPath(QStringLiteral("data/dog-eye/labels.csv"))));
  EXPECT_TRUE(shared.open(QIODevice::ReadOnly));
  shared.readLine();
  QByteArray csv = "image,split,conjunctivitis,cataract,blepharitis\n";
  std::map<QByteArray, int> written, seen;
  while (!shared.atEnd()) {
    const QList<QByteArray> cells = shared.readLine().trimmed().split(',');
    if (cells.size() < 8 || cells[2] != "crop") continue;
    const QByteArray split = cells[1];
    if (written[split] >= rows || seen[split]++ % (split == "val" ? 37 : 211) != 0) continue;
    csv += QDir(test::sharedDir() + QStringLiteral("/data/dog-eye"))
               .filePath(QString::fromUtf8(cells[0]))
               .toUtf8() +
           "," + split + "," + cells[3] + "," + cells[4] + "," + cells[5] + "\n";
    ++written[split];
  }
  const QString path = dir.filePath(QStringLiteral("labels.csv"));
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(csv);
  return path;
}

test::CliRun runEnsemble(const QStringList& members, const QString& labels, const QString& out,
                         const QStringList& extra = {}) {
  QStringList arguments{QStringLiteral("ensemble")};
  for (const QString& member : members) arguments << QStringLiteral("--member") << member;
  arguments << QStringLiteral("--data") << labels << QStringLiteral("--out") << out << extra;
  return test::runCli(arguments);
}

}  // namespace

TEST(EnsembleCliTest, JoinsTwoBundlesIntoOneThatLoadsScreensAndExplains) {
  QTemporaryDir dir;
  const QString first =
      writeMobileNetV2Member(dir.filePath(QStringLiteral("v2")), memberCard("member-v2"));
  const QString second =
      writeEdgeTpuMember(dir.filePath(QStringLiteral("edgetpu")), memberCard("member-edgetpu"));
  const QString labels = writeLabels(dir, 24);
  const QString out = dir.filePath(QStringLiteral("ensemble"));
  const test::CliRun run = runEnsemble(
      {first, second}, labels, out,
      {QStringLiteral("--id"), QStringLiteral("test-ensemble"), QStringLiteral("--json")});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
  EXPECT_EQ(json[QStringLiteral("architecture")].toString(), kMixed);
  EXPECT_TRUE(json[QStringLiteral("val_macro_auc")].isDouble()) << run.out.toStdString();
  EXPECT_EQ(json[QStringLiteral("validation")][QStringLiteral("per_label")].toObject().size(), 3);

  auto ensemble = bundle::loadModelBundle(out.toStdString());
  ASSERT_TRUE(ensemble.ok()) << ensemble.message();
  const bundle::ModelCard& card = ensemble->card;
  EXPECT_EQ(card.id, "test-ensemble");
  EXPECT_EQ(card.architecture, kMixed.toStdString());
  EXPECT_EQ(card.camLayer, "members.0.features.18+members.1.features.23");
  EXPECT_EQ(card.input.size, 64);
  ASSERT_EQ(card.labels.size(), 3u);
  EXPECT_EQ(card.labels[2].id, "blepharitis");
  ASSERT_TRUE(card.ood.has_value());
  EXPECT_EQ(card.ood->featureMean.size(), 2560u);
  EXPECT_EQ(card.metrics[QStringLiteral("split")].toString(), QStringLiteral("val"));
  EXPECT_EQ(card.metrics[QStringLiteral("n")].toInt(), 24);
  EXPECT_EQ(card.provenance[QStringLiteral("train_images")].toInt(), 24);
  const QJsonArray members =
      card.provenance[QStringLiteral("ensemble")][QStringLiteral("members")].toArray();
  ASSERT_EQ(members.size(), 2);
  const QString memberIds[] = {QStringLiteral("member-v2"), QStringLiteral("member-edgetpu")};
  const QString memberDirectories[] = {first, second};
  for (int i = 0; i < 2; ++i) {
    const QJsonObject member = members[i].toObject();
    auto original = bundle::loadModelBundle(memberDirectories[i].toStdString());
    ASSERT_TRUE(original.ok());
    EXPECT_EQ(member[QStringLiteral("id")].toString(), memberIds[i]);
    EXPECT_EQ(member[QStringLiteral("version")].toString(), QStringLiteral("0.0.1"));
    EXPECT_EQ(member[QStringLiteral("architecture")].toString().toStdString(),
              original->card.architecture);
    EXPECT_EQ(member[QStringLiteral("weights_sha256")].toString().toStdString(),
              original->card.weightsSha256);
    EXPECT_EQ(member[QStringLiteral("metrics")].toObject(), original->card.metrics);
  }
  // The members' temperatures travel in the weights, the averaged logit is not shifted.
  const auto state = nn::stateDict(*ensemble->network);
  EXPECT_TRUE(torch::allclose(state.at("member_temperatures"), torch::tensor({1.5f, 0.9f})));
  EXPECT_EQ(state.at("logit_shift").abs().sum().item<float>(), 0);

  // The app's path: findings and a Grad-CAM heatmap of the photo's size (a photo may be withheld
  // as out of distribution, at most one of these val photos).
  int screened = 0;
  for (const QString& photo : test::validationPhotos(3)) {
    const QString cam = dir.filePath(QStringLiteral("cam-%1.png").arg(screened));
    const test::CliRun diagnose =
        test::runCli({QStringLiteral("diagnose"), QStringLiteral("--species"),
                      QStringLiteral("dog"), QStringLiteral("--model"), out,
                      QStringLiteral("--json"), QStringLiteral("--cam-out"), cam, photo});
    ASSERT_EQ(diagnose.exitCode, 0) << diagnose.err.toStdString();
    const QJsonObject result = QJsonDocument::fromJson(diagnose.out.toUtf8()).object();
    if (!result[QStringLiteral("abstained")].isNull()) continue;
    ++screened;
    EXPECT_EQ(result[QStringLiteral("findings")].toArray().size(), 3);
    const cv::Mat heatmap = cv::imread(cam.toStdString());
    ASSERT_FALSE(heatmap.empty()) << diagnose.out.toStdString();
    EXPECT_EQ(heatmap.size(), cv::imread(photo.toStdString()).size());
  }
  EXPECT_GE(screened, 2);
}

TEST(EnsembleCliTest, MembersThatDoNotMatchAreRefusedAndNothingIsWritten) {
  QTemporaryDir dir;
  const QString good =
      writeMobileNetV2Member(dir.filePath(QStringLiteral("good")), memberCard("good"));
  const QString twoLabels =
      writeMobileNetV2Member(dir.filePath(QStringLiteral("two-labels")),
                             memberCard("two-labels", {"conjunctivitis", "cataract"}));
  bundle::ModelCard catCard = memberCard("cat");
  catCard.species = Species::Cat;
  const QString cat = writeMobileNetV2Member(dir.filePath(QStringLiteral("cat")), catCard);
  bundle::ModelCard largerCard = memberCard("larger");
  largerCard.input.size = 96;
  const QString larger = writeMobileNetV2Member(dir.filePath(QStringLiteral("larger")), largerCard);
  bundle::ModelCard nestedCard = memberCard("nested");
  nestedCard.architecture = "ensemble(mobilenet_v2,mobilenet_v2)";
  auto nestedNetwork = nn::createArchitecture(nestedCard.architecture, 3);
  ASSERT_TRUE(nestedNetwork.ok()) << nestedNetwork.message();
  const QString nested = dir.filePath(QStringLiteral("nested"));
  ASSERT_TRUE(bundle::writeModelBundle(nested.toStdString(), nestedCard, **nestedNetwork).ok());
  const QString labels = writeLabels(dir, 4);
  const QString out = dir.filePath(QStringLiteral("ensemble"));

  const auto expectRefused = [&](const QStringList& members, int exitCode, const QString& words) {
    const test::CliRun run = runEnsemble(members, labels, out);
    EXPECT_EQ(run.exitCode, exitCode) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(words)) << run.err.toStdString();
    EXPECT_TRUE(run.out.isEmpty()) << run.out.toStdString();
    EXPECT_FALSE(QFile::exists(out)) << words.toStdString();
  };
  expectRefused({good, twoLabels}, 4, QStringLiteral("the same diseases in the same order"));
  expectRefused({good, cat}, 4, QStringLiteral("screens cat eyes"));
  expectRefused({good, larger}, 4, QStringLiteral("the same input size"));
  expectRefused({good, dir.filePath(QStringLiteral("missing"))}, 4,
                QStringLiteral("no such model bundle folder"));
  expectRefused({good, nested}, 4, QStringLiteral("is itself an ensemble"));
  expectRefused({good}, 2, QStringLiteral("--member DIR at least twice"));

  // A bundle is never written over.
  const test::CliRun overMember = runEnsemble({good, good}, labels, good);
  EXPECT_EQ(overMember.exitCode, 2);
  EXPECT_TRUE(overMember.err.contains(QStringLiteral("not an empty folder")))
      << overMember.err.toStdString();
  EXPECT_TRUE(bundle::loadModelBundle(good.toStdString()).ok());

  // Data that lacks a disease the members check is bad input.
  QFile partial(dir.filePath(QStringLiteral("partial.csv")));
  ASSERT_TRUE(partial.open(QIODevice::WriteOnly));
  partial.write("image,split,conjunctivitis\na.jpg,train,1\nb.jpg,val,0\n");
  partial.close();
  const test::CliRun missingColumn = runEnsemble({good, good}, partial.fileName(), out);
  EXPECT_EQ(missingColumn.exitCode, 3);
  EXPECT_TRUE(missingColumn.err.contains(QStringLiteral("no column for 'cataract'")))
      << missingColumn.err.toStdString();
  EXPECT_FALSE(QFile::exists(out));
}

TEST(EnsembleCliTest, TrainRefusesToTrainAnEnsembleAsAWhole) {
  QTemporaryDir dir;
  const QString labels = writeLabels(dir, 4);
  const QString out = dir.filePath(QStringLiteral("trained"));
  const QStringList common{QStringLiteral("train"),
                           QStringLiteral("--data"),
                           labels,
                           QStringLiteral("--out"),
                           out,
                           QStringLiteral("--epochs"),
                           QStringLiteral("1"),
                           QStringLiteral("--input-size"),
                           QStringLiteral("64")};
  const test::CliRun flag =
      test::runCli(common + QStringList{QStringLiteral("--architecture"), kMixed});
  EXPECT_EQ(flag.exitCode, 2) << flag.err.toStdString();
  EXPECT_TRUE(flag.err.contains(QStringLiteral("--architecture must be")))
      << flag.err.toStdString();

  // The same through a settings file, which the flag's check does not see.
  QFile config(dir.filePath(QStringLiteral("settings.json")));
  ASSERT_TRUE(config.open(QIODevice::WriteOnly));
  config.write(QJsonDocument(QJsonObject{{QStringLiteral("architecture"), kMixed}}).toJson());
  config.close();
  const test::CliRun file =
      test::runCli(common + QStringList{QStringLiteral("--config"), config.fileName()});
  EXPECT_NE(file.exitCode, 0);
  EXPECT_TRUE(file.err.contains(QStringLiteral("join them with walness-cli ensemble")))
      << file.err.toStdString();
  EXPECT_FALSE(QFile::exists(out + QStringLiteral("/model.json")));
}
