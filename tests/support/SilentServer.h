#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace walness::test {

// A server on 127.0.0.1 that accepts connections and never answers: a slow or hung service.
struct SilentServer {
  QTcpServer server;
  QList<QTcpSocket*> held;
  SilentServer() {
    server.listen(QHostAddress::LocalHost, 0);
    QObject::connect(&server, &QTcpServer::newConnection, [this] {
      while (QTcpSocket* socket = server.nextPendingConnection()) held.append(socket);
    });
  }
  QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort())); }
};

}  // namespace walness::test
