#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
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

}  // namespace walness::ui
