#include "ui/clinics/map/RefusedNetworkReply.h"

#include <QMetaObject>

namespace walness::ui {

RefusedNetworkReply::RefusedNetworkReply(QNetworkAccessManager::Operation operation,
                                         const QNetworkRequest& request, QObject* parent)
    : QNetworkReply(parent) {
  setRequest(request);
  setUrl(request.url());
  setOperation(operation);
  open(QIODevice::ReadOnly);
  setError(QNetworkReply::ContentAccessDenied,
           QStringLiteral("Walness does not load %1: only the map's tile and place servers are "
                          "reachable from the map")
               .arg(request.url().host()));
  setFinished(true);
  // Whoever made the request connects to the signals after this returns.
  QMetaObject::invokeMethod(
      this,
      [this] {
        Q_EMIT errorOccurred(error());
        Q_EMIT finished();
      },
      Qt::QueuedConnection);
}

void RefusedNetworkReply::abort() {
}

qint64 RefusedNetworkReply::bytesAvailable() const {
  return QNetworkReply::bytesAvailable();
}

qint64 RefusedNetworkReply::readData(char*, qint64) {
  return -1;
}

}  // namespace walness::ui
