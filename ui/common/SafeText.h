#pragma once

#include <QString>

class QLabel;

namespace walness::ui {

// Text not written by this project (clinic data, pet names and notes, file names, model cards,
// server messages) is shown as plain text: never read as HTML, so it cannot load images or links
// or change how the window looks. See docs/security.md.

// The label shows whatever it is given literally (Qt::PlainText instead of Qt::AutoText).
void showPlainText(QLabel* label);

// A tooltip that shows `text` literally. Tooltips guess rich text like Qt::AutoText does; this
// escapes the text and marks it as rich text, so the guess is right whatever the text holds.
QString plainToolTip(const QString& text);

}  // namespace walness::ui
