#include "walness/history/PhotoStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "walness/io/AtomicFile.h"

namespace walness::history {

PhotoStore::PhotoStore(QString folder) : folder_(std::move(folder)) {
}

bool PhotoStore::isContentHash(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string PhotoStore::contentHash(const QByteArray& bytes) {
  return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().toStdString();
}

QString PhotoStore::pathOf(const std::string& hash) const {
  // Callers check the hash; a name that is not one never becomes a path.
  if (!isContentHash(hash)) return folder_ + QStringLiteral("/invalid-hash");
  const QString name = QString::fromStdString(hash);
  return folder_ + QLatin1Char('/') + name.left(2) + QLatin1Char('/') + name;
}

Result<std::string> PhotoStore::put(const QByteArray& bytes) const {
  if (bytes.isEmpty()) return Error{"the photo is empty"};
  const std::string hash = contentHash(bytes);
  const QString path = pathOf(hash);
  if (QFileInfo(path).size() == bytes.size()) return hash;
  if (!QDir().mkpath(QFileInfo(path).path()))
    return Error{"cannot create the photo folder " + QFileInfo(path).path().toStdString()};
  // A crash leaves no half photo: the file is written, synced and renamed into place.
  if (auto written = io::writeFileAtomically(path, bytes); !written) return written.error();
  return hash;
}

Result<QByteArray> PhotoStore::get(const std::string& hash) const {
  if (!isContentHash(hash)) return Error{"'" + hash + "' is not a photo hash"};
  QFile file(pathOf(hash));
  if (!file.open(QIODevice::ReadOnly))
    return Error{"the photo " + hash.substr(0, 12) + " is missing from " + folder_.toStdString()};
  QByteArray bytes = file.readAll();
  if (contentHash(bytes) != hash)
    return Error{"the photo file " + pathOf(hash).toStdString() + " is damaged"};
  return bytes;
}

bool PhotoStore::contains(const std::string& hash) const {
  return isContentHash(hash) && QFileInfo::exists(pathOf(hash));
}

Status PhotoStore::remove(const std::string& hash) const {
  if (!isContentHash(hash)) return Error{"'" + hash + "' is not a photo hash"};
  QFile file(pathOf(hash));
  if (file.exists() && !file.remove()) return Error{"cannot remove " + pathOf(hash).toStdString()};
  return Ok{};
}

}  // namespace walness::history
