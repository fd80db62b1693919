// walness: the desktop app.
#include <QApplication>
#include <QCommandLineParser>

#include <walness/Version.h>

#include "GraphicsSetup.h"
#include "MainWindow.h"
#include "Translations.h"

int main(int argc, char* argv[]) {
  walness::ui::configureGraphics();
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("Walness"));
  QApplication::setOrganizationName(QStringLiteral("Walness"));
  QApplication::setApplicationVersion(QStringLiteral(WALNESS_VERSION));
  QApplication::setApplicationDisplayName(QStringLiteral("Walness"));
  QApplication::setDesktopFileName(QStringLiteral("app.walness.Walness"));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Walness: pet eye check and nearby vets."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption languageOption(
      QStringLiteral("lang"),
      QStringLiteral("User interface language for this run: ko or en (default: the one chosen in "
                     "Settings, else the system's)."),
      QStringLiteral("code"));
  parser.addOption(languageOption);
  parser.process(app);

  walness::ui::switchLanguage(
      app,
      parser.isSet(languageOption) ? parser.value(languageOption) : walness::ui::savedLanguage(),
      /*remember=*/false);

  walness::ui::MainWindow window;
  window.show();
  return QApplication::exec();
}
