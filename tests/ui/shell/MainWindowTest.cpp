#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPushButton>
#include <QQuickItem>
#include <QQuickWidget>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <functional>

#include "ImageStats.h"
#include "SharedData.h"
#include "WaitFor.h"
#include "ui/clinics/ClinicPanel.h"
#include "ui/clinics/ClinicSortFilterModel.h"
#include "ui/common/SafeText.h"
#include "ui/diagnosis/DiagnosisPage.h"
#include "ui/diagnosis/SpeciesToggle.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistoryPage.h"
#include "ui/history/SaveToPetDialog.h"
#include "ui/shell/MainWindow.h"

using walness::ui::MainWindow;

namespace {
QString screenshotPath(const QString& name) {
  return QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR)).filePath(name);
}

// Acts on the next modal dialog as soon as it is shown (its own event loop runs meanwhile); gives
// up after ten seconds so that a dialog that never came cannot be acted on by mistake later.
void onNextDialog(const std::function<void(QWidget*)>& act) {
  auto* timer = new QTimer(QCoreApplication::instance());
  timer->setInterval(20);
  auto* clock = new QElapsedTimer;
  clock->start();
  QObject::connect(timer, &QTimer::timeout, [timer, clock, act] {
    QWidget* dialog = QApplication::activeModalWidget();
    if (!dialog && clock->elapsed() < 10000) return;
    timer->stop();
    timer->deleteLater();
    delete clock;
    if (!dialog) return;
    act(dialog);
    // A dialog that did not take what it was given fails the test instead of hanging it.
    QTimer::singleShot(5000, dialog, [dialog] { dialog->close(); });
  });
  timer->start();
}

// Types `path` into a file dialog and accepts it. Typed rather than selectFile(): the dialog lists
// its folder in the background, and a selection made before that is lost.
void chooseFile(QFileDialog* files, const QString& path) {
  auto* name = files->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
  if (name) name->setText(path);
  static_cast<QDialog*>(files)->accept();  // QFileDialog::accept, through its public base
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
    // The History tab reads the pet and its check off the GUI thread.
    ASSERT_TRUE(walness::test::waitFor([&] { return !window.historyPage()->isLoading(); }));
    EXPECT_EQ(window.historyPage()->currentPet(), petId);
    EXPECT_EQ(window.historyPage()->timeline()->count(), 1);
  }
  walness::ui::HistoryDatabase::saveLocation(walness::history::StoreLocation::defaultLocal());
}

// File menu: Open, Open recent, Save result, Save to pet and Quit, with the usual keys, doing what
// the eye-check page's buttons do and enabled when they are.
TEST(MainWindowTest, FileMenuDoesWhatTheEyeCheckButtonsDo) {
  QTemporaryDir folder;
  walness::ui::HistoryDatabase::saveLocation(
      walness::history::StoreLocation::local(folder.filePath(QStringLiteral("history"))));
  QSettings().remove(QStringLiteral("diagnosis/recentPhotos"));
  const QStringList photos = walness::test::validationPhotos(2);
  ASSERT_EQ(photos.size(), 2);
  {
    MainWindow window;
    window.resize(1100, 720);
    window.show();
    window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    auto* page = window.diagnosisPage();

    auto* fileMenu = window.menuBar()->findChild<QMenu*>(QStringLiteral("fileMenu"));
    ASSERT_NE(fileMenu, nullptr);
    EXPECT_EQ(window.menuBar()->actions().value(0), fileMenu->menuAction()) << "File comes first";
    EXPECT_EQ(fileMenu->title(), QStringLiteral("&File"));
    auto* open = window.findChild<QAction*>(QStringLiteral("openAction"));
    auto* recent = window.findChild<QMenu*>(QStringLiteral("openRecentMenu"));
    auto* save = window.findChild<QAction*>(QStringLiteral("saveResultAction"));
    auto* saveToPet = window.findChild<QAction*>(QStringLiteral("saveToPetAction"));
    auto* quit = window.findChild<QAction*>(QStringLiteral("quitAction"));
    for (QObject* item : std::initializer_list<QObject*>{open, recent, save, saveToPet, quit})
      ASSERT_NE(item, nullptr);
    EXPECT_EQ(fileMenu->actions(),
              (QList<QAction*>{open, recent->menuAction(), fileMenu->actions().value(2), save,
                               saveToPet, fileMenu->actions().value(5), quit}));
    EXPECT_EQ(open->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_O));
    EXPECT_EQ(save->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_S));
    EXPECT_EQ(saveToPet->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    EXPECT_EQ(quit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
    EXPECT_EQ(open->text(), QStringLiteral("&Open photo..."));
    EXPECT_EQ(recent->title(), QStringLiteral("Open &recent"));
    EXPECT_EQ(save->text(), QStringLiteral("&Save result..."));
    EXPECT_EQ(saveToPet->text(), QStringLiteral("Save to &pet..."));
    EXPECT_EQ(quit->text(), QStringLiteral("&Quit"));

    const auto button = [&](const char* name) {
      return page->findChild<QAbstractButton*>(QLatin1String(name));
    };
    const std::vector<std::pair<QAction*, QAbstractButton*>> pairs = {
        {open, button("openPhotoButton")},
        {recent->menuAction(), button("recentPhotosButton")},
        {save, button("saveResultButton")},
        {saveToPet, button("saveToPetButton")}};
    const auto inStep = [&] {
      for (const auto& [action, pageButton] : pairs) {
        if (!pageButton || action->isEnabled() != pageButton->isEnabled()) return false;
        // The menu owns the key: the same key on the button too would make both do nothing.
        if (!pageButton->shortcut().isEmpty()) return false;
      }
      return true;
    };
    EXPECT_TRUE(inStep());
    EXPECT_TRUE(open->isEnabled());
    EXPECT_FALSE(recent->menuAction()->isEnabled()) << "no recent photos yet";
    EXPECT_FALSE(save->isEnabled());
    EXPECT_FALSE(saveToPet->isEnabled());

    // Ctrl+O from another tab: the eye-check page's open dialog; the chosen photo opens there.
    window.tabs()->setCurrentWidget(window.historyPage());
    QString openTitle;
    onNextDialog([&](QWidget* dialog) {
      openTitle = dialog->windowTitle();
      auto* files = qobject_cast<QFileDialog*>(dialog);
      if (!files) {
        dialog->close();
        return;
      }
      chooseFile(files, photos[0]);
    });
    window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier);
    EXPECT_EQ(openTitle, QStringLiteral("Open a photo of the eye"));
    EXPECT_EQ(page->photoPath(), photos[0]);
    EXPECT_EQ(window.tabs()->currentWidget(), page);
    EXPECT_TRUE(inStep());

    // Open recent lists the page's recent photos, newest first; choosing one opens it.
    ASSERT_TRUE(page->openPhoto(photos[1]));
    window.tabs()->setCurrentWidget(window.clinicPanel());
    Q_EMIT fileMenu->aboutToShow();
    ASSERT_EQ(recent->actions().size(), 2);
    EXPECT_TRUE(recent->menuAction()->isEnabled());
    EXPECT_EQ(recent->actions()[0]->text(),
              QStringLiteral("&1 ") + QFileInfo(photos[1]).fileName());
    // The tooltip shows the path literally (a file name may hold markup).
    EXPECT_EQ(recent->actions()[1]->toolTip(), walness::ui::plainToolTip(photos[0]));
    EXPECT_TRUE(recent->actions()[1]->toolTip().contains(photos[0].toHtmlEscaped()));
    recent->actions()[1]->trigger();
    EXPECT_EQ(page->photoPath(), photos[0]);
    EXPECT_EQ(window.tabs()->currentWidget(), page);

    // While analysing nothing is saved or opened; with a result both saves are there.
    page->analyze();
    EXPECT_TRUE(inStep());
    EXPECT_FALSE(open->isEnabled()) << "the page is busy";
    ASSERT_TRUE(walness::test::waitFor([&] { return page->hasResult(); }));
    EXPECT_TRUE(walness::test::waitFor([&] { return save->isEnabled(); }, 5000));
    EXPECT_TRUE(saveToPet->isEnabled());
    EXPECT_TRUE(inStep());

    // The File menu open, for a look.
    window.menuBar()->setActiveAction(fileMenu->menuAction());
    ASSERT_TRUE(walness::test::waitFor([&] { return fileMenu->isVisible(); }, 5000));
    QTest::qWait(100);
    QImage shot = window.grab().toImage();
    {
      QPainter painter(&shot);
      painter.drawPixmap(window.mapFromGlobal(fileMenu->pos()), fileMenu->grab());
    }
    EXPECT_TRUE(shot.save(screenshotPath(QStringLiteral("main-window-file-menu.png"))));
    fileMenu->close();
    ASSERT_TRUE(walness::test::waitFor([&] { return !fileMenu->isVisible(); }, 5000));
    window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));

    // Ctrl+S: the page's save dialog; the PNG and its JSON are written.
    const QString png = folder.filePath(QStringLiteral("result.png"));
    onNextDialog([&](QWidget* dialog) {
      auto* files = qobject_cast<QFileDialog*>(dialog);
      if (!files) {
        dialog->close();
        return;
      }
      chooseFile(files, png);
    });
    window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
    EXPECT_TRUE(QFileInfo::exists(png));
    EXPECT_TRUE(QFileInfo::exists(folder.filePath(QStringLiteral("result.json"))));

    // Ctrl+Shift+S: the page's Save to pet dialog.
    bool petDialog = false;
    onNextDialog([&](QWidget* dialog) {
      petDialog = qobject_cast<walness::ui::SaveToPetDialog*>(dialog) != nullptr;
      dialog->close();
    });
    window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_TRUE(petDialog);

    // Ctrl+Q closes the window (the application quits with its last window).
    window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
    EXPECT_FALSE(window.isVisible());
  }
  QSettings().remove(QStringLiteral("diagnosis/recentPhotos"));
  walness::ui::HistoryDatabase::saveLocation(walness::history::StoreLocation::defaultLocal());
}
