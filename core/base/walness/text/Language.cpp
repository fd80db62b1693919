#include "walness/text/Language.h"

namespace walness {

std::string_view languageCode(Language language) {
  return language == Language::Korean ? "ko" : "en";
}

std::optional<Language> languageFromCode(std::string_view code) {
  const std::string_view base = code.substr(0, code.find_first_of("_-"));
  if (base == "en") return Language::English;
  if (base == "ko") return Language::Korean;
  return std::nullopt;
}

}  // namespace walness
