#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <csignal>

#include "walness/io/AtomicFile.h"

using namespace walness;

// A write the disk cannot take (here: past the process's file size limit, which fails the write
// exactly as a full disk does) names the file and the system's reason, and leaves the old file.
TEST(AtomicFileTest, AFailedWriteNamesTheFileAndKeepsTheOldOne) {
  QTemporaryDir folder;
  const QString path = folder.filePath(QStringLiteral("report.html"));
  ASSERT_TRUE(io::writeFileAtomically(path, QByteArray("old")));
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto previous = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const Status written = io::writeFileAtomically(path, QByteArray(64 * 1024, 'x'));
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous);
  ASSERT_FALSE(written);
  EXPECT_NE(written.message().find(path.toStdString()), std::string::npos) << written.message();
  EXPECT_NE(written.message().find("too large"), std::string::npos) << written.message();
  EXPECT_EQ(written.message().find("Unknown error"), std::string::npos) << written.message();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_EQ(file.readAll(), QByteArray("old"));
}

TEST(AtomicFileTest, ADeviceIsNeverReplaced) {
  const Status written = io::writeFileAtomically(QStringLiteral("/dev/null"), QByteArray("x"));
  ASSERT_FALSE(written);
  EXPECT_NE(written.message().find("not a regular file"), std::string::npos);
  EXPECT_TRUE(QFileInfo(QStringLiteral("/dev/null")).exists());
}
