// Text from outside (clinic data, pet histories, file names, model cards) is shown literally and
// never loads anything (issue 18, docs/security.md). Every test puts an <img> pointing at a server
// on 127.0.0.1 into the text and checks afterwards that the server heard nothing.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QQuickItem>
#include <QQuickWidget>
#include <QQuickWindow>
#include <QScopeGuard>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUndoStack>

#include "LocalHttpServer.h"
#include "SharedData.h"
#include "WaitFor.h"
#include "ui/clinics/ClinicListModel.h"
#include "ui/clinics/ClinicPanel.h"
#include "ui/clinics/ClinicSearch.h"
#include "ui/clinics/ClinicSortFilterModel.h"
#include "ui/common/SafeText.h"
#include "ui/diagnosis/DiagnosisController.h"
#include "ui/diagnosis/DiagnosisPage.h"
#include "ui/diagnosis/SpeciesToggle.h"
#include "ui/history/CompareDialog.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistoryPage.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/SettingsDialog.h"
#include "walness/clinics/ClinicFetcher.h"

using namespace walness;
using walness::test::LocalHttpServer;
using walness::test::waitFor;

namespace {

const double kLatitude = 36.8151, kLongitude = 127.1139;  // Cheonan

QString screenshot(const QString& name) {
  return QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR)).filePath(name);
}

LocalHttpServer::Response aTinyGif(const LocalHttpServer::Request&) {
  return LocalHttpServer::Response{200, "GIF89a"};
}

// Records every request; an image fetched from it would be a tracker.
struct Tracker {
  LocalHttpServer server{aTinyGif};
  // `what` followed by an image from this server and a bold claim.
  QString hostile(const QString& what) const {
    return QStringLiteral("%1<img src=\"%2\" width=10 height=10><b>24h EMERGENCY</b>")
        .arg(what, server.url(QStringLiteral("/x")).toString());
  }
  bool heardNothing() const {
    for (const auto& request : server.requests())
      ADD_FAILURE() << "the tracker was asked for " << request.target.toStdString();
    return server.requests().isEmpty();
  }
};

void collect(QQuickItem* item, const QString& name, QList<QQuickItem*>& found) {
  if (item->objectName() == name) found << item;
  for (QQuickItem* child : item->childItems()) collect(child, name, found);
}

// Visible QML items named `name` anywhere in the map's window (list delegates, popups).
QList<QQuickItem*> qmlItems(ui::ClinicPanel& panel, const QString& name) {
  QList<QQuickItem*> found;
  collect(panel.mapWidget()->quickWindow()->contentItem(), name, found);
  return found;
}

bool shownLiterally(QQuickItem* item, const QString& text) {
  EXPECT_EQ(item->property("text").toString(), text);
  EXPECT_EQ(item->property("textFormat").toInt(), int(Qt::PlainText))
      << item->objectName().toStdString();
  return item->property("text").toString() == text &&
         item->property("textFormat").toInt() == int(Qt::PlainText);
}

void expectPlainLabel(const QLabel* label, const QString& raw) {
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(label->textFormat(), Qt::PlainText) << label->objectName().toStdString();
  EXPECT_TRUE(label->text().contains(raw))
      << label->objectName().toStdString() << ": " << label->text().toStdString();
}

}  // namespace

// A Google Places and an Overpass answer whose clinic name, address and phone carry tags, fetched
// through the real search path, shown in the Clinics list and popup.
TEST(OutsideTextTest, HostileClinicDataFromOverpassAndGoogleIsShownLiterally) {
  Tracker tracker;
  const QString osmName = tracker.hostile(QStringLiteral("Good Vet"));
  const QString osmAddress = tracker.hostile(QStringLiteral("1 Main St"));
  const QString osmPhone = tracker.hostile(QStringLiteral("+82 41 000 0000"));
  const QString googleName = tracker.hostile(QStringLiteral("Google Vet"));
  const QString googleAddress = tracker.hostile(QStringLiteral("2 Side St"));
  const QJsonObject overpass{
      {QStringLiteral("elements"),
       QJsonArray{QJsonObject{
           {QStringLiteral("type"), QStringLiteral("node")},
           {QStringLiteral("id"), 1},
           {QStringLiteral("lat"), kLatitude + 0.001},
           {QStringLiteral("lon"), kLongitude},
           {QStringLiteral("tags"),
            QJsonObject{{QStringLiteral("amenity"), QStringLiteral("veterinary")},
                        {QStringLiteral("name"), osmName},
                        {QStringLiteral("addr:full"), osmAddress},
                        {QStringLiteral("phone"), osmPhone},
                        {QStringLiteral("website"), QStringLiteral("file:///etc/passwd")}}}}}}};
  const QJsonObject google{
      {QStringLiteral("status"), QStringLiteral("OK")},
      {QStringLiteral("html_attributions"),
       QJsonArray{tracker.hostile(QStringLiteral("attribution"))}},
      {QStringLiteral("results"),
       QJsonArray{QJsonObject{
           {QStringLiteral("place_id"), QStringLiteral("hostile-1")},
           {QStringLiteral("name"), googleName},
           {QStringLiteral("formatted_address"), googleAddress},
           {QStringLiteral("formatted_phone_number"), tracker.hostile(QStringLiteral("041"))},
           {QStringLiteral("rating"), 4.5},
           {QStringLiteral("user_ratings_total"), 12},
           {QStringLiteral("geometry"),
            QJsonObject{{QStringLiteral("location"),
                         QJsonObject{{QStringLiteral("lat"), kLatitude + 0.02},
                                     {QStringLiteral("lng"), kLongitude + 0.02}}}}}}}}};
  LocalHttpServer api([&](const LocalHttpServer::Request& request) {
    return LocalHttpServer::Response{
        200,
        QJsonDocument(request.target.startsWith("/api/interpreter") ? overpass : google).toJson()};
  });

  QTemporaryDir store;
  ui::ClinicPanel panel(store.filePath(QStringLiteral("clinics.sqlite")), nullptr);
  panel.resize(1280, 800);
  panel.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
  clinics::ClinicFetcher::Endpoints endpoints;
  endpoints.overpass = api.url(QStringLiteral("/api/interpreter"));
  endpoints.googleTextSearch = api.url(QStringLiteral("/textsearch"));
  panel.search()->fetcher().setEndpoints(endpoints);
  panel.search()->fetcher().setRetryDelaysMs({10});
  panel.search()->setGoogleApiKey(QStringLiteral("test-key"));
  // A typed place is quoted in the status line.
  const QString place = tracker.hostile(QStringLiteral("Cheonan"));
  panel.search()->setLocation(kLatitude, kLongitude, place);
  const QList<QQuickItem*> status = qmlItems(panel, QStringLiteral("clinicStatus"));
  ASSERT_EQ(status.size(), 1);
  EXPECT_TRUE(status.front()->property("text").toString().contains(place));
  EXPECT_EQ(status.front()->property("textFormat").toInt(), int(Qt::PlainText));

  panel.search()->search();
  ASSERT_TRUE(waitFor([&] { return !panel.search()->busy(); }, 20000));
  ASSERT_EQ(panel.sortedClinics()->rowCount(), 2) << panel.search()->status().toStdString();
  EXPECT_EQ(api.requests().size(), 2);  // one Overpass, one Google search

  // The list: each row's name and phone, literally.
  ASSERT_TRUE(QTest::qWaitFor(
      [&] { return qmlItems(panel, QStringLiteral("clinicRowName")).size() == 2; }, 5000));
  QStringList rowNames;
  for (QQuickItem* row : qmlItems(panel, QStringLiteral("clinicRowName"))) {
    EXPECT_EQ(row->property("textFormat").toInt(), int(Qt::PlainText));
    rowNames << row->property("text").toString();
  }
  EXPECT_TRUE(rowNames.contains(QStringLiteral("1. ") + osmName))
      << rowNames.join('\n').toStdString();
  EXPECT_TRUE(rowNames.contains(QStringLiteral("2. ") + googleName))
      << rowNames.join('\n').toStdString();
  bool phoneShown = false;
  for (QQuickItem* phone : qmlItems(panel, QStringLiteral("clinicRowPhone")))
    if (phone->property("visible").toBool()) phoneShown = shownLiterally(phone, osmPhone);
  EXPECT_TRUE(phoneShown);

  // The popup of each clinic.
  QQuickItem* root = panel.mapRoot();
  QMetaObject::invokeMethod(root, "select", Q_ARG(QVariant, QVariant(1)));
  QTest::qWait(300);
  EXPECT_TRUE(shownLiterally(qmlItems(panel, QStringLiteral("popupName")).value(0), googleName));
  EXPECT_TRUE(
      shownLiterally(qmlItems(panel, QStringLiteral("popupAddress")).value(0), googleAddress));
  QMetaObject::invokeMethod(root, "select", Q_ARG(QVariant, QVariant(0)));
  QTest::qWait(300);
  EXPECT_TRUE(shownLiterally(qmlItems(panel, QStringLiteral("popupName")).value(0), osmName));
  EXPECT_TRUE(shownLiterally(qmlItems(panel, QStringLiteral("popupAddress")).value(0), osmAddress));
  EXPECT_TRUE(shownLiterally(qmlItems(panel, QStringLiteral("popupPhone")).value(0), osmPhone));
  EXPECT_EQ(qmlItems(panel, QStringLiteral("popupSource")).value(0)->property("textFormat").toInt(),
            int(Qt::PlainText));
  // The website tag names a local file: the Website button does not offer it.
  EXPECT_TRUE(panel.sortedClinics()->websiteUrl(0).isEmpty());
  const QList<QQuickItem*> website = qmlItems(panel, QStringLiteral("websiteButton"));
  ASSERT_EQ(website.size(), 1);
  EXPECT_FALSE(website.front()->property("enabled").toBool());

  QTest::qWait(2000);  // time for any image to be fetched
  ASSERT_TRUE(panel.grab().toImage().save(screenshot(QStringLiteral("clinic-hostile-text.png"))));
  EXPECT_TRUE(tracker.heardNothing());
}

TEST(OutsideTextTest, OnlyHttpAndHttpsWebsitesOpen) {
  using ui::ClinicSortFilterModel;
  EXPECT_EQ(ClinicSortFilterModel::webAddress(QStringLiteral("https://vet.example.org/a?b=1")),
            QUrl(QStringLiteral("https://vet.example.org/a?b=1")));
  EXPECT_EQ(ClinicSortFilterModel::webAddress(QStringLiteral("http://vet.example.org")),
            QUrl(QStringLiteral("http://vet.example.org")));
  EXPECT_EQ(ClinicSortFilterModel::webAddress(QStringLiteral("www.vet.example.org")),
            QUrl(QStringLiteral("https://www.vet.example.org")));
  for (const char* refused :
       {"file:///etc/passwd", "javascript:alert(1)", "ftp://vet.example.org/", "smb://host/share",
        "data:text/html,<b>x</b>", "mailto:vet@example.org", "http://", ""})
    EXPECT_TRUE(ClinicSortFilterModel::webAddress(QLatin1String(refused)).isEmpty()) << refused;
}

// A pet named and noted with tags (as another computer could write to a shared history): the
// History tab, Compare and the reports show the text literally.
TEST(OutsideTextTest, AHostilePetNameAndNotesAreShownLiterallyInHistoryCompareAndReports) {
  Tracker tracker;
  const QString name = tracker.hostile(QStringLiteral("Coco"));
  const QString breed = tracker.hostile(QStringLiteral("Maltese"));
  const QString petNotes = tracker.hostile(QStringLiteral("allergic"));
  const QString notes = tracker.hostile(QStringLiteral("left eye"));
  QTemporaryDir folder;
  ui::HistoryDatabase history;
  ASSERT_TRUE(history.open(history::StoreLocation::local(folder.filePath(QStringLiteral("h")))))
      << history.error().toStdString();
  history::Pet pet;
  pet.name = name.toStdString();
  pet.breed = breed.toStdString();
  pet.notes = petNotes.toStdString();
  const int64_t petId = history.store()->addPet(pet).value();
  QFile photo(test::validationPhotos(1).value(0));
  ASSERT_TRUE(photo.open(QIODevice::ReadOnly));
  const QByteArray bytes = photo.readAll();
  for (int i = 0; i < 2; ++i) {
    history::NewDiagnosis entry;
    entry.petId = petId;
    entry.photo = bytes;
    entry.region = cv::Rect(0, 0, 200, 200);
    entry.diagnosis.modelId = tracker.hostile(QStringLiteral("model")).toStdString();
    entry.diagnosis.modelVersion = "1.0.0";
    entry.diagnosis.findings = {
        {"cataract", 0.2 + 0.3 * i, 0.3, i == 1, 0},
        {tracker.hostile(QStringLiteral("disease")).toStdString(), 0.1, 0.5, false, 0}};
    entry.notes = notes.toStdString();
    entry.takenAt = QStringLiteral("2026-0%1-15T09:30:00.000Z").arg(i + 8).toStdString();
    ASSERT_TRUE(history.store()->addDiagnosis(entry));
  }

  ui::HistoryPage page(history);
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
  ASSERT_TRUE(waitFor([&] { return !page.isLoading(); }));  // read off the GUI thread
  ASSERT_EQ(page.petList()->count(), 1);
  EXPECT_TRUE(page.petList()->item(0)->text().contains(name));  // item views draw plain text
  EXPECT_TRUE(page.petList()->item(0)->text().contains(breed));
  // The title is deliberate rich text: the name in it is escaped.
  auto* title = page.findChild<QLabel*>(QStringLiteral("petTitle"));
  ASSERT_NE(title, nullptr);
  EXPECT_TRUE(title->text().contains(name.toHtmlEscaped()));
  EXPECT_FALSE(title->text().contains(QStringLiteral("<img")));
  ASSERT_EQ(page.timeline()->count(), 2);
  EXPECT_EQ(page.timeline()->item(0)->toolTip(), ui::plainToolTip(notes));
  EXPECT_FALSE(page.timeline()->item(0)->toolTip().contains(QStringLiteral("<img")));
  ASSERT_TRUE(waitFor([&] { return page.thumbnailsLoaded(); }, 20000));
  QTest::qWait(500);
  ASSERT_TRUE(page.grab().toImage().save(screenshot(QStringLiteral("history-hostile-text.png"))));

  // Compare: the notes literally; the rich title and summary escaped.
  page.timeline()->item(0)->setSelected(true);
  page.timeline()->item(1)->setSelected(true);
  ui::CompareDialog* handed = nullptr;
  bool read = false;  // the page reads the two checks off the GUI thread, then hands the dialog
  page.compareSelected([&](ui::CompareDialog* dialog) {
    read = true;
    handed = dialog;
  });
  ASSERT_TRUE(waitFor([&] { return read; }));
  std::unique_ptr<ui::CompareDialog> compare(handed);
  ASSERT_NE(compare, nullptr);
  compare->show();
  const auto notesLabels = compare->findChildren<QLabel*>(QStringLiteral("compareNotes"));
  ASSERT_EQ(notesLabels.size(), 2);
  for (const QLabel* label : notesLabels) expectPlainLabel(label, notes);
  for (const QLabel* label : compare->findChildren<QLabel*>()) {
    if (label->textFormat() != Qt::PlainText) {
      EXPECT_FALSE(label->text().contains(QStringLiteral("<img"))) << label->text().toStdString();
    }
  }
  QTest::qWait(500);
  ASSERT_TRUE(
      compare->grab().toImage().save(screenshot(QStringLiteral("compare-hostile-text.png"))));
  compare.reset();

  // The status line quotes the name when the pet is deleted (and offers Undo).
  page.deleteCurrentPet();
  ASSERT_TRUE(waitFor([&] { return !page.isLoading(); }));  // written off the GUI thread
  expectPlainLabel(page.findChild<QLabel*>(QStringLiteral("historyStatus")), name);
  EXPECT_TRUE(page.findChild<QPushButton*>(QStringLiteral("undoButton"))->isVisibleTo(&page));
  page.undoStack()->undo();
  QCoreApplication::processEvents();
  ASSERT_TRUE(waitFor([&] { return !page.isLoading(); }));
  ASSERT_EQ(page.petList()->count(), 1);
  EXPECT_TRUE(page.findChild<QLabel*>(QStringLiteral("historyStatus"))->text().isEmpty());

  // Reports: HTML escapes; the PDF shows the tags as text.
  for (const QString& file : {QStringLiteral("r.html"), QStringLiteral("r.pdf")}) {
    bool done = false;
    QString error;
    page.writeReport(folder.filePath(file), [&](const QString& e) {
      done = true;
      error = e;
    });
    ASSERT_TRUE(waitFor([&] { return done; }, 60000));
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
  }
  QFile html(folder.filePath(QStringLiteral("r.html")));
  ASSERT_TRUE(html.open(QIODevice::ReadOnly));
  const QString report = QString::fromUtf8(html.readAll());
  EXPECT_FALSE(report.contains(QStringLiteral("<img src=\"http"))) << "unescaped outside text";
  EXPECT_FALSE(report.contains(QStringLiteral("<b>24h")));
  EXPECT_TRUE(report.contains(name.toHtmlEscaped()));
  EXPECT_TRUE(report.contains(notes.toHtmlEscaped()));
  EXPECT_TRUE(report.contains(breed.toHtmlEscaped()));
  EXPECT_TRUE(report.contains(QStringLiteral("&lt;img src=")));
  QProcess text;
  text.start(QStringLiteral("pdftotext"),
             {folder.filePath(QStringLiteral("r.pdf")), QStringLiteral("-")});
  ASSERT_TRUE(text.waitForFinished(60000));
  const QString pdfText = QString::fromUtf8(text.readAllStandardOutput());
  EXPECT_TRUE(pdfText.contains(QStringLiteral("<img src="))) << pdfText.left(600).toStdString();
  EXPECT_TRUE(pdfText.contains(QStringLiteral("<b>24h EMERGENCY</b>")));

  QTest::qWait(1500);
  EXPECT_TRUE(tracker.heardNothing());
}

// A photo whose file name carries tags, on the eye-check page and in its report.
TEST(OutsideTextTest, APhotoFileNamedWithTagsIsShownLiterally) {
  QTemporaryDir dir;
  // No "</b>": a file name cannot hold a slash.
  const QString fileName = QStringLiteral("<b>x<img src=x.png><u>eye.jpg");
  const QString path = dir.filePath(fileName);
  ASSERT_TRUE(QFile::copy(test::validationPhotos(1).value(0), path));
  ui::DiagnosisPage page;
  page.speciesToggle()->setSpecies(Species::Dog);
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(page.openPhoto(path));
  expectPlainLabel(page.findChild<QLabel*>(QStringLiteral("resultBody")), fileName);
  for (const char* name : {"resultTitle", "resultBody", "coverageNote", "privacyNote"})
    EXPECT_EQ(page.findChild<QLabel*>(QLatin1String(name))->textFormat(), Qt::PlainText) << name;
  QTest::qWait(300);
  ASSERT_TRUE(page.grab().toImage().save(screenshot(QStringLiteral("diagnosis-hostile-name.png"))));
  if (!ui::DiagnosisController::installedModel(Species::Dog))
    GTEST_SKIP() << "no dog model bundle installed in models/";
  page.analyze();
  ASSERT_TRUE(waitFor([&] { return page.hasResult(); }));
  QString error;
  const QString reportPath = dir.filePath(QStringLiteral("report.html"));
  ASSERT_TRUE(page.saveReport(reportPath, &error)) << error.toStdString();
  QFile report(reportPath);
  ASSERT_TRUE(report.open(QIODevice::ReadOnly));
  const QString html = QString::fromUtf8(report.readAll());
  EXPECT_TRUE(html.contains(fileName.toHtmlEscaped()));
  EXPECT_FALSE(html.contains(fileName));
}

// A bundle added through Settings > Models whose card texts carry tags: the card, the eye-check
// page's model note and About show them literally.
TEST(OutsideTextTest, AHostileModelCardAddedInSettingsIsShownLiterally) {
  Tracker tracker;
  const QString shipped = QStringLiteral(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");
  QTemporaryDir sources;
  const QString folder = sources.filePath(QStringLiteral("hostile-bundle"));
  ASSERT_TRUE(QDir().mkpath(folder));
  ASSERT_TRUE(QFile::copy(shipped + QStringLiteral("/weights.safetensors"),
                          folder + QStringLiteral("/weights.safetensors")));
  QFile card(shipped + QStringLiteral("/model.json"));
  ASSERT_TRUE(card.open(QIODevice::ReadOnly));
  QJsonObject json = QJsonDocument::fromJson(card.readAll()).object();
  // The id and version name a folder: tags, but no slash.
  const QString id = QStringLiteral("dog-eye-<b>hostile");
  const QString version = QStringLiteral("99.0.0-<i>x");  // newer than the shipped one
  const QString note = tracker.hostile(QStringLiteral("note"));
  const QString limit = tracker.hostile(QStringLiteral("limit"));
  json[QStringLiteral("id")] = id;
  json[QStringLiteral("version")] = version;
  json[QStringLiteral("created")] = tracker.hostile(QStringLiteral("created"));
  QJsonObject metrics = json[QStringLiteral("metrics")].toObject();
  metrics[QStringLiteral("note")] = note;
  metrics[QStringLiteral("split")] = tracker.hostile(QStringLiteral("val"));
  json[QStringLiteral("metrics")] = metrics;
  QJsonObject provenance = json[QStringLiteral("provenance")].toObject();
  provenance[QStringLiteral("known_limits")] = QJsonArray{limit};
  json[QStringLiteral("provenance")] = provenance;
  QFile out(folder + QStringLiteral("/model.json"));
  ASSERT_TRUE(out.open(QIODevice::WriteOnly));
  out.write(QJsonDocument(json).toJson());
  out.close();

  // The user's models folder lives under HOME (test mode: ~/.qttest/share): a home of its own keeps
  // this bundle away from tests running beside this one.
  QTemporaryDir home;
  const QByteArray realHome = qgetenv("HOME");
  qputenv("HOME", QFile::encodeName(home.path()));
  const auto restoreHome = qScopeGuard([&] { qputenv("HOME", realHome); });
  const QString models = ui::SettingsDialog::userModelsFolder();
  ASSERT_TRUE(models.startsWith(home.path())) << models.toStdString();
  const QString installedName = id + QLatin1Char('-') + version;
  QDir(models + QLatin1Char('/') + installedName).removeRecursively();  // from an aborted run
  const auto cleanUp =
      qScopeGuard([&] { QDir(models + QLatin1Char('/') + installedName).removeRecursively(); });
  QString error, installed;
  ASSERT_TRUE(ui::SettingsDialog::addBundle(folder, models, &error, &installed))
      << error.toStdString();

  // An id that would leave the models folder is refused.
  json[QStringLiteral("id")] = QStringLiteral("../../escape");
  const QString escaping = sources.filePath(QStringLiteral("escaping"));
  ASSERT_TRUE(QDir().mkpath(escaping));
  QFile escapingCard(escaping + QStringLiteral("/model.json"));
  ASSERT_TRUE(escapingCard.open(QIODevice::WriteOnly));
  escapingCard.write(QJsonDocument(json).toJson());
  escapingCard.close();
  QFile::copy(folder + QStringLiteral("/weights.safetensors"),
              escaping + QStringLiteral("/weights.safetensors"));
  EXPECT_FALSE(ui::SettingsDialog::addBundle(escaping, models, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("must not contain"))) << error.toStdString();

  {
    ui::SettingsDialog dialog;
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    auto* list = dialog.findChild<QListWidget*>(QStringLiteral("bundleList"));
    auto* browser = dialog.findChild<QTextBrowser*>(QStringLiteral("bundleCard"));
    ASSERT_NE(list, nullptr);
    int row = -1;
    for (int i = 0; i < list->count(); ++i)
      // Listed literally, perhaps followed by " (in use)".
      if (list->item(i)->text().section(QStringLiteral(" ("), 0, 0) ==
          id + QLatin1Char(' ') + version)
        row = i;
    ASSERT_GE(row, 0) << "the added bundle is not listed literally";
    list->setCurrentRow(row);
    const QString shown = browser->toPlainText();
    EXPECT_TRUE(shown.contains(id)) << shown.toStdString();
    EXPECT_TRUE(shown.contains(note));
    EXPECT_TRUE(shown.contains(limit));
    EXPECT_FALSE(browser->toHtml().contains(QStringLiteral("<img")));
    dialog.findChild<QTabWidget*>()->setCurrentIndex(1);
    QTest::qWait(1000);
    ASSERT_TRUE(
        dialog.grab().toImage().save(screenshot(QStringLiteral("settings-hostile-card.png"))));
  }

  // About names the model, escaped inside its rich text.
  {
    ui::MainWindow window;
    const QString about = window.aboutText();
    EXPECT_TRUE(about.contains(id.toHtmlEscaped()));
    EXPECT_FALSE(about.contains(id));
  }

  // The eye-check page uses the newest dog model: the added one; its note names it literally.
  const auto listing = ui::DiagnosisController::installedModel(Species::Dog);
  ASSERT_TRUE(listing);
  EXPECT_EQ(QString::fromStdString(listing->card.id), id);
  ui::DiagnosisPage page;
  page.speciesToggle()->setSpecies(Species::Dog);
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(page.openPhoto(test::validationPhotos(1).value(0)));
  page.analyze();
  ASSERT_TRUE(waitFor([&] { return page.hasResult(); }));
  expectPlainLabel(page.findChild<QLabel*>(QStringLiteral("coverageNote")), id);
  QTest::qWait(1500);
  EXPECT_TRUE(tracker.heardNothing());
}
