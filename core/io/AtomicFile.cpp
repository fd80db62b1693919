#include "io/AtomicFile.h"

#include <QSaveFile>

namespace walness::io {

Status writeFileAtomically(const QString& path, const QByteArray& bytes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
    return Error{"cannot write " + path.toStdString() + ": " + file.errorString().toStdString()};
  return Ok{};
}

}  // namespace walness::io
