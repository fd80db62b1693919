// The built `walness` as a desktop starts it: --help/--version without a display, a photo on the
// command line, and one window per user (a second `walness PHOTO` hands its photo over).
#include <gtest/gtest.h>

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLocalServer>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstring>

#include <walness/Version.h>

#include "ImageStats.h"
#include "SharedData.h"
#include "WaitFor.h"
#include "ui/diagnosis/DiagnosisPage.h"
#include "ui/history/HistoryPage.h"
#include "ui/shell/InstanceMessage.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/SingleInstance.h"

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#endif

using walness::ui::SingleInstance;

namespace {

struct AppRun {
  int exitCode = -1;  // -1: crashed or timed out
  QString out;
  QString err;
};

QString screenshotPath(const QString& name) {
  return QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR)).filePath(name);
}

// A socket name no real window and no other test uses; set in this process (which the children
// inherit) for the test's lifetime.
class TestInstanceName {
 public:
  TestInstanceName()
      : suffix_(QStringLiteral("test-") + QUuid::createUuid().toString(QUuid::Id128).left(12)) {
    qputenv("WALNESS_INSTANCE", suffix_.toUtf8());
    name_ = SingleInstance::defaultServerName();
  }
  ~TestInstanceName() {
    QLocalServer::removeServer(name_);
    QFile::remove(name_ + QStringLiteral(".lock"));
    qunsetenv("WALNESS_INSTANCE");
  }
  QString name() const { return name_; }

 private:
  QString suffix_;
  QString name_;
};

// The app with its own settings and history in `home`, never the user's.
QProcessEnvironment appEnvironment(const QTemporaryDir& home) {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  environment.insert(QStringLiteral("HOME"), home.path());
  environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
  environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
  environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
  return environment;
}

// The recent photos the app in `home` remembered (the eye-check page records every opened photo).
QStringList recentPhotos(const QTemporaryDir& home) {
  QSettings settings(home.filePath(QStringLiteral("config/Walness/Walness.conf")),
                     QSettings::IniFormat);
  return settings.value(QStringLiteral("diagnosis/recentPhotos")).toStringList();
}

void start(QProcess& process, const QStringList& arguments, const QProcessEnvironment& environment,
           const QString& workingDirectory = QString()) {
  process.setProcessEnvironment(environment);
  if (!workingDirectory.isEmpty()) process.setWorkingDirectory(workingDirectory);
  process.start(QStringLiteral(WALNESS_APP_PATH), arguments);
}

// Runs the app to its end while this process's event loop keeps going (it may be the server).
AppRun runApp(const QStringList& arguments, const QProcessEnvironment& environment,
              const QString& workingDirectory = QString()) {
  QProcess process;
  start(process, arguments, environment, workingDirectory);
  AppRun run;
  if (!walness::test::waitFor([&] { return process.state() == QProcess::NotRunning; }, 60000)) {
    process.kill();
    process.waitForFinished();
    return run;
  }
  run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
  run.err = QString::fromLocal8Bit(process.readAllStandardError());
  return run;
}

QString photo() {
  return walness::test::validationPhotos(1).value(0);
}

}  // namespace

TEST(WalnessAppTest, HelpAndVersionPrintAndExitWithoutADisplay) {
  QTemporaryDir home;
  QProcessEnvironment environment = appEnvironment(home);
  for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
    environment.remove(QString::fromLatin1(name));

  for (const QString& help : {QStringLiteral("--help"), QStringLiteral("-h")}) {
    const AppRun run = runApp({help}, environment);
    EXPECT_EQ(run.exitCode, 0) << help.toStdString() << ": " << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("Usage:"))) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("--screenshot")));
    EXPECT_TRUE(run.out.contains(QStringLiteral("[photo...]")));
  }
  // --help-all adds Qt's own options (those of the GUI application object).
  const AppRun all = runApp({QStringLiteral("--help-all")}, environment);
  EXPECT_EQ(all.exitCode, 0) << all.err.toStdString();
  EXPECT_TRUE(all.out.contains(QStringLiteral("--screenshot"))) << all.out.toStdString();
  EXPECT_TRUE(all.out.contains(QStringLiteral("-platform"))) << all.out.toStdString();
  for (const QString& version : {QStringLiteral("--version"), QStringLiteral("-v")}) {
    const AppRun run = runApp({version}, environment);
    EXPECT_EQ(run.exitCode, 0) << version.toStdString() << ": " << run.err.toStdString();
    EXPECT_EQ(run.out.trimmed(), QStringLiteral("Walness " WALNESS_VERSION));
  }
}

TEST(WalnessAppTest, OpensThePhotoGivenOnTheCommandLine) {
  const QString path = photo();
  ASSERT_FALSE(path.isEmpty()) << "no validation photo in ../shared";
  QTemporaryDir home;
  const QProcessEnvironment environment = appEnvironment(home);

  const QString empty = home.filePath(QStringLiteral("empty.png"));
  AppRun run = runApp({QStringLiteral("--screenshot"), empty}, environment);
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  EXPECT_TRUE(recentPhotos(home).isEmpty());

  // As a file manager starts it: the photo's name, relative to the working folder.
  const QString shot = screenshotPath(QStringLiteral("walness-photo-argument.png"));
  run = runApp({QStringLiteral("--screenshot"), shot, QFileInfo(path).fileName()}, environment,
               QFileInfo(path).absolutePath());
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  EXPECT_EQ(recentPhotos(home), QStringList{QFileInfo(path).absoluteFilePath()});
  // The photo is on the page: far more colours than the window without it.
  const auto without = walness::test::imageStats(QImage(empty));
  const auto with = walness::test::imageStats(QImage(shot));
  EXPECT_GT(with.distinctColors, without.distinctColors + 1000)
      << with.distinctColors << " colours with the photo, " << without.distinctColors << " without";
}

// This test process is the running window; the built `walness PHOTO` is the second one.
TEST(WalnessAppTest, ASecondWalnessHandsItsPhotoToTheRunningWindow) {
  const QString path = photo();
  ASSERT_FALSE(path.isEmpty());
  const TestInstanceName instanceName;
  SingleInstance instance(instanceName.name());
  ASSERT_EQ(instance.start({}), SingleInstance::Role::Primary);
  walness::ui::MainWindow window;
  window.resize(1100, 720);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  QObject::connect(&instance, &SingleInstance::photosReceived, &window,
                   &walness::ui::MainWindow::openPhotos);
  window.tabs()->setCurrentWidget(window.historyPage());

  QTemporaryDir home;
  const AppRun run = runApp({path}, appEnvironment(home));
  EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
  EXPECT_EQ(window.diagnosisPage()->photoPath(), QFileInfo(path).absoluteFilePath());
  EXPECT_EQ(window.tabs()->currentWidget(), window.diagnosisPage());
  EXPECT_TRUE(recentPhotos(home).isEmpty()) << "the second process opened a window of its own";
}

#ifdef Q_OS_UNIX
// A crashed window leaves its socket file behind: the next one removes it and serves.
TEST(WalnessAppTest, ASocketLeftByACrashedWindowIsTakenOver) {
  const TestInstanceName instanceName;
  const QByteArray socketPath = QFile::encodeName(instanceName.name());
  {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    ASSERT_LT(size_t(socketPath.size()), sizeof(address.sun_path));
    std::memcpy(address.sun_path, socketPath.constData(), socketPath.size());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    ::close(fd);  // bound, never listening, closed: what a killed process leaves
  }
  ASSERT_TRUE(QFileInfo::exists(instanceName.name()));

  SingleInstance instance(instanceName.name());
  ASSERT_EQ(instance.start({}), SingleInstance::Role::Primary);
  QStringList received;
  QObject::connect(&instance, &SingleInstance::photosReceived,
                   [&](const QStringList& paths) { received = paths; });
  QTemporaryDir home;
  const AppRun run = runApp({photo()}, appEnvironment(home));
  EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
  EXPECT_EQ(received, QStringList{photo()});
}
#endif

// Both windows are the built app: the first keeps running and takes the second one's photo.
TEST(WalnessAppTest, TheRunningAppTakesThePhotoOfASecondStart) {
  const QString path = photo();
  ASSERT_FALSE(path.isEmpty());
  const TestInstanceName instanceName;
  QTemporaryDir home;
  const QProcessEnvironment environment = appEnvironment(home);
  QProcess first;
  start(first, {}, environment);
  ASSERT_TRUE(walness::test::waitFor([&] { return QFileInfo::exists(instanceName.name()); }, 60000))
      << "the first window never served its socket";

  const AppRun second = runApp({path}, environment);
  EXPECT_EQ(second.exitCode, 0) << second.err.toStdString();
  EXPECT_EQ(first.state(), QProcess::Running);
  // The first window opened it (and so remembered it).
  EXPECT_TRUE(walness::test::waitFor(
      [&] { return recentPhotos(home) == QStringList{QFileInfo(path).absoluteFilePath()}; },
      10000));
  first.kill();
  first.waitForFinished();
}

#ifdef Q_OS_UNIX
// The socket receives photo paths: its folder must be this user's alone (no XDG_RUNTIME_DIR
// falls back to a private folder in /tmp, never to /tmp itself).
TEST(SingleInstanceTest, ASocketFolderOthersCanUseIsRefused) {
  QTemporaryDir dir;
  const QString folder = dir.filePath(QStringLiteral("run"));
  ASSERT_TRUE(QDir().mkpath(folder));
  const QString socket = QDir(folder).filePath(QStringLiteral("w.socket"));
  ASSERT_EQ(::chmod(QFile::encodeName(folder).constData(), 0777), 0);
  EXPECT_TRUE(SingleInstance::privateFolderProblem(folder).contains(QStringLiteral("other users")));
  {
    SingleInstance instance(socket);
    EXPECT_EQ(instance.start({}), SingleInstance::Role::Alone);
    EXPECT_FALSE(QFileInfo::exists(socket));
  }
  const QString link = dir.filePath(QStringLiteral("link"));
  ASSERT_TRUE(QFile::link(folder, link));
  EXPECT_TRUE(SingleInstance::privateFolderProblem(link).contains(QStringLiteral("link")));
  ASSERT_EQ(::chmod(QFile::encodeName(folder).constData(), 0700), 0);
  EXPECT_TRUE(SingleInstance::privateFolderProblem(folder).isEmpty());
  {
    SingleInstance instance(socket);
    EXPECT_EQ(instance.start({}), SingleInstance::Role::Primary);
  }
  QLocalServer::removeServer(socket);

  // Without XDG_RUNTIME_DIR the default lies in a private folder of our own.
  const QByteArray saved = qgetenv("XDG_RUNTIME_DIR");
  qunsetenv("XDG_RUNTIME_DIR");
  const QString fallback = SingleInstance::defaultServerName();
  if (!saved.isEmpty()) qputenv("XDG_RUNTIME_DIR", saved);
  EXPECT_NE(QFileInfo(fallback).absolutePath(), QDir::tempPath());
  EXPECT_TRUE(SingleInstance::privateFolderProblem(QFileInfo(fallback).absolutePath()).isEmpty())
      << SingleInstance::privateFolderProblem(QFileInfo(fallback).absolutePath()).toStdString();
}

TEST(SingleInstanceTest, OnlyAWholeWellFormedMessageIsTaken) {
  namespace message = walness::ui::instance_message;
  const QByteArray whole = message::encode({QStringLiteral("/a.jpg"), QStringLiteral("/b.png")});
  QStringList paths;
  EXPECT_EQ(message::decode(whole, &paths), message::Decoded::Complete);
  EXPECT_EQ(paths, (QStringList{QStringLiteral("/a.jpg"), QStringLiteral("/b.png")}));
  EXPECT_EQ(message::decode(whole.left(whole.size() - 3), nullptr), message::Decoded::Incomplete);
  EXPECT_EQ(message::decode(whole + "junk", nullptr), message::Decoded::Invalid);
  QByteArray wrong = whole;
  wrong[0] = 'X';
  EXPECT_EQ(message::decode(wrong, nullptr), message::Decoded::Invalid);
  EXPECT_EQ(message::decode(QByteArray((1 << 20) + 1, 'x'), nullptr), message::Decoded::Invalid);
}
#endif
