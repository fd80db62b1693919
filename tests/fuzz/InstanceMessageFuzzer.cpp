// What a local process sends the running window over its socket: any bytes are refused or give
// the photo paths, and a message that decodes re-encodes to the same bytes.
#include <QByteArray>
#include <QStringList>

#include <cstddef>
#include <cstdint>

#include "ui/shell/InstanceMessage.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace message = walness::ui::instance_message;
  const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
  QStringList paths;
  if (message::decode(bytes, &paths) == message::Decoded::Complete) {
    QStringList again;
    if (message::decode(message::encode(paths), &again) != message::Decoded::Complete ||
        again != paths)
      __builtin_trap();
  }
  return 0;
}
