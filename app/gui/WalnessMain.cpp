// walness: the desktop app.
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>
#include <QUrl>

#include <cstdio>

#include <walness/Version.h>

#include "ui/shell/GraphicsSetup.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/SingleInstance.h"
#include "ui/shell/Translations.h"

namespace {

struct Options {
  QCommandLineParser parser;
  QCommandLineOption help;
  QCommandLineOption version;
  QCommandLineOption language{
      QStringLiteral("lang"),
      QStringLiteral("User interface language for this run: ko or en (default: the one chosen in "
                     "Settings, else the system's)."),
      QStringLiteral("code")};
  QCommandLineOption screenshot{
      QStringLiteral("screenshot"),
      QStringLiteral("Start, save a picture of the window to FILE (PNG) and quit: a check that the "
                     "installed app starts and draws. Runs on its own, never handing photos to a "
                     "running window."),
      QStringLiteral("file")};

  Options() : help(parser.addHelpOption()), version(parser.addVersionOption()) {
    parser.setApplicationDescription(
        QStringLiteral("Walness: pet eye check and nearby vets.\n\nWith PHOTO, the photo opens on "
                       "the eye-check page. When Walness is already running, the photo goes to "
                       "that window, which comes to the front, and this command exits."));
    parser.addOption(language);
    parser.addOption(screenshot);
    parser.addPositionalArgument(
        QStringLiteral("photo"),
        QStringLiteral("A photo of the eye to open (JPEG, PNG, WebP, HEIC, TIFF or BMP)."),
        QStringLiteral("[photo...]"));
  }
};

void describeApplication() {
  // Static: set before any application object exists, so --help and --version can use them.
  QCoreApplication::setApplicationName(QStringLiteral("Walness"));
  QCoreApplication::setOrganizationName(QStringLiteral("Walness"));
  QCoreApplication::setApplicationVersion(QStringLiteral(WALNESS_VERSION));
}

// Paths as the running window can open them whatever its working folder: absolute, and file URLs
// (some launchers pass them) as local paths.
QStringList absolutePhotoPaths(const QStringList& arguments) {
  QStringList paths;
  for (const QString& argument : arguments) {
    const QUrl url(argument);
    const QString path = url.isLocalFile() ? url.toLocalFile() : argument;
    paths << QFileInfo(path).absoluteFilePath();
  }
  return paths;
}

}  // namespace

int main(int argc, char* argv[]) {
  describeApplication();
  {
    // --help and --version print and exit before anything needs a display.
    Options early;
    QStringList arguments;
    for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    early.parser.parse(arguments);  // errors (and Qt's own options) are reported further down
    if (early.parser.isSet(early.help) || early.parser.isSet(early.version)) {
      QCoreApplication core(argc, argv);
      if (early.parser.isSet(early.help)) early.parser.showHelp(0);
      early.parser.showVersion();
    }
    if (arguments.contains(QStringLiteral("--help-all"))) {
      // Qt's own options are listed by the GUI application object; the offscreen platform
      // needs no display. process() prints them and exits.
      qputenv("QT_QPA_PLATFORM", "offscreen");
      QApplication gui(argc, argv);
      Options all;
      all.parser.process(gui);
    }
  }

  walness::ui::configureGraphics();
  QApplication app(argc, argv);
  QApplication::setApplicationDisplayName(QStringLiteral("Walness"));
  QApplication::setDesktopFileName(QStringLiteral("app.walness.Walness"));
  // The installed icon theme has it (share/icons/hicolor); a build tree shows the default icon.
  QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("app.walness.Walness")));

  Options options;
  options.parser.process(app);
  const QStringList photos = absolutePhotoPaths(options.parser.positionalArguments());
  const bool screenshot = options.parser.isSet(options.screenshot);

  // One window per user: a second `walness PHOTO` (e.g. "Open with Walness" in a file manager)
  // hands the photo to the running window. A screenshot run is a self-check and stays separate.
  walness::ui::SingleInstance instance;
  if (!screenshot && instance.start(photos) == walness::ui::SingleInstance::Role::Forwarded)
    return 0;

  walness::ui::switchLanguage(app,
                              options.parser.isSet(options.language)
                                  ? options.parser.value(options.language)
                                  : walness::ui::savedLanguage(),
                              /*remember=*/false);

  walness::ui::MainWindow window;
  window.show();
  if (!photos.isEmpty()) window.openPhotos(photos);
  QObject::connect(&instance, &walness::ui::SingleInstance::photosReceived, &window,
                   &walness::ui::MainWindow::openPhotos);
  if (screenshot) {
    const QString path = options.parser.value(options.screenshot);
    // Long enough for the first paint and the model lookup.
    QTimer::singleShot(1500, &window, [&window, path] {
      const bool saved = window.grab().save(path, "PNG");
      if (!saved) std::fprintf(stderr, "walness: cannot write %s\n", qPrintable(path));
      QApplication::exit(saved ? 0 : 1);
    });
  }
  return QApplication::exec();
}
