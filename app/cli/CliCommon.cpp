#include "CliCommon.h"

#include <cstdio>

namespace walness::cli {

QTextStream& out() {
  static QTextStream stream(stdout);
  return stream;
}

QTextStream& err() {
  static QTextStream stream(stderr);
  return stream;
}

}  // namespace walness::cli
