#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "CliRunner.h"

using walness::test::runCli;

// The corpus of scripts/make-bad-inputs (broken images, odd but valid photos, broken model
// bundles, malformed clinic data), each run through walness-cli: the documented exit code, a
// message saying what is wrong, no crash, and nothing half-written on failure.
TEST(BadInputCorpusTest, EveryCaseEndsWithItsDocumentedExitCodeAndNoPartialOutput) {
  QTemporaryDir corpus;
  const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
  ASSERT_FALSE(python.isEmpty()) << "python3 (with PIL) writes the corpus";
  QProcess maker;
  maker.start(python,
              {QStringLiteral(WALNESS_SOURCE_DIR "/scripts/make-bad-inputs"), corpus.path()});
  ASSERT_TRUE(maker.waitForFinished(120000));
  ASSERT_EQ(maker.exitCode(), 0) << maker.readAllStandardError().toStdString();

  QFile manifestFile(corpus.filePath(QStringLiteral("manifest.json")));
  ASSERT_TRUE(manifestFile.open(QIODevice::ReadOnly));
  const QJsonArray cases = QJsonDocument::fromJson(manifestFile.readAll())["cases"].toArray();
  ASSERT_GE(cases.size(), 30);

  int failures = 0, successes = 0;
  for (const QJsonValue& value : cases) {
    const QJsonObject entry = value.toObject();
    const std::string name = entry["name"].toString().toStdString();
    SCOPED_TRACE(name);
    QStringList arguments;
    for (const QJsonValue& argument : entry["args"].toArray()) arguments << argument.toString();
    const auto run = runCli(arguments);
    const int expected = entry["exit"].toInt();
    ASSERT_NE(run.exitCode, -1) << "crashed or hung: " << run.err.toStdString();
    EXPECT_EQ(run.exitCode, expected) << run.err.toStdString();
    if (expected == 0) {
      ++successes;
      continue;
    }
    ++failures;
    EXPECT_TRUE(run.err.contains(entry["stderr"].toString()))
        << "message lacks '" << entry["stderr"].toString().toStdString()
        << "': " << run.err.toStdString();
    EXPECT_TRUE(run.out.isEmpty()) << "printed for a failed input: " << run.out.toStdString();
    for (const QJsonValue& path : entry["must_not_exist"].toArray())
      EXPECT_FALSE(QFileInfo::exists(path.toString()))
          << "left behind: " << path.toString().toStdString();
  }
  // Both kinds are in the corpus: what must be refused and what must still work.
  EXPECT_GE(failures, 20);
  EXPECT_GE(successes, 10);
}
