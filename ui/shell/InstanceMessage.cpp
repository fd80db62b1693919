#include "shell/InstanceMessage.h"

#include <QDataStream>
#include <QIODevice>

namespace walness::ui::instance_message {

namespace {
// "WALN" then the paths: anything else on the socket is not a Walness window talking.
constexpr quint32 kMagic = 0x57414c4e;
constexpr auto kStreamVersion = QDataStream::Qt_6_5;
constexpr qsizetype kMaxMessageBytes = 1 << 20;
}  // namespace

QByteArray encode(const QStringList& paths) {
  QByteArray message;
  QDataStream out(&message, QIODevice::WriteOnly);
  out.setVersion(kStreamVersion);
  out << kMagic << paths;
  return message;
}

Decoded decode(const QByteArray& bytes, QStringList* paths) {
  if (bytes.size() > kMaxMessageBytes) return Decoded::Invalid;
  QDataStream in(bytes);
  in.setVersion(kStreamVersion);
  quint32 magic = 0;
  in >> magic;
  if (in.status() != QDataStream::Ok) return Decoded::Incomplete;
  if (magic != kMagic) return Decoded::Invalid;
  QStringList read;
  in >> read;
  if (in.status() == QDataStream::ReadPastEnd) return Decoded::Incomplete;
  if (in.status() != QDataStream::Ok || !in.atEnd()) return Decoded::Invalid;
  if (paths) *paths = std::move(read);
  return Decoded::Complete;
}

}  // namespace walness::ui::instance_message
