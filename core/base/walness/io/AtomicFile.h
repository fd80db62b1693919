#pragma once

#include <QByteArray>
#include <QString>

#include "walness/Result.h"

namespace walness::io {

// Writes `bytes` to `path` through a temporary file that is synced and renamed into place
// (QSaveFile): the file is there complete, or unchanged.
Status writeFileAtomically(const QString& path, const QByteArray& bytes);

}  // namespace walness::io
