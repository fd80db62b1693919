#include "walness/text/Words.h"

#include <QCoreApplication>
#include <QTranslator>

namespace walness {
namespace {

// Loaded once, read-only afterwards: QTranslator::translate is safe from any thread then.
const QTranslator* koreanTranslator() {
  static const QTranslator* translator = [] {
    auto* loaded = new QTranslator;
    if (!loaded->load(QStringLiteral(":/i18n/walness_ko.qm"))) {
      delete loaded;
      return static_cast<QTranslator*>(nullptr);
    }
    return loaded;
  }();
  return translator;
}

}  // namespace

Words Words::installed() {
  // Each translation words the name of its language ("English" untranslated): the GUI installs
  // walness_ko.qm for Korean.
  const bool korean =
      QCoreApplication::translate("Language", "English") != QLatin1String("English");
  Words words(korean ? Language::Korean : Language::English);
  words.followApplication_ = true;
  return words;
}

QString Words::translate(const char* context, const char* sourceText,
                         const char* disambiguation) const {
  if (followApplication_) return QCoreApplication::translate(context, sourceText, disambiguation);
  if (language_ == Language::Korean) {
    if (const QTranslator* korean = koreanTranslator()) {
      const QString text = korean->translate(context, sourceText, disambiguation);
      if (!text.isEmpty()) return text;
    }
  }
  return QString::fromUtf8(sourceText);
}

}  // namespace walness
