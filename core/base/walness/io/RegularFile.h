#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

#include "walness/Result.h"

namespace walness::io {

enum class Links { Follow, Refuse };

// Reads a whole file that must be a regular file: a FIFO, a device (/dev/zero), a socket or a
// folder is refused at once, without blocking and without reading. The size is checked on the
// opened file (not on the name, which may change in between), and reading stops past
// `maxBytes`. With Links::Refuse a symbolic link is refused too. Errors name the file.
Result<QByteArray> readRegularFile(const QString& path, int64_t maxBytes,
                                   Links links = Links::Follow);

// Whether `path` names a regular file (following links), checked without opening it.
Status checkRegularFile(const QString& path);

}  // namespace walness::io
