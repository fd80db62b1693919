#include "walness/io/RegularFile.h"

#include <QFile>
#include <QFileInfo>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

namespace walness::io {

namespace {

#ifndef _WIN32
std::string kindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string tooLarge(const QString& path, int64_t maxBytes) {
  return path.toStdString() + ": the file is larger than " +
         (maxBytes >= (1 << 20) ? std::to_string(maxBytes >> 20) + " MB"
                                : std::to_string(maxBytes) + " bytes");
}
#endif

}  // namespace

Status checkRegularFile(const QString& path) {
#ifndef _WIN32
  struct stat info = {};
  if (::stat(QFile::encodeName(path).constData(), &info) != 0)
    return Error{path.toStdString() + ": cannot read (" + std::strerror(errno) + ")"};
  if (!S_ISREG(info.st_mode))
    return Error{path.toStdString() + " is " + kindOf(info.st_mode) + ", not a photo file"};
  return Ok{};
#else
  const QFileInfo info(path);
  if (!info.exists()) return Error{path.toStdString() + ": no such file"};
  if (!info.isFile()) return Error{path.toStdString() + " is not a regular file"};
  return Ok{};
#endif
}

Result<QByteArray> readRegularFile(const QString& path, int64_t maxBytes, Links links) {
#ifndef _WIN32
  const QByteArray name = QFile::encodeName(path);
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
  int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC;
  if (links == Links::Refuse) flags |= O_NOFOLLOW;
  const int fd = ::open(name.constData(), flags);
  if (fd < 0) {
    if (errno == ELOOP && links == Links::Refuse)
      return Error{path.toStdString() + " is a symbolic link, which is not followed here"};
    return Error{path.toStdString() + ": cannot read (" + std::strerror(errno) + ")"};
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info = {};
  if (::fstat(fd, &info) != 0)
    return Error{path.toStdString() + ": cannot read (" + std::strerror(errno) + ")"};
  if (!S_ISREG(info.st_mode))
    return Error{path.toStdString() + " is " + kindOf(info.st_mode) + ", not a regular file"};
  if (int64_t(info.st_size) > maxBytes) return Error{tooLarge(path, maxBytes)};
  // Back to blocking reads: a regular file never blocks, but O_NONBLOCK stays harmless only there.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  QByteArray bytes;
  bytes.resize(qsizetype(info.st_size));
  int64_t done = 0;
  for (;;) {
    if (done == bytes.size()) {
      // The file may have grown since fstat: read on, up to the limit.
      if (done > maxBytes) return Error{tooLarge(path, maxBytes)};
      bytes.resize(qsizetype(std::min<int64_t>(maxBytes + 1, done + (1 << 16))));
      if (done == bytes.size()) return Error{tooLarge(path, maxBytes)};
    }
    const ssize_t got = ::read(fd, bytes.data() + done, size_t(bytes.size() - done));
    if (got < 0) {
      if (errno == EINTR) continue;
      return Error{path.toStdString() + ": cannot read (" + std::strerror(errno) + ")"};
    }
    if (got == 0) break;
    done += got;
  }
  if (done > maxBytes) return Error{tooLarge(path, maxBytes)};
  bytes.resize(qsizetype(done));
  return bytes;
#else
  const QFileInfo info(path);
  if (links == Links::Refuse && info.isSymLink())
    return Error{path.toStdString() + " is a symbolic link, which is not followed here"};
  if (!info.isFile()) return Error{path.toStdString() + " is not a regular file"};
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return Error{path.toStdString() + ": cannot read (" + file.errorString().toStdString() + ")"};
  if (file.size() > maxBytes)
    return Error{path.toStdString() + ": the file is larger than " +
                 std::to_string(maxBytes >> 20) + " MB"};
  QByteArray bytes = file.read(maxBytes + 1);
  if (bytes.size() > maxBytes)
    return Error{path.toStdString() + ": the file is larger than " +
                 std::to_string(maxBytes >> 20) + " MB"};
  return bytes;
#endif
}

}  // namespace walness::io
