#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

namespace walness::test {

// A minimal HTTP/1.1 server on 127.0.0.1 for tests: each request (method, target, body) goes to
// `respond`, which returns status and body; the connection closes after each answer.
class LocalHttpServer : public QObject {
 public:
  struct Request {
    QByteArray method;
    QByteArray target;  // path and query
    QByteArray body = {};
  };
  struct Response {
    int status = 200;
    QByteArray body = {};
    QByteArray location = {};  // a Location header (for 3xx answers)
    int trickleMs = 0;         // > 0: the body goes out one byte every trickleMs
  };
  using Handler = std::function<Response(const Request&)>;

  explicit LocalHttpServer(Handler respond) : respond_(std::move(respond)) {
    server_.listen(QHostAddress::LocalHost, 0);
    connect(&server_, &QTcpServer::newConnection, this, [this] {
      while (QTcpSocket* socket = server_.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
      }
    });
  }

  QUrl url(const QString& path) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server_.serverPort()).arg(path));
  }
  const QList<Request>& requests() const { return requests_; }

 private:
  void serve(QTcpSocket* socket) {
    QByteArray& buffer = pending_[socket];
    buffer += socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const QByteArray header = buffer.left(headerEnd);
    qsizetype length = 0;
    for (const QByteArray& line : header.split('\n'))
      if (line.toLower().startsWith("content-length:"))
        length = line.mid(15).trimmed().toLongLong();
    if (buffer.size() < headerEnd + 4 + length) return;
    const QList<QByteArray> requestLine = header.left(header.indexOf("\r\n")).split(' ');
    Request request{requestLine.value(0), requestLine.value(1), buffer.mid(headerEnd + 4, length)};
    pending_.remove(socket);
    requests_.append(request);
    const Response response = respond_(request);
    socket->write(
        "HTTP/1.1 " + QByteArray::number(response.status) +
        " X\r\nContent-Type: "
        "application/json\r\nContent-Length: " +
        QByteArray::number(response.body.size()) +
        (response.location.isEmpty() ? QByteArray() : "\r\nLocation: " + response.location) +
        "\r\nConnection: close\r\n\r\n");
    if (response.trickleMs <= 0) {
      socket->write(response.body);
      socket->disconnectFromHost();
      return;
    }
    // A server that keeps a connection alive with a byte now and then.
    auto* timer = new QTimer(socket);
    auto sent = std::make_shared<qsizetype>(0);
    connect(timer, &QTimer::timeout, socket, [socket, timer, sent, body = response.body] {
      if (*sent >= body.size() || socket->state() != QAbstractSocket::ConnectedState) {
        timer->stop();
        socket->disconnectFromHost();
        return;
      }
      socket->write(body.mid((*sent)++, 1));
    });
    timer->start(response.trickleMs);
  }

  QTcpServer server_;
  Handler respond_;
  QList<Request> requests_;
  QHash<QTcpSocket*, QByteArray> pending_;
};

}  // namespace walness::test
