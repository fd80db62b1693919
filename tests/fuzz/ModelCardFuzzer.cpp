// A model bundle's model.json: every field is validated and a bad one named.
#include <QByteArray>

#include <cstddef>
#include <cstdint>

#include "walness/bundle/ModelCard.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
  auto card = walness::bundle::parseModelCard(json, "fuzz");
  // What parses must serialise and parse again.
  if (card)
    (void)walness::bundle::parseModelCard(walness::bundle::serializeModelCard(*card), "again");
  return 0;
}
