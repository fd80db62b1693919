#include "walness/io/AtomicFile.h"

#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>

namespace walness::io {

Status writeFileAtomically(const QString& path, const QByteArray& bytes) {
  // Only a regular file is replaced: never a device or a pipe someone named as the output.
  const QFileInfo existing(path);
  if (existing.exists() && !existing.isFile())
    return Error{"cannot write " + path.toStdString() + ": it is not a regular file"};
  QSaveFile file(path);
  errno = 0;
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    // QSaveFile often says only "Unknown error" when the disk is full: the system's reason is
    // the one to give.
    const std::string why =
        errno != 0 ? std::string(std::strerror(errno)) : file.errorString().toStdString();
    return Error{"cannot write " + path.toStdString() + ": " + why};
  }
  return Ok{};
}

}  // namespace walness::io
