#include "ui/common/SafeText.h"

#include <QLabel>
#include <QTextDocument>

namespace walness::ui {

void showPlainText(QLabel* label) {
  label->setTextFormat(Qt::PlainText);
}

QString plainToolTip(const QString& text) {
  return text.isEmpty() ? QString() : Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

}  // namespace walness::ui
