#include "ui/shell/Translations.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace walness::ui {

namespace {
QTranslator* loadTranslator(QCoreApplication& app, const QLocale& locale, const QString& name,
                            const QString& directory) {
  auto* translator = new QTranslator(&app);
  if (translator->load(locale, name, QStringLiteral("_"), directory) &&
      QCoreApplication::installTranslator(translator)) {
    return translator;
  }
  delete translator;
  return nullptr;
}
}  // namespace

QList<QTranslator*> installTranslations(QCoreApplication& app, const QLocale& locale) {
  QList<QTranslator*> installed;
  // Qt's own strings (dialog buttons) and ours, compiled into the app under :/i18n.
  if (auto* qt = loadTranslator(app, locale, QStringLiteral("qtbase"),
                                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    installed.append(qt);
  if (auto* ours = loadTranslator(app, locale, QStringLiteral("walness"), QStringLiteral(":/i18n")))
    installed.append(ours);
  return installed;
}

namespace {
const char* kLanguageKey = "ui/language";
QList<QTranslator*>& switchedTranslators() {
  static QList<QTranslator*> translators;
  return translators;
}
}  // namespace

void removeTranslations(const QList<QTranslator*>& translators) {
  for (QTranslator* translator : translators) {
    QCoreApplication::removeTranslator(translator);
    delete translator;
  }
}

QString savedLanguage() {
  return QSettings().value(QLatin1String(kLanguageKey)).toString();
}

void switchLanguage(QCoreApplication& app, const QString& code, bool remember) {
  if (remember) QSettings().setValue(QLatin1String(kLanguageKey), code);
  removeTranslations(switchedTranslators());
  const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
  switchedTranslators() = installTranslations(app, locale);
  // Removing the last translator sends no LanguageChange by itself when nothing is installed.
  QEvent change(QEvent::LanguageChange);
  QCoreApplication::sendEvent(&app, &change);
}

}  // namespace walness::ui
