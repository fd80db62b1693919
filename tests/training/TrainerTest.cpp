#include <gtest/gtest.h>

#include <torch/torch.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QFile>
#include <QTemporaryDir>

#include "SharedData.h"
#include "walness/bundle/ModelBundle.h"
#include "walness/nn/Safetensors.h"
#include "walness/training/Trainer.h"
#include "walness/training/data/LabeledDataset.h"

using namespace walness;

namespace {

// 40 drawn "eyes": conjunctivitis = a red sclera, cataract = a pale pupil (unknown for every
// fifth photo), letterboxed like the real crops. Learnable in a few epochs.
training::LabeledDataset syntheticDataset(const QTemporaryDir& dir) {
  QByteArray csv = "image,split,conjunctivitis,cataract\n";
  for (int i = 0; i < 40; ++i) {
    const bool red = i % 2 == 0;
    const bool pale = (i / 2) % 2 == 0;
    cv::Mat image(96, 96, CV_8UC3, cv::Scalar(0, 0, 0));
    const cv::Rect content(0, 12, 96, 72);
    image(content).setTo(cv::Scalar(60, 80, 110 + i));
    cv::ellipse(image, {48, 48}, {34, 22}, 0, 0, 360,
                red ? cv::Scalar(90, 90, 230) : cv::Scalar(235, 235, 235), cv::FILLED);
    cv::circle(image, {48 + i % 5, 48}, 14,
               pale ? cv::Scalar(225, 225, 220) : cv::Scalar(30, 20, 10), cv::FILLED);
    const QString name = QStringLiteral("%1.jpg").arg(i);
    cv::imwrite(dir.filePath(name).toStdString(), image);
    csv += name.toUtf8() + (i % 5 == 1 ? ",val," : ",train,") + (red ? "1," : "0,") +
           (i % 5 == 4 ? "" : (pale ? "1" : "0")) + "\n";
  }
  QFile file(dir.filePath(QStringLiteral("labels.csv")));
  EXPECT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(csv);
  file.close();
  auto dataset = training::readLabelsCsv(file.fileName().toStdString());
  EXPECT_TRUE(dataset) << dataset.message();
  return *dataset;
}

training::TrainingConfig smallConfig() {
  training::TrainingConfig config;
  config.pretrainedWeights =
      test::sharedPath(QStringLiteral("pretrained/mobilenet_v2_imagenet.safetensors"));
  config.inputSize = 64;
  config.batchSize = 8;
  config.epochs = 3;
  config.optimizer.learningRate = 3e-3;
  config.warmupEpochs = 0.5;
  config.freezeBlocks = 14;
  config.unfreezeEpoch = 3;
  config.unfreezeTo = 11;
  config.patience = 10;
  return config;
}

}  // namespace

TEST(TrainerTest, TrainsAndWritesACompleteBundle) {
  QTemporaryDir dir;
  const auto data = syntheticDataset(dir);
  training::Trainer trainer(smallConfig(), {}, data.subset("train"), data.subset("val"));
  std::vector<training::TrainingPhase> phases;
  trainer.setProgressHandler([&](const training::TrainingProgress& p) {
    if (phases.empty() || phases.back() != p.phase) phases.push_back(p.phase);
  });
  const std::string bundleDir = dir.filePath(QStringLiteral("bundle")).toStdString();
  auto outcome = trainer.run(dir.filePath(QStringLiteral("checkpoint")).toStdString(), false,
                             bundleDir, {"synthetic-test", "0.0.1"});
  ASSERT_TRUE(outcome) << outcome.message();
  ASSERT_EQ(outcome->history.size(), 3u);
  EXPECT_EQ(outcome->history[2].frozenBlocks, 11);
  EXPECT_LT(outcome->history[2].trainLoss, outcome->history[0].trainLoss);
  EXPECT_EQ(outcome->stopReason, "all epochs done");
  EXPECT_NE(std::find(phases.begin(), phases.end(), training::TrainingPhase::Finalize),
            phases.end());
  // The red sclera is easy: the model must have found it.
  ASSERT_TRUE(outcome->validation.perLabel.at("conjunctivitis").auc);
  EXPECT_GT(*outcome->validation.perLabel.at("conjunctivitis").auc, 0.8);

  auto bundle = bundle::loadModelBundle(bundleDir);
  ASSERT_TRUE(bundle) << bundle.message();
  const bundle::ModelCard& card = bundle->card;
  EXPECT_EQ(card.id, "synthetic-test");
  EXPECT_EQ(card.input.size, 64);
  ASSERT_EQ(card.labels.size(), 2u);
  for (const auto& label : card.labels) {
    EXPECT_GT(label.threshold, 0.0);
    EXPECT_LT(label.threshold, 1.0);
  }
  EXPECT_GT(card.temperature, 0.0);
  ASSERT_TRUE(card.ood);
  EXPECT_EQ(card.ood->featureMean.size(), 1280u);
  EXPECT_GT(card.ood->threshold, 0.0);
  EXPECT_TRUE(card.metrics.contains(QStringLiteral("macro_auc")));
  EXPECT_TRUE(card.metrics.contains(QStringLiteral("history")));
  EXPECT_TRUE(card.provenance.contains(QStringLiteral("known_limits")));
  EXPECT_TRUE(card.provenance.contains(QStringLiteral("label_semantics")));
}

TEST(TrainerTest, AResumedRunEndsExactlyWhereAnUninterruptedOneDoes) {
  QTemporaryDir dir;
  const auto data = syntheticDataset(dir);
  training::TrainingConfig config = smallConfig();
  config.epochs = 2;
  config.unfreezeEpoch = -1;
  training::RunSettings settings;
  settings.threads = 1;

  training::Trainer straight(config, settings, data.subset("train"), data.subset("val"));
  ASSERT_TRUE(straight.run(dir.filePath(QStringLiteral("a")).toStdString(), false,
                           dir.filePath(QStringLiteral("a-bundle")).toStdString(), {}));

  // Killed (here: stopped) during epoch 2, then resumed.
  const std::string checkpoint = dir.filePath(QStringLiteral("b")).toStdString();
  const std::string bundleDir = dir.filePath(QStringLiteral("b-bundle")).toStdString();
  {
    training::Trainer interrupted(config, settings, data.subset("train"), data.subset("val"));
    interrupted.setProgressHandler([&](const training::TrainingProgress& p) {
      if (p.epoch == 2) interrupted.requestStop();
    });
    auto partial = interrupted.run(checkpoint, false, bundleDir, {});
    ASSERT_TRUE(partial) << partial.message();
    EXPECT_EQ(partial->history.size(), 1u);
    EXPECT_EQ(partial->stopReason, "stopped on request during epoch 2");
  }
  training::Trainer again(config, settings, data.subset("train"), data.subset("val"));
  auto refused = again.run(checkpoint, false, bundleDir, {});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.message().find("--resume"), std::string::npos);
  auto resumed = again.run(checkpoint, true, bundleDir, {});
  ASSERT_TRUE(resumed) << resumed.message();
  EXPECT_EQ(resumed->history.size(), 2u);

  auto expected =
      nn::readSafetensors(dir.filePath(QStringLiteral("a/epoch-0002.safetensors")).toStdString());
  auto actual = nn::readSafetensors(checkpoint + "/epoch-0002.safetensors");
  ASSERT_TRUE(expected && actual);
  for (const auto& [name, tensor] : expected->tensors)
    EXPECT_TRUE(torch::equal(tensor, actual->tensors.at(name))) << name;

  training::TrainingConfig changed = config;
  changed.optimizer.learningRate = 1e-2;
  training::Trainer other(changed, settings, data.subset("train"), data.subset("val"));
  auto mismatch = other.run(checkpoint, true, bundleDir, {});
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.message().find("other settings"), std::string::npos);
}
