#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;

namespace walness::ui {

// One Walness window per user: the first `walness` serves a local socket; a later `walness PHOTO`
// hands its photos to it and exits instead of opening a second window. The socket is the user's
// own (the runtime folder on Unix, a pipe named with the user on Windows); WALNESS_INSTANCE adds a
// suffix so tests and side-by-side builds do not meet the user's real window.
class SingleInstance : public QObject {
  Q_OBJECT

 public:
  enum class Role {
    Forwarded,  // a running window took the photos: this process should exit
    Primary,    // this process now serves the socket
    Alone,      // neither worked (e.g. no writable runtime folder): run without a server
  };

  explicit SingleInstance(const QString& serverName = defaultServerName(),
                          QObject* parent = nullptr);
  ~SingleInstance() override;

  // The socket of this user's window, with WALNESS_INSTANCE's suffix when it is set. On Unix it
  // lies in the runtime folder, or without one in <temp>/walness-<uid>, made with mode 0700.
  static QString defaultServerName();

  // Why `folder` may not hold the socket (empty when it may): it must be a real folder (not a
  // link) owned by this user with no access for others, or another local user could take the
  // socket and receive the photo paths.
  static QString privateFolderProblem(const QString& folder);

  QString serverName() const { return serverName_; }

  // Hands `paths` (absolute; may be empty, which just raises the window) to a running window, or,
  // when none answers, becomes the one others hand theirs to. A socket file left by a crashed
  // window is removed. The check and the take-over are done under a lock file, so two processes
  // started together end with one server.
  Role start(const QStringList& paths);

 Q_SIGNALS:
  // Another process handed these photos over (none: it was started without one).
  void photosReceived(const QStringList& paths);

 private:
  bool sendToRunning(const QStringList& paths);
  bool listen();
  void serve();

  QString serverName_;
  QLocalServer* server_ = nullptr;
};

}  // namespace walness::ui
