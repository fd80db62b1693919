#pragma once

#include <QString>

namespace walness::io {

// A file or folder name made from outside text (a pet's name from a shared database, a clinic's
// name), safe on Linux, macOS and Windows: path separators, characters Windows refuses and control
// characters become '_'; leading dots and spaces and trailing dots and spaces go; names Windows
// reserves (CON, NUL, COM1, ... with or without an extension) get a leading '_'; at most
// `maxLength` characters. `fallback` when nothing is left.
QString safeFileName(const QString& text, const QString& fallback = QStringLiteral("unnamed"),
                     int maxLength = 80);

// True when `path`, with symbolic links and ".." resolved as far as they exist, lies inside
// `folder` (or is the folder itself).
bool isInside(const QString& path, const QString& folder);

}  // namespace walness::io
