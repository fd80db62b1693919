// GoogleTest main with a Qt application object, headless, and settings kept in a temporary folder
// so tests never read or change the user's real settings.
#include <gtest/gtest.h>

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#ifdef WALNESS_TEST_GUI
#include <QApplication>

#include "ui/shell/GraphicsSetup.h"
using TestApplication = QApplication;
#else
#include <QCoreApplication>
using TestApplication = QCoreApplication;
#endif

int main(int argc, char* argv[]) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  ::testing::InitGoogleTest(&argc, argv);
#ifdef WALNESS_TEST_GUI
  walness::ui::configureGraphics();  // the same renderer as the app
#endif
  QStandardPaths::setTestModeEnabled(true);
  TestApplication app(argc, argv);
  TestApplication::setOrganizationName(QStringLiteral("WalnessTests"));
  TestApplication::setApplicationName(QStringLiteral("walness-tests"));
  QTemporaryDir settingsDir;
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
  return RUN_ALL_TESTS();
}
