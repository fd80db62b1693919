#pragma once

#include <QByteArray>
#include <QString>

#include <string>

#include "walness/Result.h"

namespace walness::history {

// Photos and heatmaps in a folder, one file per content: <folder>/<first two hex digits>/<sha256>.
// A photo saved twice is stored once; a file is written completely (and synced) or not at all.
class PhotoStore {
 public:
  explicit PhotoStore(QString folder);

  static std::string contentHash(const QByteArray& bytes);
  // 64 lowercase hex digits: the only text a photo's name may be built from.
  static bool isContentHash(const std::string& text);

  // Stores the bytes and returns their hash.
  Result<std::string> put(const QByteArray& bytes) const;
  Result<QByteArray> get(const std::string& hash) const;
  bool contains(const std::string& hash) const;
  Status remove(const std::string& hash) const;

 private:
  QString pathOf(const std::string& hash) const;
  QString folder_;
};

}  // namespace walness::history
