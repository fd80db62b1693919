#include "ui/shell/GraphicsSetup.h"

#include <QQuickWindow>
#include <QSGRendererInterface>
#include <QtGlobal>

namespace walness::ui {

void configureGraphics() {
  if (qEnvironmentVariableIsSet("QT_QUICK_BACKEND")) return;
  QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
}

}  // namespace walness::ui
