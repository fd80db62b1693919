#include "ui/shell/InstanceMessage.h"

#include <QDataStream>
#include <QIODevice>
#include <QtEndian>

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
  // Read by hand, not with QDataStream: its reader trusts the declared lengths and would try to
  // allocate gigabytes for a message that claims a huge string (found by fuzz_instance_message).
  if (bytes.size() > kMaxMessageBytes) return Decoded::Invalid;
  qsizetype at = 0;
  const auto readU32 = [&](quint32& value) {
    if (bytes.size() - at < 4) return false;
    value = qFromBigEndian<quint32>(bytes.constData() + at);
    at += 4;
    return true;
  };
  quint32 magic = 0, count = 0;
  if (!readU32(magic)) return Decoded::Incomplete;
  if (magic != kMagic) return Decoded::Invalid;
  if (!readU32(count)) return Decoded::Incomplete;
  if (count > kMaxMessageBytes / 4) return Decoded::Invalid;  // each path takes 4 bytes at least
  QStringList read;
  for (quint32 i = 0; i < count; ++i) {
    quint32 length = 0;
    if (!readU32(length)) return Decoded::Incomplete;
    if (length == 0xffffffffu) {  // a null string
      read.append(QString());
      continue;
    }
    if (length % 2 != 0 || length > quint32(kMaxMessageBytes)) return Decoded::Invalid;
    if (bytes.size() - at < qsizetype(length))
      return at + qsizetype(length) <= kMaxMessageBytes ? Decoded::Incomplete : Decoded::Invalid;
    QString path(qsizetype(length / 2), Qt::Uninitialized);
    for (qsizetype c = 0; c < path.size(); ++c)
      path[c] = QChar(qFromBigEndian<quint16>(bytes.constData() + at + 2 * c));
    at += length;
    read.append(path);
  }
  if (at != bytes.size()) return Decoded::Invalid;
  if (paths) *paths = std::move(read);
  return Decoded::Complete;
}

}  // namespace walness::ui::instance_message
