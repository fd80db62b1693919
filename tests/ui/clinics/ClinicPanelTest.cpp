#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QGeoCoordinate>
#include <QLabel>
#include <QPushButton>
#include <QQuickItem>
#include <QQuickWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <functional>

#include "LocalHttpServer.h"
#include "SharedData.h"
#include "SilentServer.h"
#include "ui/clinics/ClinicListModel.h"
#include "ui/clinics/ClinicPanel.h"
#include "ui/clinics/ClinicSearch.h"
#include "ui/clinics/ClinicSettingsDialog.h"
#include "ui/clinics/ClinicSortFilterModel.h"
#include "ui/shell/Translations.h"
#include "walness/clinics/ClinicRanking.h"
#include "walness/clinics/GooglePlacesParser.h"

using namespace walness;
using namespace walness::clinics;
using walness::ui::ClinicPanel;
using walness::ui::ClinicSortFilterModel;

namespace {

const GeoPoint kCheonan{36.8151, 127.1139};

std::vector<Clinic> cheonanClinics() {
  QFile file(QString::fromStdString(
      test::sharedPath(QStringLiteral("fixtures/clinics/google-places-textsearch-cheonan.json"))));
  EXPECT_TRUE(file.open(QIODevice::ReadOnly));
  auto page = parseGooglePlaces(file.readAll());
  EXPECT_TRUE(page.ok()) << page.message();
  return page ? page->clinics : std::vector<Clinic>{};
}

std::vector<std::string> namesInView(const ClinicSortFilterModel& model) {
  std::vector<std::string> names;
  for (int row = 0; row < model.rowCount(); ++row)
    names.push_back(model.index(row, 0).data().toString().toStdString());
  return names;
}

std::vector<std::string> namesOf(const std::vector<Clinic>& clinics) {
  std::vector<std::string> names;
  for (const Clinic& clinic : clinics) names.push_back(clinic.name);
  return names;
}

// Markers the MapItemView placed on the map (delegates named "clinicMarker").
int markerCount(QQuickItem* root) {
  auto* map = root->property("map").value<QObject*>();
  int count = 0;
  for (QObject* item : map->property("mapItems").value<QList<QObject*>>())
    count +=
        item->objectName() == QStringLiteral("clinicMarker") && item->property("visible").toBool();
  return count;
}

void saveScreenshot(QWidget& widget, const QString& name) {
  QTest::qWait(300);  // let the scene graph render the markers
  const QImage shot = widget.grab().toImage();
  EXPECT_FALSE(shot.isNull());
  EXPECT_TRUE(shot.save(QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR)).filePath(name)));
}

// Each test keeps its clinics in its own store.
struct ShownPanel {
  QTemporaryDir storeDir;
  ClinicPanel panel{storeDir.filePath(QStringLiteral("clinics.sqlite")), nullptr};
  ShownPanel() {
    panel.resize(1280, 800);
    panel.show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(&panel));
  }
};

}  // namespace

TEST(ClinicPanelTest, ShowsTheTwentyGoogleClinicsAsMarkersAndAList) {
  ShownPanel shown;
  ClinicPanel& panel = shown.panel;
  panel.search()->setLocation(kCheonan.latitude, kCheonan.longitude, QStringLiteral("Cheonan"));
  panel.search()->showClinics(cheonanClinics(), QStringLiteral("20 clinics (recorded response)"));

  QQuickItem* root = panel.mapRoot();
  ASSERT_NE(root, nullptr);
  ASSERT_TRUE(QTest::qWaitFor([&] { return markerCount(root) == 20; }, 5000))
      << markerCount(root) << " markers";
  auto* list = root->findChild<QQuickItem*>(QStringLiteral("clinicList"));
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->property("count").toInt(), 20);

  // The list shows the core's distance order, then its rating order after "Rating".
  const std::vector<Clinic> clinics = cheonanClinics();
  EXPECT_EQ(namesInView(*panel.sortedClinics()), namesOf(sortByDistance(clinics, kCheonan)));
  auto* ratingButton = root->findChild<QObject*>(QStringLiteral("sortByRatingButton"));
  ASSERT_NE(ratingButton, nullptr);
  QMetaObject::invokeMethod(ratingButton, "clicked");
  EXPECT_EQ(panel.sortedClinics()->sortMode(), ClinicSortFilterModel::ByRating);
  EXPECT_EQ(namesInView(*panel.sortedClinics()), namesOf(sortByRating(clinics, kCheonan)));
  EXPECT_EQ(namesInView(*panel.sortedClinics()).front(),
            "동물심장병원 진심#원장직접진료#건강검진#강아지,고양이심장병");

  // Google's data is attributed whenever it is shown.
  auto* attribution = root->findChild<QObject*>(QStringLiteral("attributionLabel"));
  ASSERT_NE(attribution, nullptr);
  EXPECT_TRUE(attribution->property("text").toString().contains(QStringLiteral("Google")));
  EXPECT_TRUE(attribution->property("text").toString().contains(QStringLiteral("OpenStreetMap")));
  saveScreenshot(panel, QStringLiteral("clinic-map.png"));

  // Selecting a clinic centres the map on it and opens its popup.
  QMetaObject::invokeMethod(root, "select", Q_ARG(QVariant, QVariant(0)));
  const QVariantMap first = panel.sortedClinics()->get(0);
  auto* map = root->property("map").value<QObject*>();
  const auto center = map->property("center").value<QGeoCoordinate>();
  EXPECT_NEAR(center.latitude(), first.value(QStringLiteral("latitude")).toDouble(), 1e-6);
  auto* popup = root->findChild<QObject*>(QStringLiteral("clinicPopup"));
  ASSERT_NE(popup, nullptr);
  EXPECT_TRUE(popup->property("visible").toBool());
  saveScreenshot(panel, QStringLiteral("clinic-map-popup.png"));
}

TEST(ClinicPanelTest, FiltersAndUrgentOrderApplyToListAndMarkers) {
  ShownPanel shown;
  ClinicPanel& panel = shown.panel;
  std::vector<Clinic> clinics(4);
  const char* names[] = {"Near closed", "Far 24h", "Mid open", "Nearest unknown"};
  const double offsets[] = {0.01, 0.05, 0.02, 0.005};
  for (size_t i = 0; i < clinics.size(); ++i) {
    clinics[i].id = "test:" + std::to_string(i);
    clinics[i].name = names[i];
    clinics[i].latitude = kCheonan.latitude + offsets[i];
    clinics[i].longitude = kCheonan.longitude;
  }
  clinics[0].openNow = OpenState::Closed;
  clinics[1].emergency = true;
  clinics[1].openNow = OpenState::Open;
  clinics[2].openNow = OpenState::Open;
  panel.search()->setLocation(kCheonan.latitude, kCheonan.longitude);
  panel.search()->showClinics(clinics, {});
  ClinicSortFilterModel& view = *panel.sortedClinics();
  EXPECT_EQ(namesInView(view),
            (std::vector<std::string>{"Nearest unknown", "Near closed", "Mid open", "Far 24h"}));

  panel.showForFinding(true);  // an urgent finding: 24 h first, then open now
  EXPECT_EQ(namesInView(view),
            (std::vector<std::string>{"Far 24h", "Mid open", "Nearest unknown", "Near closed"}));
  panel.showForFinding(false);

  view.setOpenNowOnly(true);
  EXPECT_EQ(namesInView(view), (std::vector<std::string>{"Mid open", "Far 24h"}));
  ASSERT_TRUE(QTest::qWaitFor([&] { return markerCount(panel.mapRoot()) == 2; }, 3000));
  view.setOpenNowOnly(false);
  view.setEmergencyOnly(true);
  EXPECT_EQ(namesInView(view), (std::vector<std::string>{"Far 24h"}));
}

TEST(ClinicPanelTest, SearchesThroughTheNetworkAndFallsBackToSavedClinicsWhenItFails) {
  int status = 200;
  test::LocalHttpServer overpass([&](const test::LocalHttpServer::Request&) {
    return test::LocalHttpServer::Response{
        status, status != 200 ? QByteArray("busy") : QByteArray(R"({"elements":[
      {"type":"node","id":1,"lat":36.816,"lon":127.114,"tags":{"amenity":"veterinary",
        "name":"Test Vet One","opening_hours":"24/7"}},
      {"type":"node","id":2,"lat":36.82,"lon":127.12,"tags":{"amenity":"veterinary",
        "name":"Test Vet Two"}}]})")};
  });
  ShownPanel shown;
  ClinicPanel& panel = shown.panel;
  ClinicFetcher::Endpoints endpoints;
  endpoints.overpass = overpass.url(QStringLiteral("/api/interpreter"));
  panel.search()->fetcher().setEndpoints(endpoints);
  panel.search()->fetcher().setRetryDelaysMs({10});
  panel.search()->setLocation(kCheonan.latitude, kCheonan.longitude, QStringLiteral("Cheonan"));

  auto* root = panel.mapRoot();
  auto* searchButton = root->findChild<QObject*>(QStringLiteral("searchButton"));
  ASSERT_NE(searchButton, nullptr);
  QMetaObject::invokeMethod(searchButton, "clicked");
  EXPECT_TRUE(panel.search()->busy());
  EXPECT_FALSE(searchButton->property("enabled").toBool());  // no second search meanwhile
  ASSERT_TRUE(QTest::qWaitFor([&] { return !panel.search()->busy(); }, 10000));
  EXPECT_EQ(panel.sortedClinics()->rowCount(), 2);
  EXPECT_EQ(panel.sortedClinics()->index(0, 0).data().toString(), QStringLiteral("Test Vet One"));
  EXPECT_TRUE(panel.search()->status().contains(QStringLiteral("2")));
  ASSERT_EQ(overpass.requests().size(), 1);
  EXPECT_TRUE(overpass.requests().front().body.contains("veterinary"));

  // The server fails: the clinics saved by the last search are shown, and the status says so.
  status = 500;
  panel.search()->showClinics({}, {});
  panel.search()->search();
  ASSERT_TRUE(QTest::qWaitFor([&] { return !panel.search()->busy(); }, 20000));
  EXPECT_EQ(panel.sortedClinics()->rowCount(), 2);
  EXPECT_TRUE(panel.search()->status().contains(QStringLiteral("500")))
      << panel.search()->status().toStdString();
  EXPECT_TRUE(panel.search()->status().contains(QStringLiteral("earlier")));
  EXPECT_TRUE(panel.search()->status().contains(QStringLiteral("since")));
  ASSERT_EQ(panel.clinicModel()->count(), 2);
  EXPECT_FALSE(panel.clinicModel()->clinicAt(0).savedAt.empty());
}

// A slow server: the Cancel button beside Search stops the search; nothing from it is shown.
TEST(ClinicPanelTest, ASearchCanBeCancelled) {
  test::SilentServer silent;
  ASSERT_TRUE(silent.server.isListening());
  ShownPanel shown;
  ClinicPanel& panel = shown.panel;
  ClinicFetcher::Endpoints endpoints;
  endpoints.overpass = silent.url();
  panel.search()->fetcher().setEndpoints(endpoints);
  panel.search()->setLocation(kCheonan.latitude, kCheonan.longitude, QStringLiteral("Cheonan"));
  auto* root = panel.mapRoot();
  auto* cancel = root->findChild<QObject*>(QStringLiteral("cancelSearchButton"));
  ASSERT_NE(cancel, nullptr);
  EXPECT_FALSE(cancel->property("visible").toBool());
  QMetaObject::invokeMethod(root->findChild<QObject*>(QStringLiteral("searchButton")), "clicked");
  ASSERT_TRUE(panel.search()->busy());
  ASSERT_TRUE(QTest::qWaitFor([&] { return cancel->property("visible").toBool(); }, 3000));
  QTest::qWait(500);  // the map view draws the busy state before it is grabbed
  panel.grab().toImage().save(QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR))
                                  .filePath(QStringLiteral("clinics-search-cancel-en.png")));
  QMetaObject::invokeMethod(cancel, "clicked");
  EXPECT_FALSE(panel.search()->busy());
  EXPECT_EQ(panel.search()->status(), QStringLiteral("The search was cancelled."));
  ASSERT_TRUE(QTest::qWaitFor([&] { return !cancel->property("visible").toBool(); }, 3000));
}

TEST(ClinicPanelTest, ImportsALocalDataFileOffTheGuiThread) {
  ShownPanel shown;
  ClinicPanel& panel = shown.panel;
  panel.search()->setLocation(36.8151, 127.1139, QStringLiteral("Cheonan"));
  QSignalSpy finished(&panel, &ClinicPanel::importFinished);
  panel.importLocalData(
      QStringLiteral(WALNESS_SOURCE_DIR "/tests/fixtures/localdata/animal-hospitals-cp949.csv"));
  ASSERT_TRUE(finished.wait(10000));
  EXPECT_TRUE(finished.front().at(0).toBool()) << finished.front().at(1).toString().toStdString();
  // Two of the three clinics in business are near Cheonan; the Seoul one is outside 5 km.
  EXPECT_EQ(panel.sortedClinics()->rowCount(), 2);
  EXPECT_TRUE(panel.search()->status().contains(QStringLiteral("2 closed")));

  finished.clear();
  panel.importLocalData(QStringLiteral(WALNESS_SOURCE_DIR "/README.md"));
  ASSERT_TRUE(finished.wait(10000));
  EXPECT_FALSE(finished.front().at(0).toBool());
  EXPECT_TRUE(finished.front().at(1).toString().contains(QStringLiteral("README.md")));
}

TEST(ClinicPanelTest, TheMapAndListFollowALanguageSwitch) {
  ShownPanel shown;
  ClinicPanel& panel = shown.panel;
  panel.search()->setLocation(kCheonan.latitude, kCheonan.longitude, QStringLiteral("천안"));
  panel.search()->showClinics(cheonanClinics(), {});
  auto* searchButton = panel.mapRoot()->findChild<QObject*>(QStringLiteral("searchButton"));
  ASSERT_NE(searchButton, nullptr);
  EXPECT_EQ(searchButton->property("text").toString(), QStringLiteral("Search clinics here"));

  const QList<QTranslator*> korean =
      ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::Korean));
  ASSERT_FALSE(korean.isEmpty());
  QCoreApplication::processEvents();
  EXPECT_EQ(searchButton->property("text").toString(), QStringLiteral("이 주변 동물병원 검색"));
  // Whether a clinic is open is worded in C++ (ClinicListModel::openText): the rows follow too.
  // (List rows are items of the view, not QObject children of the map's root.)
  QList<QQuickItem*> summaries;
  std::function<void(QQuickItem*)> collect = [&](QQuickItem* item) {
    if (item->objectName() == QLatin1String("clinicRowSummary")) summaries << item;
    for (QQuickItem* child : item->childItems()) collect(child);
  };
  collect(panel.mapWidget()->quickWindow()->contentItem());
  ASSERT_FALSE(summaries.isEmpty());
  for (QQuickItem* summary : summaries) {
    const QString text = summary->property("text").toString();
    EXPECT_TRUE(text.contains(QStringLiteral("진료"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("Open now"))) << text.toStdString();
  }
  auto* importButton = panel.findChild<QPushButton*>(QStringLiteral("importLocalDataButton"));
  ASSERT_NE(importButton, nullptr);
  EXPECT_EQ(importButton->text(), QStringLiteral("LOCALDATA 파일 가져오기…"));
  saveScreenshot(panel, QStringLiteral("clinic-map-ko.png"));

  ui::removeTranslations(korean);
  QCoreApplication::processEvents();
  EXPECT_EQ(searchButton->property("text").toString(), QStringLiteral("Search clinics here"));
}

TEST(ClinicPanelTest, SettingsSetTheRadiusAndAskForAKeyBeforeSaving) {
  ShownPanel shown;
  ClinicPanel& panel = shown.panel;
  ui::ClinicSettingsDialog dialog(panel.search(), nullptr, &panel);
  dialog.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
  auto* radius = dialog.findChild<QSpinBox*>(QStringLiteral("radiusSpin"));
  ASSERT_NE(radius, nullptr);
  radius->setValue(12);
  EXPECT_EQ(panel.search()->radiusKm(), 12);
  EXPECT_EQ(QSettings().value(QStringLiteral("clinics/radiusKm")).toInt(), 12);

  // Saving with nothing typed asks for the key and touches no keychain.
  auto* status = dialog.findChild<QLabel*>(QStringLiteral("googleKeyStatus"));
  ASSERT_NE(status, nullptr);
  for (QPushButton* button : dialog.findChildren<QPushButton*>()) {
    if (button->text() == QStringLiteral("Save key")) button->click();
  }
  EXPECT_EQ(status->text(), QStringLiteral("Type or paste the key first."));
  EXPECT_FALSE(panel.search()->hasGoogleApiKey());
  const QImage shot = dialog.grab().toImage();
  EXPECT_TRUE(shot.save(QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR))
                            .filePath(QStringLiteral("clinic-settings.png"))));
  radius->setValue(5);
}

TEST(ClinicPanelTest, TheLastLocationIsRememberedAndASearchNeedsOne) {
  QSettings().remove(QStringLiteral("clinics"));
  {
    ui::ClinicListModel model;
    ui::ClinicSearch search(&model, QString());
    EXPECT_FALSE(search.hasLocation());
    search.search();  // no location yet: says what to do, sends nothing
    EXPECT_FALSE(search.busy());
    EXPECT_TRUE(search.status().contains(QStringLiteral("location first")));
    search.setLocation(36.8151, 127.1139, QStringLiteral("Cheonan station"));
  }
  ui::ClinicListModel model;
  ui::ClinicSearch reopened(&model, QString());
  ASSERT_TRUE(reopened.hasLocation());
  EXPECT_DOUBLE_EQ(reopened.latitude(), 36.8151);
  EXPECT_DOUBLE_EQ(reopened.longitude(), 127.1139);
  EXPECT_EQ(reopened.locationLabel(), QStringLiteral("Cheonan station"));
}
