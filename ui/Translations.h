#pragma once

#include <QList>
#include <QLocale>

class QCoreApplication;
class QTranslator;

namespace walness::ui {

// Installs Qt's and the app's translations for `locale` (Korean or English; English is built in).
// Returns the translators installed (owned by `app`), empty for English.
QList<QTranslator*> installTranslations(QCoreApplication& app, const QLocale& locale);

}  // namespace walness::ui
