#include "ui/diagnosis/ScreenedEye.h"

#include <QCoreApplication>

namespace walness::ui {

QString photoSideName(gate::PhotoSide side) {
  switch (side) {
    case gate::PhotoSide::Left:
      return QCoreApplication::translate("walness::ui::DiagnosisPage",
                                         "Eye on the left of the photo");
    case gate::PhotoSide::Right:
      return QCoreApplication::translate("walness::ui::DiagnosisPage",
                                         "Eye on the right of the photo");
    case gate::PhotoSide::Only:
      break;
  }
  return {};
}

}  // namespace walness::ui
