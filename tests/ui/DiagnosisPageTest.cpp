#include <gtest/gtest.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest/QTest>

#include "DiagnosisController.h"
#include "DiagnosisPage.h"
#include "ProbabilityBars.h"
#include "SharedData.h"
#include "SpeciesToggle.h"

using namespace walness;
using walness::ui::DiagnosisPage;

namespace {

bool waitFor(const std::function<bool()>& condition, int milliseconds = 60000) {
  QElapsedTimer timer;
  timer.start();
  while (!condition() && timer.elapsed() < milliseconds) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QThread::msleep(5);
  }
  return condition();
}

// A validation photo with a cataract (labels.csv: image,split,framing,conjunctivitis,cataract).
const QString kCataractPhoto = QStringLiteral("data/dog-eye/images/c4992bf1ebcb1b14.jpg");

QString sharedPhoto(const QString& relative) {
  return QString::fromStdString(test::sharedPath(relative));
}

}  // namespace

TEST(DiagnosisPageTest, OpensAPhotoAndShowsIt) {
  QTemporaryDir dir;
  QImage image(640, 480, QImage::Format_RGB32);
  image.fill(Qt::darkGreen);
  QPainter(&image).fillRect(200, 150, 240, 180, Qt::white);
  const QString path = dir.filePath(QStringLiteral("eye.png"));
  ASSERT_TRUE(image.save(path));

  DiagnosisPage page;
  page.resize(900, 600);
  page.show();
  ASSERT_TRUE(page.openPhoto(path));
  EXPECT_EQ(page.photoPath(), path);
  auto* view = page.findChild<QLabel*>(QStringLiteral("photoView"));
  ASSERT_NE(view, nullptr);
  EXPECT_FALSE(view->pixmap().isNull());
}

TEST(DiagnosisPageTest, ATextFileNamedJpgIsRefusedWithAMessage) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("not-a-photo.jpg"));
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("this is not an image\n");
  file.close();

  DiagnosisPage page;
  EXPECT_FALSE(page.openPhoto(path));
  EXPECT_TRUE(page.photoPath().isEmpty());
  auto* title = page.findChild<QLabel*>(QStringLiteral("resultTitle"));
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->text(), QStringLiteral("Could not open the photo"));
  EXPECT_FALSE(page.findChild<QPushButton*>(QStringLiteral("analyzeButton"))->isEnabled());
}

TEST(DiagnosisPageTest, AnalysesARealPhotoOffTheGuiThreadAndShowsFindingsAndHeatmap) {
  if (!ui::DiagnosisController::installedModel(Species::Dog))
    GTEST_SKIP() << "no dog model bundle installed in models/";
  DiagnosisPage page;
  page.speciesToggle()->setSpecies(Species::Dog);
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(page.openPhoto(sharedPhoto(kCataractPhoto)));
  auto* analyze = page.findChild<QPushButton*>(QStringLiteral("analyzeButton"));
  ASSERT_TRUE(analyze->isEnabled());
  QTest::mouseClick(analyze, Qt::LeftButton);
  // While it runs: the button is disabled and a second request is refused, not queued.
  EXPECT_TRUE(page.controller()->isBusy());
  EXPECT_FALSE(analyze->isEnabled());
  EXPECT_FALSE(page.controller()->analyze(cv::Mat(8, 8, CV_8UC3), Species::Dog, "gradcam"));
  ASSERT_TRUE(waitFor([&] { return page.hasResult(); }));
  EXPECT_TRUE(analyze->isEnabled());

  const auto& diagnosis = page.result()->diagnosis;
  auto* bars = page.findChild<ui::ProbabilityBars*>();
  auto* title = page.findChild<QLabel*>(QStringLiteral("resultTitle"));
  auto* coverage = page.findChild<QLabel*>(QStringLiteral("coverageNote"));
  EXPECT_TRUE(coverage->text().contains(QStringLiteral("cannot confirm that an eye is healthy")));
  if (!diagnosis.abstention) {
    EXPECT_EQ(bars->rows().size(), diagnosis.findings.size());
    EXPECT_GE(page.findChild<QComboBox*>(QStringLiteral("heatmapDisease"))->count(), 1);
    if (diagnosis.top()->positive)
      EXPECT_TRUE(title->text().startsWith(QStringLiteral("Signs consistent with")));
  }
  // The heatmap changes what the photo view shows; opacity 0 shows the photo itself.
  auto* view = page.findChild<QLabel*>(QStringLiteral("photoView"));
  const QImage withHeatmap = view->pixmap().toImage();
  page.findChild<QSlider*>(QStringLiteral("heatmapOpacity"))->setValue(0);
  EXPECT_NE(view->pixmap().toImage(), withHeatmap);
  page.findChild<QSlider*>(QStringLiteral("heatmapOpacity"))->setValue(45);

  auto* findVet = page.findChild<QPushButton*>(QStringLiteral("findVetButton"));
  if (!diagnosis.abstention && diagnosis.anyPositive()) {
    EXPECT_TRUE(findVet->isVisible());
    QSignalSpy requested(&page, &DiagnosisPage::findVetRequested);
    QTest::mouseClick(findVet, Qt::LeftButton);
    EXPECT_EQ(requested.count(), 1);
  }

  const QImage shot = page.grab().toImage();
  EXPECT_TRUE(shot.save(QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR))
                            .filePath(QStringLiteral("diagnosis-result.png"))));
}

TEST(DiagnosisPageTest, CancelDropsTheRunningAnalysis) {
  if (!ui::DiagnosisController::installedModel(Species::Dog))
    GTEST_SKIP() << "no dog model bundle installed in models/";
  DiagnosisPage page;
  page.speciesToggle()->setSpecies(Species::Dog);
  ASSERT_TRUE(page.openPhoto(sharedPhoto(kCataractPhoto)));
  QSignalSpy cancelled(page.controller(), &ui::DiagnosisController::cancelled);
  QSignalSpy finished(page.controller(), &ui::DiagnosisController::finished);
  page.analyze();
  QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("cancelButton")), Qt::LeftButton);
  EXPECT_EQ(cancelled.count(), 1);
  QTest::qWait(3000);  // let the worker finish: its result must be dropped
  EXPECT_EQ(finished.count(), 0);
  EXPECT_FALSE(page.hasResult());
  EXPECT_FALSE(page.controller()->isBusy());
}

TEST(DiagnosisPageTest, CatsGetAClearEmptyStateWithoutACatModel) {
  if (ui::DiagnosisController::installedModel(Species::Cat))
    GTEST_SKIP() << "a cat model is installed";
  DiagnosisPage page;
  page.speciesToggle()->setSpecies(Species::Cat);
  ASSERT_TRUE(page.openPhoto(sharedPhoto(kCataractPhoto)));
  EXPECT_FALSE(page.findChild<QPushButton*>(QStringLiteral("analyzeButton"))->isEnabled());
  EXPECT_EQ(page.findChild<QLabel*>(QStringLiteral("resultTitle"))->text(),
            QStringLiteral("No cat eye model yet"));
}
