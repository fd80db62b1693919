#include "ui/shell/SingleInstance.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>

#include <memory>

#include "ui/shell/InstanceMessage.h"

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace walness::ui {

namespace {
constexpr int kConnectMs = 1000;
// A window that is still starting answers once its event loop runs.
constexpr int kAnswerMs = 10000;
// A client that has not sent a whole message by then is dropped.
constexpr int kServeMs = 10000;
const char kAccepted = '1';

enum class Sent { Answered, NoServer, NoAnswer };

QString safeSuffix(const QString& suffix) {
  QString safe;
  for (const QChar c : suffix)
    safe += (c.isLetterOrNumber() && c.unicode() < 128) || c == u'-' || c == u'_' || c == u'.'
                ? c
                : QChar(u'_');
  return safe;
}

Sent send(const QString& serverName, const QStringList& paths) {
  QLocalSocket socket;
  socket.connectToServer(serverName);
  if (!socket.waitForConnected(kConnectMs)) return Sent::NoServer;
  socket.write(instance_message::encode(paths));
  socket.flush();
  while (socket.bytesAvailable() < 1) {
    if (!socket.waitForReadyRead(kAnswerMs)) return Sent::NoAnswer;
  }
  char answer = 0;
  socket.getChar(&answer);
  return answer == kAccepted ? Sent::Answered : Sent::NoAnswer;
}
}  // namespace

SingleInstance::SingleInstance(const QString& serverName, QObject* parent)
    : QObject(parent), serverName_(serverName) {
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultServerName() {
  QString name = QStringLiteral("app.walness.Walness");
  const QString suffix = qEnvironmentVariable("WALNESS_INSTANCE");
  if (!suffix.isEmpty()) name += QLatin1Char('-') + safeSuffix(suffix);
#ifdef Q_OS_UNIX
  // The user's private runtime folder (XDG_RUNTIME_DIR, mode 0700): no other user can reach it.
  // Without one, a folder of our own in the temporary folder, made private; start() checks
  // either before using it.
  QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
  if (runtime.isEmpty() || !qEnvironmentVariableIsSet("XDG_RUNTIME_DIR")) {
    runtime = QDir::temp().filePath(QStringLiteral("walness-%1").arg(::geteuid()));
    ::mkdir(QFile::encodeName(runtime).constData(), 0700);
  }
  return QDir(runtime).filePath(name + QStringLiteral(".socket"));
#endif
  QString user = qEnvironmentVariable("USERNAME");
  if (user.isEmpty()) user = qEnvironmentVariable("USER");
  return name + QLatin1Char('-') + safeSuffix(user);
}

QString SingleInstance::privateFolderProblem(const QString& folder) {
#ifdef Q_OS_UNIX
  struct stat info = {};
  if (::lstat(QFile::encodeName(folder).constData(), &info) != 0)
    return QStringLiteral("%1 does not exist").arg(folder);
  if (S_ISLNK(info.st_mode)) return QStringLiteral("%1 is a symbolic link").arg(folder);
  if (!S_ISDIR(info.st_mode)) return QStringLiteral("%1 is not a folder").arg(folder);
  if (info.st_uid != ::geteuid())
    return QStringLiteral("%1 belongs to another user (uid %2)").arg(folder).arg(info.st_uid);
  if ((info.st_mode & 077) != 0)
    return QStringLiteral("%1 can be used by other users (mode %2)")
        .arg(folder)
        .arg(info.st_mode & 0777, 3, 8, QLatin1Char('0'));
#else
  Q_UNUSED(folder);
#endif
  return {};
}

SingleInstance::Role SingleInstance::start(const QStringList& paths) {
  if (QDir::isAbsolutePath(serverName_)) {
    const QString problem = privateFolderProblem(QFileInfo(serverName_).absolutePath());
    if (!problem.isEmpty()) {
      // Photo paths would go to whoever controls that folder: neither send nor serve.
      qWarning("walness: %s, so this window runs on its own (photos opened later start another)",
               qPrintable(problem));
      return Role::Alone;
    }
  }
  const QString lockPath = QDir::isAbsolutePath(serverName_)
                               ? serverName_ + QStringLiteral(".lock")
                               : QDir::temp().filePath(serverName_ + QStringLiteral(".lock"));
  // A lock left by a crashed process is taken over (QLockFile checks its process id).
  QLockFile lock(lockPath);
  const bool locked = lock.tryLock(kConnectMs * 5);
  switch (send(serverName_, paths)) {
    case Sent::Answered:
      return Role::Forwarded;
    case Sent::NoAnswer:
      // A window is there but does not answer: leave its socket alone and run beside it.
      qWarning("walness: the running window does not answer; opening a new one");
      return Role::Alone;
    case Sent::NoServer:
      break;
  }
  const bool listening = listen();
  if (locked) lock.unlock();
  return listening ? Role::Primary : Role::Alone;
}

bool SingleInstance::listen() {
  server_ = new QLocalServer(this);
  server_->setSocketOptions(QLocalServer::UserAccessOption);
  bool listening = server_->listen(serverName_);
  if (!listening && server_->serverError() == QAbstractSocket::AddressInUseError) {
    // Nobody answered on it, so the socket file is a crashed window's.
    QLocalServer::removeServer(serverName_);
    listening = server_->listen(serverName_);
  }
  if (!listening) {
    qWarning("walness: cannot listen on %s (%s); photos opened later start a new window",
             qPrintable(serverName_), qPrintable(server_->errorString()));
    delete server_;
    server_ = nullptr;
    return false;
  }
  connect(server_, &QLocalServer::newConnection, this, &SingleInstance::serve);
  return true;
}

void SingleInstance::serve() {
  while (QLocalSocket* socket = server_->nextPendingConnection()) {
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(kServeMs, socket, [socket] {
      socket->abort();
      socket->deleteLater();
    });
    auto received = std::make_shared<QByteArray>();
    connect(socket, &QLocalSocket::readyRead, this, [this, socket, received] {
      *received += socket->readAll();
      QStringList paths;
      const auto message = instance_message::decode(*received, &paths);
      if (message == instance_message::Decoded::Incomplete) return;  // the rest is on its way
      if (message == instance_message::Decoded::Invalid) {
        socket->abort();
        return;
      }
      Q_EMIT photosReceived(paths);
      socket->putChar(kAccepted);
      socket->flush();
      socket->disconnectFromServer();
    });
  }
}

}  // namespace walness::ui
