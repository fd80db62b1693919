#pragma once

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace walness::ui {

// The answer to a request that is not let out: it finishes at once (from the event loop) with
// ContentAccessDenied and no data, and nothing is sent over the network.
class RefusedNetworkReply : public QNetworkReply {
  Q_OBJECT

 public:
  RefusedNetworkReply(QNetworkAccessManager::Operation operation, const QNetworkRequest& request,
                      QObject* parent = nullptr);

  void abort() override;
  qint64 bytesAvailable() const override;
  bool isSequential() const override { return true; }

 protected:
  qint64 readData(char* data, qint64 maxSize) override;
};

}  // namespace walness::ui
