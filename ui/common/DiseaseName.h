#pragma once

#include <QString>

#include <string>

namespace walness::ui {

// A disease id as a label in the UI's language ("ko" or anything else for English), capitalised
// ("Cataract"); the id itself when it is unknown.
QString diseaseLabel(const std::string& id, const QString& language);

}  // namespace walness::ui
