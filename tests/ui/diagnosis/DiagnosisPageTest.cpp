#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QThread>
#include <QTranslator>
#include <QtTest/QTest>

#include "SharedData.h"
#include "WaitFor.h"
#include "ui/common/ProbabilityBars.h"
#include "ui/diagnosis/DiagnosisController.h"
#include "ui/diagnosis/DiagnosisPage.h"
#include "ui/diagnosis/PhotoView.h"
#include "ui/diagnosis/SpeciesToggle.h"
#include "ui/shell/Translations.h"

using namespace walness;
using walness::test::waitFor;
using walness::ui::DiagnosisPage;

namespace {

void saveScreenshot(QWidget& widget, const QString& name) {
  const QImage shot = widget.grab().toImage();
  EXPECT_TRUE(shot.save(QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR)).filePath(name)));
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
  auto* view = page.findChild<ui::PhotoView*>(QStringLiteral("photoView"));
  ASSERT_NE(view, nullptr);
  EXPECT_EQ(view->image().size(), QSize(640, 480));
  // The suggested eye square: the largest centred one.
  EXPECT_EQ(view->region(), QRect(80, 0, 480, 480));
  EXPECT_EQ(page.recentPhotos().value(0), QFileInfo(path).absoluteFilePath());
  saveScreenshot(page, QStringLiteral("diagnosis-photo-loaded.png"));
}

TEST(DiagnosisPageTest, TheEyeSquareIsDraggedResizedAndKeptInsideThePhoto) {
  ui::PhotoView view;
  QImage image(800, 600, QImage::Format_RGB32);
  image.fill(Qt::darkGray);
  view.resize(400, 300);  // scale 0.5: one widget pixel is two photo pixels
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  view.setImage(image);
  ASSERT_EQ(view.region(), QRect(100, 0, 600, 600));

  view.setRegion(QRect(100, 100, 200, 200));
  // Drag from inside the square 50 widget pixels right: 100 photo pixels.
  QTest::mousePress(&view, Qt::LeftButton, {}, QPoint(100, 100));
  QTest::mouseMove(&view, QPoint(150, 100));
  QTest::mouseRelease(&view, Qt::LeftButton, {}, QPoint(150, 100));
  EXPECT_EQ(view.region(), QRect(200, 100, 200, 200));

  // Drag the bottom-right corner (widget 200,150) out by 25 pixels: 50 photo pixels larger.
  QTest::mousePress(&view, Qt::LeftButton, {}, QPoint(200, 150));
  QTest::mouseMove(&view, QPoint(225, 160));
  QTest::mouseRelease(&view, Qt::LeftButton, {}, QPoint(225, 160));
  EXPECT_EQ(view.region(), QRect(200, 100, 250, 250));

  // Never outside the photo, never bigger than it, always square.
  view.setRegion(QRect(700, 500, 300, 300));
  EXPECT_EQ(view.region(), QRect(500, 300, 300, 300));
  view.setRegion(QRect(0, 0, 5000, 10));
  EXPECT_EQ(view.region(), QRect(0, 0, 600, 600));
  QTest::keyClick(&view, Qt::Key_Right);
  EXPECT_EQ(view.region().x(), 30);

  // Zoom keeps the point under the cursor; fit again on double-click.
  view.setZoom(4.0, QPointF(100, 100));
  EXPECT_DOUBLE_EQ(view.zoom(), 4.0);
  QTest::mouseDClick(&view, Qt::LeftButton, {}, QPoint(10, 10));
  EXPECT_DOUBLE_EQ(view.zoom(), 1.0);
}

TEST(DiagnosisPageTest, PastedAndDroppedImagesOpenLikeFiles) {
  DiagnosisPage page;
  QImage image(300, 200, QImage::Format_ARGB32);
  image.fill(QColor(200, 120, 90));
  ASSERT_TRUE(page.openImage(image, QStringLiteral("Pasted image")));
  EXPECT_EQ(page.photoView()->image().size(), QSize(300, 200));
  EXPECT_TRUE(page.photoPath().isEmpty());
  EXPECT_FALSE(page.openImage(QImage(), QStringLiteral("Pasted image")));
  EXPECT_EQ(page.findChild<QLabel*>(QStringLiteral("resultTitle"))->text(),
            QStringLiteral("Could not open the photo"));

  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("dropped.png"));
  ASSERT_TRUE(image.save(path));
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(path)});
  EXPECT_TRUE(page.openDropped(&mime));
  EXPECT_EQ(page.photoPath(), path);
  QMimeData text;
  text.setText(QStringLiteral("not a photo"));
  EXPECT_FALSE(page.openDropped(&text));
  EXPECT_EQ(page.photoPath(), path);
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
  EXPECT_TRUE(page.findChild<QPushButton*>(QStringLiteral("openPhotoButton"))->isEnabled());
  EXPECT_TRUE(page.findChild<QLabel*>(QStringLiteral("resultBody"))
                  ->text()
                  .contains(QStringLiteral("not-a-photo.jpg")));
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
  saveScreenshot(page, QStringLiteral("diagnosis-bad-file.png"));
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
  auto* bars = page.findChild<ui::ProbabilityBars*>(QStringLiteral("resultBars"));
  auto* title = page.findChild<QLabel*>(QStringLiteral("resultTitle"));
  auto* coverage = page.findChild<QLabel*>(QStringLiteral("coverageNote"));
  EXPECT_TRUE(coverage->text().contains(QStringLiteral("cannot confirm that an eye is healthy")));
  if (!diagnosis.abstention) {
    EXPECT_EQ(bars->rows().size(), diagnosis.findings.size());
    EXPECT_GE(page.findChild<QComboBox*>(QStringLiteral("heatmapDisease"))->count(), 1);
    if (diagnosis.top()->positive)
      EXPECT_TRUE(title->text().startsWith(QStringLiteral("Signs consistent with")));
  }
  // The model saw the eye square; the heatmap beside it changes with the opacity.
  EXPECT_EQ(page.result()->region.x, page.photoView()->region().x());
  EXPECT_EQ(page.result()->region.width, page.photoView()->region().width());
  auto* overlay = page.findChild<QLabel*>(QStringLiteral("overlayView"));
  auto* seen = page.findChild<QLabel*>(QStringLiteral("modelView"));
  ASSERT_NE(overlay, nullptr);
  EXPECT_FALSE(seen->pixmap().isNull());
  if (!diagnosis.abstention) {
    const QImage withHeatmap = overlay->pixmap().toImage();
    EXPECT_FALSE(withHeatmap.isNull());
    page.findChild<QSlider*>(QStringLiteral("heatmapOpacity"))->setValue(0);
    EXPECT_NE(overlay->pixmap().toImage(), withHeatmap);
    page.findChild<QSlider*>(QStringLiteral("heatmapOpacity"))->setValue(45);
  }

  // Saving writes the picture and the findings, one per disease the model checks.
  QTemporaryDir saveDir;
  QString error;
  const QString png = saveDir.filePath(QStringLiteral("result.png"));
  ASSERT_TRUE(page.saveResult(png, &error)) << error.toStdString();
  EXPECT_FALSE(QImage(png).isNull());
  QFile jsonFile(saveDir.filePath(QStringLiteral("result.json")));
  ASSERT_TRUE(jsonFile.open(QIODevice::ReadOnly));
  const QJsonObject saved = QJsonDocument::fromJson(jsonFile.readAll()).object();
  EXPECT_EQ(saved[QStringLiteral("findings")].toArray().size(),
            qsizetype(diagnosis.findings.size()));
  EXPECT_EQ(saved[QStringLiteral("eye_region")].toObject()[QStringLiteral("width")].toInt(),
            page.result()->region.width);
  EXPECT_TRUE(saved[QStringLiteral("notice")].toString().contains(QStringLiteral("screening aid")));
  EXPECT_FALSE(page.saveResult(QStringLiteral("/nonexistent-folder/x.png"), &error));
  EXPECT_FALSE(error.isEmpty());
  // A one-page report for the vet, without saving to a pet first.
  const QString pdf = saveDir.filePath(QStringLiteral("report.pdf"));
  ASSERT_TRUE(page.saveReport(pdf, &error)) << error.toStdString();
  QFile pdfFile(pdf);
  ASSERT_TRUE(pdfFile.open(QIODevice::ReadOnly));
  EXPECT_TRUE(pdfFile.read(5).startsWith("%PDF-"));
  ASSERT_TRUE(page.saveReport(saveDir.filePath(QStringLiteral("report.html")), &error));
  EXPECT_FALSE(page.saveReport(QStringLiteral("/nonexistent-folder/x.pdf"), &error));

  // Moving the square makes the result stale: it is cleared, not shown for the wrong region.
  page.photoView()->setRegion(page.photoView()->region().adjusted(0, 0, -20, -20));
  EXPECT_FALSE(page.hasResult());
  EXPECT_EQ(page.findChild<QLabel*>(QStringLiteral("resultTitle"))->text(),
            QStringLiteral("Eye square changed"));
  QTest::mouseClick(analyze, Qt::LeftButton);
  ASSERT_TRUE(waitFor([&] { return page.hasResult(); }));

  auto* findVet = page.findChild<QPushButton*>(QStringLiteral("findVetButton"));
  if (!diagnosis.abstention && diagnosis.anyPositive()) {
    EXPECT_TRUE(findVet->isVisible());
    QSignalSpy requested(&page, &DiagnosisPage::findVetRequested);
    QTest::mouseClick(findVet, Qt::LeftButton);
    EXPECT_EQ(requested.count(), 1);
  }

  saveScreenshot(page, QStringLiteral("diagnosis-result.png"));

  // The same result in Korean: every visible text follows the language.
  const QList<QTranslator*> korean =
      ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::Korean));
  QTest::qWait(100);  // the retranslated texts are laid out before anything is looked at
  EXPECT_EQ(analyze->text(), QStringLiteral("분석"));
  if (!diagnosis.abstention && diagnosis.top()->positive)
    EXPECT_TRUE(title->text().contains(QStringLiteral("%"))) << title->text().toStdString();
  saveScreenshot(page, QStringLiteral("diagnosis-result-ko.png"));
  // No line of the Korean result is cut: every label is as tall as its text needs at its width,
  // and the panel scrolls to its last line.
  auto* area = page.findChild<QWidget*>(QStringLiteral("resultArea"));
  ASSERT_NE(area, nullptr);
  for (QLabel* label : area->findChildren<QLabel*>()) {
    if (!label->isVisibleTo(area) || !label->wordWrap() || label->text().isEmpty()) continue;
    EXPECT_GE(label->height(), label->heightForWidth(label->width()))
        << label->objectName().toStdString() << ": " << label->text().toStdString();
  }
  auto* scroll = qobject_cast<QScrollArea*>(area->parentWidget()->parentWidget());
  ASSERT_NE(scroll, nullptr);
  scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
  QCoreApplication::processEvents();
  saveScreenshot(page, QStringLiteral("diagnosis-result-ko-end.png"));
  ui::removeTranslations(korean);
  QCoreApplication::processEvents();
}

TEST(DiagnosisPageTest, ADarkPhotoIsNotJudgedAndTheReasonIsShown) {
  if (!ui::DiagnosisController::installedModel(Species::Dog))
    GTEST_SKIP() << "no dog model bundle installed in models/";
  DiagnosisPage page;
  page.speciesToggle()->setSpecies(Species::Dog);
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
  saveScreenshot(page, QStringLiteral("diagnosis-start.png"));

  // Almost black: far too dark to judge, so no findings are given at all.
  QImage dark(400, 400, QImage::Format_RGB32);
  dark.fill(QColor(4, 4, 6));
  QPainter(&dark).fillRect(150, 150, 100, 100, QColor(12, 10, 10));
  ASSERT_TRUE(page.openImage(dark, QStringLiteral("night.png")));
  page.analyze();
  saveScreenshot(page, QStringLiteral("diagnosis-busy.png"));
  ASSERT_TRUE(waitFor([&] { return page.hasResult(); }));
  ASSERT_TRUE(page.result()->diagnosis.abstention.has_value());
  EXPECT_TRUE(page.result()->diagnosis.findings.empty());
  EXPECT_EQ(page.findChild<QLabel*>(QStringLiteral("resultTitle"))->text(),
            QStringLiteral("This photo cannot be judged"));
  EXPECT_TRUE(page.findChild<ui::ProbabilityBars*>(QStringLiteral("resultBars"))->rows().empty());
  EXPECT_FALSE(page.findChild<QPushButton*>(QStringLiteral("findVetButton"))->isVisible());
  saveScreenshot(page, QStringLiteral("diagnosis-abstained.png"));
}

TEST(DiagnosisPageTest, FollowsADarkPalette) {
  const QPalette original = QApplication::palette();
  QPalette dark;
  dark.setColor(QPalette::Window, QColor(40, 40, 42));
  dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
  dark.setColor(QPalette::Base, QColor(28, 28, 30));
  dark.setColor(QPalette::Text, QColor(230, 230, 230));
  dark.setColor(QPalette::Button, QColor(55, 55, 58));
  dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
  dark.setColor(QPalette::PlaceholderText, QColor(160, 160, 160));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    dark.setColor(QPalette::Disabled, role, QColor(110, 110, 110));
  QApplication::setPalette(dark);
  {
    DiagnosisPage page;
    page.resize(1100, 720);
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
    const QImage shot = page.grab().toImage();
    // The page background follows the palette: mostly dark pixels.
    EXPECT_LT(qGray(shot.pixel(shot.width() / 4, shot.height() / 2)), 80);
    EXPECT_GT(qGray(page.findChild<QLabel*>(QStringLiteral("resultTitle"))
                        ->palette()
                        .color(QPalette::WindowText)
                        .rgb()),
              180);
    saveScreenshot(page, QStringLiteral("diagnosis-dark.png"));
  }
  QApplication::setPalette(original);
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
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
  saveScreenshot(page, QStringLiteral("diagnosis-cat-empty.png"));
}
