#pragma once

#include <QList>
#include <QLocale>
#include <QString>

class QCoreApplication;
class QTranslator;

namespace walness::ui {

// Installs Qt's and the app's translations for `locale` (Korean or English; English is built in).
// Returns the translators installed (owned by `app`), empty for English.
QList<QTranslator*> installTranslations(QCoreApplication& app, const QLocale& locale);

// Uninstalls and deletes translators returned by installTranslations.
void removeTranslations(const QList<QTranslator*>& translators);

// The language the user chose in Settings: "ko", "en", or "" for the system's.
QString savedLanguage();
// Replaces the translations installed by earlier calls with those for `code` ("ko", "en", "" =
// system), remembered when `remember`. Every window retranslates on the LanguageChange event.
void switchLanguage(QCoreApplication& app, const QString& code, bool remember = true);

}  // namespace walness::ui
