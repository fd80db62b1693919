#pragma once

#include <QQmlNetworkAccessManagerFactory>
#include <QStringList>

class QQmlEngine;

namespace walness::ui {

// Gives a QML engine QmlNetworkGuard network access managers (one per thread that asks: the GUI
// thread and QML's image loader), all with the same allow list. It must outlive the engine.
class QmlNetworkGuardFactory : public QQmlNetworkAccessManagerFactory {
 public:
  explicit QmlNetworkGuardFactory(QStringList allowList);

  QNetworkAccessManager* create(QObject* parent) override;
  const QStringList& allowList() const { return allowList_; }

  // Sets this factory on `engine`; call before the engine loads anything from the network.
  void install(QQmlEngine& engine);

 private:
  const QStringList allowList_;
};

}  // namespace walness::ui
