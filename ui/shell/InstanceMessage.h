#pragma once

#include <QByteArray>
#include <QStringList>

namespace walness::ui::instance_message {

// What a second `walness PHOTO` sends to the running window over the local socket: "WALN" and
// the photo paths (QDataStream, Qt 6.5 format), at most 1 MB.
enum class Decoded { Complete, Incomplete, Invalid };

QByteArray encode(const QStringList& paths);
// Incomplete while more bytes may still make a whole message; Invalid for anything else than
// exactly one message. Any bytes are safe to give (fuzzed).
Decoded decode(const QByteArray& bytes, QStringList* paths);

}  // namespace walness::ui::instance_message
