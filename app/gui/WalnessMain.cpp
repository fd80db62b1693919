// walness: the desktop app.
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include <cstdio>

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
  // The installed icon theme has it (share/icons/hicolor); a build tree shows the default icon.
  QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("app.walness.Walness")));

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
  const QCommandLineOption screenshotOption(
      QStringLiteral("screenshot"),
      QStringLiteral("Start, save a picture of the window to FILE (PNG) and quit: a check that the "
                     "installed app starts and draws."),
      QStringLiteral("file"));
  parser.addOption(screenshotOption);
  parser.process(app);

  walness::ui::switchLanguage(
      app,
      parser.isSet(languageOption) ? parser.value(languageOption) : walness::ui::savedLanguage(),
      /*remember=*/false);

  walness::ui::MainWindow window;
  window.show();
  if (parser.isSet(screenshotOption)) {
    const QString path = parser.value(screenshotOption);
    // Long enough for the first paint and the model lookup.
    QTimer::singleShot(1500, &window, [&window, path] {
      const bool saved = window.grab().save(path, "PNG");
      if (!saved) std::fprintf(stderr, "walness: cannot write %s\n", qPrintable(path));
      QApplication::exit(saved ? 0 : 1);
    });
  }
  return QApplication::exec();
}
