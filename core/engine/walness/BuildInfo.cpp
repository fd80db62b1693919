#include "walness/BuildInfo.h"

#include <torch/version.h>

#include <opencv2/core/utility.hpp>

#include <QtGlobal>

#include <walness/Version.h>

namespace walness {

BuildInfo BuildInfo::current() {
  BuildInfo info;
  info.appVersion = QStringLiteral(WALNESS_VERSION);
  info.qtVersion = QString::fromLatin1(qVersion());
  info.torchVersion = QStringLiteral(TORCH_VERSION);
  info.openCvVersion = QString::fromStdString(cv::getVersionString());
  return info;
}

QString BuildInfo::toText() const {
  return QStringLiteral("%1 %2\nQt %3\nLibTorch %4\nOpenCV %5\n")
      .arg(QStringLiteral(WALNESS_APP_NAME), appVersion, qtVersion, torchVersion, openCvVersion);
}

}  // namespace walness
