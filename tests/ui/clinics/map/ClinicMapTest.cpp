#include <gtest/gtest.h>

#include <QQmlComponent>
#include <QQmlEngine>

#include <memory>

namespace {
std::string errorsOf(const QQmlComponent& component) {
  return component.errorString().toStdString();
}
}  // namespace

TEST(ClinicMapTest, LoadsAMapWithTheOsmPlugin) {
  QQmlEngine engine;
  QQmlComponent component(&engine, QUrl(QStringLiteral(WALNESS_CLINIC_MAP_QML)));
  ASSERT_EQ(component.status(), QQmlComponent::Ready) << errorsOf(component);
  std::unique_ptr<QObject> root(component.create());
  ASSERT_NE(root, nullptr) << errorsOf(component);

  auto* map = root->property("map").value<QObject*>();
  ASSERT_NE(map, nullptr);
  EXPECT_EQ(map->objectName(), QStringLiteral("clinicMap"));
  EXPECT_TRUE(map->inherits("QDeclarativeGeoMap"));

  auto* plugin = map->property("plugin").value<QObject*>();
  ASSERT_NE(plugin, nullptr);
  EXPECT_EQ(plugin->property("name").toString(), QStringLiteral("osm"));
  // isAttached: Qt found the osm geoservices plugin (qt6-location-plugins) and loaded it.
  EXPECT_TRUE(plugin->property("isAttached").toBool());
}

TEST(ClinicMapTest, IdentifiesItselfToOpenStreetMap) {
  QQmlEngine engine;
  QQmlComponent component(&engine, QUrl(QStringLiteral(WALNESS_CLINIC_MAP_QML)));
  std::unique_ptr<QObject> root(component.create());
  ASSERT_NE(root, nullptr) << errorsOf(component);
  auto* plugin = root->property("map").value<QObject*>()->property("plugin").value<QObject*>();
  ASSERT_NE(plugin, nullptr);

  QString userAgent;
  for (QObject* child : plugin->findChildren<QObject*>()) {
    if (child->property("name").toString() == QStringLiteral("osm.useragent"))
      userAgent = child->property("value").toString();
  }
  EXPECT_EQ(userAgent, QStringLiteral("Walness"));
}

TEST(ClinicMapTest, StartsCentredOnTheDefaultLocation) {
  QQmlEngine engine;
  QQmlComponent component(&engine, QUrl(QStringLiteral(WALNESS_CLINIC_MAP_QML)));
  std::unique_ptr<QObject> root(component.create());
  ASSERT_NE(root, nullptr) << errorsOf(component);
  auto* map = root->property("map").value<QObject*>();
  const QVariant center = map->property("center");
  ASSERT_TRUE(center.isValid());
  EXPECT_NEAR(map->property("zoomLevel").toDouble(), 13.0, 1e-9);
}
