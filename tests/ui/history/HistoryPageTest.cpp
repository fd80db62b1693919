#include <gtest/gtest.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUndoStack>

#include "HistoryPageFixture.h"
#include "PetsTableLock.h"
#include "PostgresServer.h"
#include "SharedData.h"
#include "WaitFor.h"
#include "ui/diagnosis/BatchDialog.h"
#include "ui/diagnosis/DiagnosisPage.h"
#include "ui/diagnosis/SpeciesToggle.h"
#include "ui/history/CompareDialog.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistoryPage.h"
#include "ui/history/HistorySettings.h"
#include "ui/history/ProbabilityChart.h"
#include "ui/history/SaveToPetDialog.h"
#include "ui/shell/Translations.h"
#include "walness/bundle/ModelLocator.h"
#include "walness/cam/HeatmapImage.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/inference/ScreeningSession.h"

using namespace walness;
using walness::test::waitFor;
using walness::ui::HistoryDatabase;
using walness::ui::HistoryPage;

namespace {

// A shared server slow to answer: the page greys out with "Loading..." while the window goes on
// handling events, keeps what it showed until the answer comes, then shows it.
TEST(HistoryPageBusyTest, ASlowServerShowsLoadingWhileTheWindowStaysResponsive) {
  auto& server = test::PostgresServer::shared();
  ASSERT_TRUE(server.running()) << server.error().toStdString();
  const history::StoreLocation location = server.createDatabase();
  HistoryDatabase history;
  ASSERT_TRUE(history.open(location)) << history.error().toStdString();
  history::Pet pet;
  pet.name = "Nabi";
  ASSERT_TRUE(history.store()->addPet(pet));
  HistoryPage page(history);
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(loaded(page));
  ASSERT_EQ(page.petList()->count(), 1);
  auto* busy = page.findChild<QWidget*>(QStringLiteral("historyBusy"));
  ASSERT_NE(busy, nullptr);
  EXPECT_FALSE(busy->isVisible());
  pet.name = "Bori";
  ASSERT_TRUE(history.store()->addPet(pet));

  test::PetsTableLock lock(location);
  ASSERT_TRUE(lock.held());
  history.notifyChanged();  // returns at once: the page reads on its own thread
  EXPECT_TRUE(page.isLoading());
  int ticks = 0;
  QTimer timer;
  QObject::connect(&timer, &QTimer::timeout, [&] { ++ticks; });
  timer.start(20);
  ASSERT_TRUE(waitFor([&] { return busy->isVisible(); }, 5000));
  QTest::qWait(600);
  EXPECT_GE(ticks, 20) << "the GUI thread did not handle its events";
  EXPECT_TRUE(page.isLoading());
  EXPECT_TRUE(busy->isVisible());
  EXPECT_FALSE(page.petList()->isEnabled());
  EXPECT_FALSE(page.timeline()->isEnabled());
  EXPECT_FALSE(page.findChild<QPushButton*>(QStringLiteral("deletePetButton"))->isEnabled());
  EXPECT_EQ(page.petList()->count(), 1);  // what was read before, until the answer comes
  ASSERT_TRUE(page.grab().toImage().save(screenshot(QStringLiteral("history-loading.png"))));

  lock.release();
  ASSERT_TRUE(loaded(page));
  EXPECT_FALSE(busy->isVisible());
  EXPECT_TRUE(page.petList()->isEnabled());
  EXPECT_TRUE(page.timeline()->isEnabled());
  EXPECT_EQ(page.petList()->count(), 2);
}

// A write to a shared server slow to answer: the page greys out while the window goes on handling
// events; a reading asked for meanwhile does not drop it, and it lands once the server answers.
TEST(HistoryPageBusyTest, AWriteToASlowServerShowsBusyAndLandsWhenItAnswers) {
  auto& server = test::PostgresServer::shared();
  ASSERT_TRUE(server.running()) << server.error().toStdString();
  const history::StoreLocation location = server.createDatabase();
  HistoryDatabase history;
  ASSERT_TRUE(history.open(location)) << history.error().toStdString();
  history::Pet pet;
  pet.name = "Nabi";
  ASSERT_TRUE(history.store()->addPet(pet));
  HistoryPage page(history);
  page.show();
  ASSERT_TRUE(loaded(page));
  ASSERT_EQ(page.petList()->count(), 1);
  auto* busy = page.findChild<QWidget*>(QStringLiteral("historyBusy"));
  ASSERT_NE(busy, nullptr);

  test::PetsTableLock lock(location);
  ASSERT_TRUE(lock.held());
  page.deleteCurrentPet();  // returns at once: the write waits on the page's own thread
  history.notifyChanged();  // a reading supersedes readings, never the write before it
  EXPECT_TRUE(page.isLoading());
  int ticks = 0;
  QTimer timer;
  QObject::connect(&timer, &QTimer::timeout, [&] { ++ticks; });
  timer.start(20);
  ASSERT_TRUE(waitFor([&] { return busy->isVisible(); }, 5000));
  QTest::qWait(600);
  EXPECT_GE(ticks, 20) << "the GUI thread did not handle its events";
  EXPECT_TRUE(page.isLoading());
  EXPECT_TRUE(busy->isVisible());
  EXPECT_FALSE(page.findChild<QPushButton*>(QStringLiteral("deletePetButton"))->isEnabled());
  EXPECT_EQ(page.petList()->count(), 1);  // not deleted yet

  lock.release();
  ASSERT_TRUE(loaded(page));
  EXPECT_FALSE(busy->isVisible());
  EXPECT_EQ(page.petList()->count(), 0);
  EXPECT_EQ(history.store()->pets()->size(), 0u);
  EXPECT_TRUE(page.findChild<QPushButton*>(QStringLiteral("undoButton"))->isVisibleTo(&page));
}

// A newer request supersedes an older one: the pet chosen last is the one shown, whatever order
// the readings would have come back in.
TEST_F(HistoryPageTest, TheNewestSelectionWinsOverReadingsStillOnTheirWay) {
  history::Pet other;
  other.name = "Bori";
  const int64_t bori = history_.store()->addPet(other).value();
  HistoryPage page(history_);
  ASSERT_TRUE(loaded(page));
  ASSERT_EQ(page.petList()->count(), 2);
  page.selectPet(bori);
  page.selectPet(petId_);
  page.selectPet(bori);
  history_.notifyChanged();
  page.selectPet(petId_);
  ASSERT_TRUE(loaded(page));
  EXPECT_EQ(page.currentPet(), petId_);
  EXPECT_EQ(page.timeline()->count(), 3);
  EXPECT_TRUE(page.findChild<QLabel*>(QStringLiteral("petTitle"))->text().contains("Coco"));
}

TEST_F(HistoryPageTest, TheTimelineAndThePlotShowAPetWithThreeDiagnoses) {
  HistoryPage page(history_);
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(loaded(page));
  ASSERT_EQ(page.petList()->count(), 1);
  EXPECT_EQ(page.currentPet(), petId_);
  ASSERT_EQ(page.timeline()->count(), 3);
  EXPECT_TRUE(page.timeline()->item(0)->text().startsWith(QStringLiteral("2026-08-15")));
  EXPECT_TRUE(page.timeline()->item(2)->text().startsWith(QStringLiteral("2026-10-15")));
  ASSERT_TRUE(waitFor([&] { return page.thumbnailsLoaded(); }));
  QCoreApplication::processEvents();
  // Thumbnails replaced the grey placeholders: they have colour in them.
  const QImage thumbnail = page.timeline()->item(0)->icon().pixmap(96, 96).toImage();
  EXPECT_NE(thumbnail.pixelColor(48, 48), QColor(0xee, 0xee, 0xee));
  EXPECT_EQ(page.chart()->seriesCount(), 5);  // one line per disease the model checks
  EXPECT_EQ(page.chart()->pointCount(), 15);  // 3 diagnoses x 5 diseases
  ASSERT_TRUE(page.grab().toImage().save(screenshot(QStringLiteral("history-page.png"))));
}

TEST_F(HistoryPageTest, TwoDiagnosesCompareSideBySide) {
  HistoryPage page(history_);
  page.show();
  ASSERT_TRUE(loaded(page));
  page.timeline()->item(0)->setSelected(true);
  page.timeline()->item(2)->setSelected(true);
  auto* dialog = compareSelected(page);
  ASSERT_NE(dialog, nullptr);
  EXPECT_TRUE(dialog->changeText().contains(QStringLiteral("→")));
  EXPECT_EQ(dialog->findChildren<ui::ProbabilityChart*>().size(), 0u);
  dialog->show();
  QCoreApplication::processEvents();
  ASSERT_TRUE(dialog->grab().toImage().save(screenshot(QStringLiteral("history-compare.png"))));
  dialog->close();
}

TEST_F(HistoryPageTest, DeletingADiagnosisOrAPetCanBeUndone) {
  HistoryPage page(history_);
  ASSERT_TRUE(loaded(page));
  page.timeline()->item(1)->setSelected(true);
  page.deleteSelectedDiagnoses();
  ASSERT_TRUE(loaded(page));
  EXPECT_EQ(page.timeline()->count(), 2);
  EXPECT_EQ(page.chart()->pointCount(), 10);
  page.undoStack()->undo();
  ASSERT_TRUE(loaded(page));
  EXPECT_EQ(page.timeline()->count(), 3);

  page.deleteCurrentPet();
  ASSERT_TRUE(loaded(page));
  EXPECT_EQ(history_.store()->pets()->size(), 0u);
  EXPECT_EQ(page.petList()->count(), 0);
  page.undoStack()->undo();
  ASSERT_TRUE(loaded(page));
  ASSERT_EQ(page.petList()->count(), 1);
  EXPECT_EQ(page.timeline()->count(), 3);
  page.undoStack()->redo();
  ASSERT_TRUE(loaded(page));
  EXPECT_EQ(page.petList()->count(), 0);
}

TEST_F(HistoryPageTest, APdfReportRendersAndHtmlAndJsonAreWritten) {
  HistoryPage page(history_);
  ASSERT_TRUE(loaded(page));
  for (const QString& name :
       {QStringLiteral("coco.pdf"), QStringLiteral("coco.html"), QStringLiteral("coco.json")}) {
    bool done = false;
    QString error;
    page.writeReport(folder_.filePath(name), [&](const QString& e) {
      done = true;
      error = e;
    });
    ASSERT_TRUE(waitFor([&] { return done; }));
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
  }
  QFile pdf(folder_.filePath(QStringLiteral("coco.pdf")));
  ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
  EXPECT_TRUE(pdf.read(5).startsWith("%PDF-"));
  EXPECT_GT(pdf.size(), 20'000);  // text and five pictures per diagnosis
  // Rendered to PNG the way a person would look at it (pdftoppm, from poppler-utils).
  QProcess render;
  render.start(QStringLiteral("pdftoppm"),
               {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"), pdf.fileName(),
                screenshot(QStringLiteral("report-page"))});
  ASSERT_TRUE(render.waitForFinished(60000));
  EXPECT_EQ(render.exitCode(), 0) << render.readAllStandardError().toStdString();
  const QStringList pages = QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR))
                                .entryList({QStringLiteral("report-page*.png")}, QDir::Files);
  ASSERT_GE(pages.size(), 1);
  const QImage first(QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR)).filePath(pages.first()));
  EXPECT_GT(first.width(), 300);
  QFile html(folder_.filePath(QStringLiteral("coco.html")));
  ASSERT_TRUE(html.open(QIODevice::ReadOnly));
  EXPECT_TRUE(html.readAll().contains("Eye screening history: Coco"));
}

// In Korean: the page, and the report (PDF rendered to PNG: Hangul must show, not boxes).
TEST_F(HistoryPageTest, InKoreanThePageAndTheReportSpeakKorean) {
  const auto korean =
      ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::Korean));
  ASSERT_FALSE(korean.isEmpty());
  {
    HistoryPage page(history_);
    page.resize(1100, 720);
    page.show();
    ASSERT_TRUE(waitFor([&] { return page.thumbnailsLoaded(); }));
    QCoreApplication::processEvents();
    EXPECT_TRUE(page.findChild<QLabel*>(QStringLiteral("petTitle"))
                    ->text()
                    .contains(QStringLiteral("저장된 눈 검사: 3건")));
    ASSERT_TRUE(page.grab().toImage().save(screenshot(QStringLiteral("history-page-ko.png"))));
    bool done = false;
    QString error;
    const QString pdf = folder_.filePath(QStringLiteral("coco-ko.pdf"));
    page.writeReport(pdf, [&](const QString& e) {
      done = true;
      error = e;
    });
    ASSERT_TRUE(waitFor([&] { return done; }));
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    QProcess render;
    render.start(
        QStringLiteral("pdftoppm"),
        {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-l"),
         QStringLiteral("1"), pdf, screenshot(QStringLiteral("report-ko-page"))});
    ASSERT_TRUE(render.waitForFinished(60000));
    EXPECT_EQ(render.exitCode(), 0);
    QProcess text;
    text.start(QStringLiteral("pdftotext"),
               {QStringLiteral("-l"), QStringLiteral("1"), pdf, QStringLiteral("-")});
    ASSERT_TRUE(text.waitForFinished(60000));
    EXPECT_TRUE(QString::fromUtf8(text.readAllStandardOutput())
                    .contains(QStringLiteral("눈 검사 기록: Coco")));
  }
  ui::removeTranslations(korean);
}

TEST_F(HistoryPageTest, APetExportedFromThePageImportsBack) {
  HistoryPage page(history_);
  ASSERT_TRUE(loaded(page));
  bool done = false;
  QString error;
  const QString archive = folder_.filePath(QStringLiteral("coco-export"));
  page.exportCurrentPet(archive, [&](const QString& e) {
    done = true;
    error = e;
  });
  ASSERT_TRUE(waitFor([&] { return done; }));
  ASSERT_TRUE(error.isEmpty()) << error.toStdString();
  done = false;
  page.importPet(archive, [&](const QString& e) {
    done = true;
    error = e;
  });
  ASSERT_TRUE(waitFor([&] { return done; }));
  ASSERT_TRUE(error.isEmpty()) << error.toStdString();
  ASSERT_TRUE(loaded(page));
  EXPECT_EQ(page.petList()->count(), 2);
}

TEST_F(HistoryPageTest, AResultIsSavedToANewPetFromTheEyeCheckPage) {
  ui::DiagnosisPage diagnosis;
  diagnosis.setHistory(&history_);
  ASSERT_TRUE(diagnosis.openPhoto(test::validationPhotos(4).last()));
  diagnosis.analyze();
  ASSERT_TRUE(waitFor([&] { return diagnosis.hasResult(); }));

  ui::SaveToPetDialog dialog(history_, Species::Dog);
  ASSERT_TRUE(waitFor([&] { return !dialog.isBusy(); }));             // pets read off the GUI
  EXPECT_EQ(dialog.petBox()->currentText(), QStringLiteral("Coco"));  // an existing pet first
  dialog.petBox()->setCurrentIndex(0);                                // "New pet..."
  dialog.accept();
  EXPECT_EQ(dialog.result(), 0);  // no name: refused, nothing created
  EXPECT_EQ(history_.store()->pets()->size(), 1u);
  dialog.nameEdit()->setText(QStringLiteral("Bori"));
  dialog.accept();
  EXPECT_TRUE(dialog.isBusy());  // added off the GUI thread
  ASSERT_TRUE(waitFor([&] { return !dialog.isBusy(); }));
  ASSERT_EQ(dialog.result(), QDialog::Accepted);
  QString error;
  const int64_t saved = diagnosis.saveToPet(dialog.petId(), QStringLiteral("right eye"), &error);
  ASSERT_GT(saved, 0) << error.toStdString();
  const auto record = history_.store()->diagnosis(saved);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->notes, "right eye");
  EXPECT_FALSE(record->camHash.empty());
  EXPECT_EQ(record->diagnosis.findings.size(), 5u);
}

// The history cannot take the save (here its photo folder stops taking files): the page says
// so, keeps the result, the pet and the notes, and the button retries with the same check id.
TEST_F(HistoryPageTest, AFailedSaveToPetIsKeptAndRetriedOnce) {
  ui::DiagnosisPage diagnosis;
  diagnosis.setHistory(&history_);
  diagnosis.resize(1100, 720);
  diagnosis.show();
  ASSERT_TRUE(diagnosis.openPhoto(test::validationPhotos(4).last()));
  diagnosis.analyze();
  ASSERT_TRUE(waitFor([&] { return diagnosis.hasResult(); }));
  const size_t before = history_.store()->diagnoses(petId_)->size();
  const QString photos = folder_.filePath(QStringLiteral("h/photos"));
  const QString away = folder_.filePath(QStringLiteral("h/photos.away"));
  ASSERT_TRUE(QDir().rename(photos, away));
  {
    QFile blocker(photos);
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
  }
  diagnosis.saveResultTo(petId_, QStringLiteral("right eye"), QStringLiteral("Coco"));
  EXPECT_TRUE(diagnosis.hasPendingSave());
  auto* button = diagnosis.findChild<QPushButton*>(QStringLiteral("saveToPetButton"));
  ASSERT_NE(button, nullptr);
  EXPECT_EQ(button->text(), QStringLiteral("Retry saving"));
  EXPECT_TRUE(button->toolTip().contains(QStringLiteral("Coco")));
  auto* note = diagnosis.findChild<QLabel*>(QStringLiteral("privacyNote"));
  ASSERT_NE(note, nullptr);
  EXPECT_TRUE(note->text().startsWith(QStringLiteral("Not saved to Coco's history.")))
      << note->text().toStdString();
  EXPECT_TRUE(note->text().contains(QStringLiteral("your notes are kept")));
  EXPECT_TRUE(note->text().contains(QStringLiteral("Could not save to the history")));
  EXPECT_TRUE(diagnosis.hasResult());
  EXPECT_EQ(history_.store()->diagnoses(petId_)->size(), before);
  diagnosis.grab().toImage().save(screenshot(QStringLiteral("save-to-pet-retry-en.png")));

  ASSERT_TRUE(QFile::remove(photos));
  ASSERT_TRUE(QDir().rename(away, photos));
  button->click();  // the retry: no dialog, the same pet and notes
  EXPECT_FALSE(diagnosis.hasPendingSave());
  EXPECT_EQ(button->text(), QStringLiteral("Save to pet..."));
  EXPECT_TRUE(note->text().contains(QStringLiteral("Saved to Coco's history")));
  const auto after = history_.store()->diagnoses(petId_);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), before + 1);
  EXPECT_EQ(after->back().notes, "right eye");
}

TEST_F(HistoryPageTest, ABatchRunsOffTheGuiThreadAndCanBeCancelled) {
  const QString photos = folder_.filePath(QStringLiteral("batch"));
  QDir().mkpath(photos);
  for (const QString& photo : test::validationPhotos(12))
    QFile::copy(photo, photos + QLatin1Char('/') + QFileInfo(photo).fileName());
  QFile broken(photos + QStringLiteral("/broken.jpg"));
  ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
  broken.write("not a photo");
  broken.close();

  ui::BatchDialog dialog(&history_, Species::Dog);
  dialog.setFolder(photos);
  dialog.setReportFolder(folder_.filePath(QStringLiteral("reports")));
  dialog.setPet(petId_);
  dialog.show();
  QString summary;
  QObject::connect(&dialog, &ui::BatchDialog::finished,
                   [&](const QString& text) { summary = text; });
  ASSERT_TRUE(dialog.start());
  ASSERT_TRUE(waitFor([&] { return dialog.progressBar()->value() >= 2; }));
  ASSERT_TRUE(dialog.grab().toImage().save(screenshot(QStringLiteral("batch-dialog.png"))));
  ASSERT_TRUE(waitFor([&] { return !summary.isEmpty(); }, 120000));
  EXPECT_TRUE(summary.startsWith(QStringLiteral("13 photos: "))) << summary.toStdString();
  EXPECT_TRUE(summary.contains(QStringLiteral("1 could not be read"))) << summary.toStdString();
  EXPECT_EQ(QDir(folder_.filePath(QStringLiteral("reports")))
                .entryList({QStringLiteral("*.pdf")}, QDir::Files)
                .size(),
            12);
  EXPECT_EQ(history_.store()->diagnoses(petId_)->size(), 3u + 12u);

  // A second batch into a new CSV, cancelled at once: it stops and keeps what it wrote.
  ui::BatchDialog second(&history_, Species::Dog);
  second.setFolder(photos);
  second.setCsvPath(folder_.filePath(QStringLiteral("second.csv")));
  QString stopped;
  QObject::connect(&second, &ui::BatchDialog::finished,
                   [&](const QString& text) { stopped = text; });
  ASSERT_TRUE(second.start());
  second.cancel();
  ASSERT_TRUE(waitFor([&] { return !stopped.isEmpty(); }));
  EXPECT_TRUE(stopped.startsWith(QStringLiteral("Stopped."))) << stopped.toStdString();
}

TEST_F(HistoryPageTest, SettingsSwitchToASharedServerAndBackOnlyWhenItOpens) {
  HistoryPage page(history_);
  ASSERT_TRUE(loaded(page));
  page.deleteCurrentPet();
  page.undoStack()->undo();
  EXPECT_TRUE(page.undoStack()->canRedo());
  ui::HistorySettings settings(history_);
  settings.serverChoice()->setChecked(true);
  settings.hostEdit()->setText(QStringLiteral("127.0.0.1"));
  settings.portBox()->setValue(1);  // nothing listens there
  settings.databaseEdit()->setText(QStringLiteral("clinic"));
  settings.userEdit()->setText(QStringLiteral("desk"));
  std::optional<bool> applied;
  QObject::connect(&settings, &ui::HistorySettings::applied, [&](bool ok) { applied = ok; });
  // A server that does not answer is tried off the GUI thread; the page stays responsive.
  settings.apply();
  EXPECT_FALSE(applied.has_value());
  ASSERT_TRUE(waitFor([&] { return applied.has_value(); }));
  EXPECT_FALSE(*applied);
  EXPECT_TRUE(settings.statusLabel()->text().contains(QStringLiteral("was not changed")));
  EXPECT_EQ(history_.store()->location().kind, history::StoreLocation::Kind::Sqlite);

  auto& server = test::PostgresServer::shared();
  ASSERT_TRUE(server.running()) << server.error().toStdString();
  const history::StoreLocation shared = server.createDatabase();
  settings.portBox()->setValue(shared.port);
  settings.databaseEdit()->setText(shared.database);
  settings.userEdit()->setText(shared.user);
  applied.reset();
  settings.apply();
  ASSERT_TRUE(waitFor([&] { return applied.has_value(); }));
  ASSERT_TRUE(*applied) << settings.statusLabel()->text().toStdString();
  EXPECT_EQ(history_.store()->location().kind, history::StoreLocation::Kind::Postgres);
  EXPECT_EQ(HistoryDatabase::savedLocation().database, shared.database);
  // Undo steps named pets of the other store: gone. The shared store works like the local one.
  EXPECT_FALSE(page.undoStack()->canRedo());
  ASSERT_TRUE(loaded(page));
  EXPECT_EQ(page.petList()->count(), 0);
  history::Pet pet;
  pet.name = "Shared";
  ASSERT_TRUE(history_.store()->addPet(pet));
  history_.notifyChanged();
  ASSERT_TRUE(loaded(page));
  EXPECT_EQ(page.petList()->count(), 1);
  HistoryDatabase::saveLocation(history::StoreLocation::defaultLocal());
}

}  // namespace
