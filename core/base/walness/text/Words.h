#pragma once

#include <QString>

#include "walness/text/Language.h"

namespace walness {

// User-facing words in one language, for code that words things for someone other than the GUI's
// current language (a Korean report from an English window, the command line). One translation
// system: the source text is English and marked for lupdate by the call itself
// (`words.translate("Context", "Text")`), and other languages come from the same compiled Qt
// translation the GUI installs (:/i18n/walness_ko.qm). A text without a translation stays English.
class Words {
 public:
  explicit Words(Language language) : language_(language) {}
  // The words of the translators the application has installed (the GUI's chosen language).
  static Words installed();

  // English for installed() words whose translators are not Korean.
  Language language() const { return language_; }
  QString translate(const char* context, const char* sourceText,
                    const char* disambiguation = nullptr) const;

 private:
  Language language_;
  bool followApplication_ = false;
};

}  // namespace walness
