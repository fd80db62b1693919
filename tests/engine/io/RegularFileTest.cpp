#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <sys/stat.h>

#include "walness/imaging/ImageDecoder.h"
#include "walness/io/RegularFile.h"

using namespace walness;

namespace {
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
  QFile file(dir.filePath(name));
  EXPECT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(bytes);
  return file.fileName();
}
}  // namespace

// A FIFO named .jpg once hung diagnose and batch forever; a link to /dev/zero ended in bad_alloc.
TEST(RegularFileTest, FifosDevicesAndFoldersAreRefusedAtOnce) {
  QTemporaryDir dir;
  const QString fifo = dir.filePath(QStringLiteral("eye.jpg"));
  ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
  const QString zero = dir.filePath(QStringLiteral("zero.jpg"));
  ASSERT_TRUE(QFile::link(QStringLiteral("/dev/zero"), zero));
  QElapsedTimer clock;
  clock.start();
  auto fromFifo = io::readRegularFile(fifo, 1 << 20);
  ASSERT_FALSE(fromFifo);
  EXPECT_NE(fromFifo.message().find("named pipe (FIFO)"), std::string::npos) << fromFifo.message();
  auto fromZero = io::readRegularFile(zero, 1 << 20);
  ASSERT_FALSE(fromZero);
  EXPECT_NE(fromZero.message().find("a device"), std::string::npos) << fromZero.message();
  auto fromFolder = io::readRegularFile(dir.path(), 1 << 20);
  ASSERT_FALSE(fromFolder);
  EXPECT_NE(fromFolder.message().find("a folder"), std::string::npos) << fromFolder.message();
  EXPECT_FALSE(io::checkRegularFile(fifo));
  // The decoder goes through the same door.
  auto decoded = imaging::decodeImageFile(fifo.toStdString());
  ASSERT_FALSE(decoded);
  EXPECT_NE(decoded.message().find("named pipe"), std::string::npos) << decoded.message();
  EXPECT_LT(clock.elapsed(), 5000) << "nothing may wait on a writer";
}

TEST(RegularFileTest, SizeIsCheckedOnTheOpenFileAndLinksFollowOnlyWhenAllowed) {
  QTemporaryDir dir;
  const QString small = writeFile(dir, QStringLiteral("a.bin"), QByteArray(100, 'a'));
  const QString large = writeFile(dir, QStringLiteral("b.bin"), QByteArray(5000, 'b'));
  auto read = io::readRegularFile(small, 1000);
  ASSERT_TRUE(read) << read.message();
  EXPECT_EQ(read->size(), 100);
  auto tooLarge = io::readRegularFile(large, 1000);
  ASSERT_FALSE(tooLarge);
  EXPECT_NE(tooLarge.message().find("larger than 1000 bytes"), std::string::npos);
  const QString link = dir.filePath(QStringLiteral("link.bin"));
  ASSERT_TRUE(QFile::link(small, link));
  EXPECT_TRUE(io::readRegularFile(link, 1000, io::Links::Follow));
  auto refused = io::readRegularFile(link, 1000, io::Links::Refuse);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.message().find("symbolic link"), std::string::npos);
  EXPECT_FALSE(io::readRegularFile(dir.filePath(QStringLiteral("missing")), 1000));
}
