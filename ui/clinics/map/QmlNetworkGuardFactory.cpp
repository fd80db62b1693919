#include "ui/clinics/map/QmlNetworkGuardFactory.h"

#include <QQmlEngine>

#include "ui/clinics/map/QmlNetworkGuard.h"

namespace walness::ui {

QmlNetworkGuardFactory::QmlNetworkGuardFactory(QStringList allowList)
    : allowList_(std::move(allowList)) {
}

QNetworkAccessManager* QmlNetworkGuardFactory::create(QObject* parent) {
  // Called from more than one thread: only reads the constant list.
  return new QmlNetworkGuard(allowList_, parent);
}

void QmlNetworkGuardFactory::install(QQmlEngine& engine) {
  engine.setNetworkAccessManagerFactory(this);
}

}  // namespace walness::ui
