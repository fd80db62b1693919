#pragma once

#include <optional>
#include <string_view>

namespace walness {

// The languages Walness speaks. English is the source text; Korean comes from the project's Qt
// translation (resources/i18n/walness_ko.ts).
enum class Language { English, Korean };

// "en" or "ko": the codes used on the command line, in settings and in file names.
std::string_view languageCode(Language language);
// The language for a code ("en", "ko", also "en_US", "ko-KR"); nullopt for any other.
std::optional<Language> languageFromCode(std::string_view code);

}  // namespace walness
