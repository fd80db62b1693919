#include "shell/SingleInstance.h"

#include <QDataStream>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>

namespace walness::ui {

namespace {
// "WALN" then the paths: anything else on the socket is not a Walness window talking.
constexpr quint32 kMagic = 0x57414c4e;
constexpr auto kStreamVersion = QDataStream::Qt_6_5;
constexpr int kConnectMs = 1000;
// A window that is still starting answers once its event loop runs.
constexpr int kAnswerMs = 10000;
// A client that has not sent a whole message by then is dropped.
constexpr int kServeMs = 10000;
constexpr qint64 kMaxMessageBytes = 1 << 20;
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
  QByteArray message;
  {
    QDataStream out(&message, QIODevice::WriteOnly);
    out.setVersion(kStreamVersion);
    out << kMagic << paths;
  }
  socket.write(message);
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
  const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
  if (!runtime.isEmpty()) return QDir(runtime).filePath(name + QStringLiteral(".socket"));
#endif
  QString user = qEnvironmentVariable("USERNAME");
  if (user.isEmpty()) user = qEnvironmentVariable("USER");
  return name + QLatin1Char('-') + safeSuffix(user);
}

SingleInstance::Role SingleInstance::start(const QStringList& paths) {
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
    connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
      if (socket->bytesAvailable() > kMaxMessageBytes) {
        socket->abort();
        return;
      }
      QDataStream in(socket);
      in.setVersion(kStreamVersion);
      in.startTransaction();
      quint32 magic = 0;
      QStringList paths;
      in >> magic >> paths;
      if (!in.commitTransaction()) return;  // the rest is still on its way
      if (magic != kMagic) {
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
