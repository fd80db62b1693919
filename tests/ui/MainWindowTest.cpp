#include <gtest/gtest.h>

#include <QDir>
#include <QListWidget>
#include <QPushButton>
#include <QQuickItem>
#include <QQuickWidget>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "ClinicPanel.h"
#include "ClinicSortFilterModel.h"
#include "DiagnosisPage.h"
#include "HistoryDatabase.h"
#include "HistoryPage.h"
#include "ImageStats.h"
#include "MainWindow.h"
#include "SharedData.h"
#include "SpeciesToggle.h"
#include "WaitFor.h"

using walness::ui::MainWindow;

namespace {
QString screenshotPath(const QString& name) {
  return QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR)).filePath(name);
}
}  // namespace

TEST(MainWindowTest, ShowsSpeciesToggleOpenPhotoAndClinicsTab) {
  MainWindow window;
  window.resize(1100, 720);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

  auto* dog = window.findChild<QToolButton*>(QStringLiteral("dogButton"));
  auto* cat = window.findChild<QToolButton*>(QStringLiteral("catButton"));
  auto* open = window.findChild<QPushButton*>(QStringLiteral("openPhotoButton"));
  ASSERT_NE(dog, nullptr);
  ASSERT_NE(cat, nullptr);
  ASSERT_NE(open, nullptr);
  EXPECT_TRUE(dog->isVisible());
  EXPECT_TRUE(cat->isVisible());
  EXPECT_TRUE(open->isVisible());
  EXPECT_EQ(dog->text(), QStringLiteral("Dog"));
  EXPECT_EQ(cat->text(), QStringLiteral("Cat"));
  EXPECT_EQ(open->text(), QStringLiteral("Open photo..."));

  ASSERT_EQ(window.tabs()->count(), 3);
  EXPECT_EQ(window.tabs()->tabText(1), QStringLiteral("History"));
  EXPECT_EQ(window.tabs()->tabText(2), QStringLiteral("Clinics"));

  const QImage shot = window.grab().toImage();
  ASSERT_FALSE(shot.isNull());
  EXPECT_TRUE(shot.save(screenshotPath(QStringLiteral("main-window.png"))));
  const auto stats = walness::test::imageStats(shot);
  EXPECT_GT(stats.distinctColors, 16) << "the window rendered as a blank image";
  EXPECT_LT(stats.dominantShare, 0.97) << "the window is almost one colour";
}

TEST(MainWindowTest, ClinicsTabHostsTheLoadedMap) {
  MainWindow window;
  window.resize(1100, 720);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  EXPECT_EQ(window.clinicPanel()->mapWidget(), nullptr) << "the map loads only when needed";
  window.tabs()->setCurrentWidget(window.clinicPanel());

  QQuickWidget* mapWidget = window.clinicPanel()->mapWidget();
  ASSERT_NE(mapWidget, nullptr) << "opening the Clinics tab creates the map";
  ASSERT_EQ(mapWidget->status(), QQuickWidget::Ready);
  QQuickItem* root = window.clinicPanel()->mapRoot();
  ASSERT_NE(root, nullptr);
  auto* map = root->property("map").value<QObject*>();
  ASSERT_NE(map, nullptr);
  EXPECT_TRUE(map->inherits("QDeclarativeGeoMap"));
  // Map types come from the attached osm plugin: none means no mapping engine was created.
  EXPECT_GT(map->property("supportedMapTypes").toList().size(), 0);

  QTest::qWait(200);
  const QImage shot = window.grab().toImage();
  EXPECT_TRUE(shot.save(screenshotPath(QStringLiteral("main-window-clinics.png"))));
  EXPECT_GT(walness::test::imageStats(shot).distinctColors, 4);
}

TEST(MainWindowTest, RemembersTheSpecies) {
  {
    MainWindow window;
    window.diagnosisPage()->speciesToggle()->setSpecies(walness::Species::Cat);
  }
  EXPECT_EQ(QSettings().value(QStringLiteral("diagnosis/species")).toString(),
            QStringLiteral("cat"));
  MainWindow reopened;
  EXPECT_EQ(reopened.diagnosisPage()->speciesToggle()->species(), walness::Species::Cat);
  reopened.diagnosisPage()->speciesToggle()->setSpecies(walness::Species::Dog);
  EXPECT_EQ(QSettings().value(QStringLiteral("diagnosis/species")).toString(),
            QStringLiteral("dog"));
}

TEST(MainWindowTest, FindAVetOpensTheClinicsWithUrgentOnesFirstForUrgentFindings) {
  MainWindow window;
  window.resize(1100, 720);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  Q_EMIT window.diagnosisPage()->findVetRequested(true);
  EXPECT_EQ(window.tabs()->currentWidget(), window.clinicPanel());
  EXPECT_TRUE(window.clinicPanel()->sortedClinics()->urgentFirst());

  window.tabs()->setCurrentIndex(0);
  Q_EMIT window.diagnosisPage()->findVetRequested(false);
  EXPECT_EQ(window.tabs()->currentWidget(), window.clinicPanel());
  EXPECT_FALSE(window.clinicPanel()->sortedClinics()->urgentFirst());
}

// A result saved to a pet from the eye-check page shows up on the History tab.
TEST(MainWindowTest, AResultSavedToAPetAppearsInItsHistory) {
  QTemporaryDir folder;
  walness::ui::HistoryDatabase::saveLocation(
      walness::history::StoreLocation::local(folder.filePath(QStringLiteral("history"))));
  {
    MainWindow window;
    window.resize(1100, 720);
    window.show();
    auto* page = window.diagnosisPage();
    ASSERT_TRUE(page->openPhoto(walness::test::validationPhotos(1).first()));
    page->analyze();
    ASSERT_TRUE(walness::test::waitFor([&] { return page->hasResult(); }));
    auto* saveToPet = window.findChild<QPushButton*>(QStringLiteral("saveToPetButton"));
    ASSERT_NE(saveToPet, nullptr);
    EXPECT_TRUE(saveToPet->isVisible());
    EXPECT_TRUE(saveToPet->isEnabled());
    EXPECT_TRUE(
        window.grab().toImage().save(screenshotPath(QStringLiteral("main-window-result.png"))));

    walness::history::Pet pet;
    pet.name = "Coco";
    const auto petId = window.history()->store()->addPet(pet).value();
    QString error;
    ASSERT_GT(page->saveToPet(petId, QString(), &error), 0) << error.toStdString();
    EXPECT_EQ(window.historyPage()->currentPet(), petId);
    EXPECT_EQ(window.historyPage()->timeline()->count(), 1);
  }
  walness::ui::HistoryDatabase::saveLocation(walness::history::StoreLocation::defaultLocal());
}
