#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>

#include <signal.h>

#include <set>

#include "walness/history/HistoryStore.h"

using namespace walness;
using namespace walness::history;

// A writer killed with SIGKILL in the middle of 200 inserts: the store stays sound and every
// diagnosis whose commit was reported is there, with its photo.
class HistoryCrashTest : public ::testing::TestWithParam<int> {};

TEST_P(HistoryCrashTest, EveryCommittedRowSurvivesSigkill) {
  QTemporaryDir folder;
  QProcess writer;
  writer.setProgram(QStringLiteral(WALNESS_HISTORY_WRITER));
  writer.setArguments({folder.path(), QStringLiteral("200")});
  writer.start();
  ASSERT_TRUE(writer.waitForStarted());
  std::set<int64_t> committed;
  const int killAfter = GetParam();
  QByteArray pending;
  while (int(committed.size()) < killAfter) {
    ASSERT_TRUE(writer.waitForReadyRead(30'000))
        << "the writer stopped: " << writer.readAllStandardError().toStdString();
    pending += writer.readAllStandardOutput();
    qsizetype end;
    while ((end = pending.indexOf('\n')) >= 0) {
      const QByteArray line = pending.left(end);
      pending.remove(0, end + 1);
      ASSERT_TRUE(line.startsWith("committed ")) << line.toStdString();
      committed.insert(line.mid(10).toLongLong());
    }
  }
  ::kill(pid_t(writer.processId()), SIGKILL);
  ASSERT_TRUE(writer.waitForFinished(10'000));
  EXPECT_EQ(writer.exitStatus(), QProcess::CrashExit);
  // Lines printed after the ones we read were committed too; count them.
  pending += writer.readAllStandardOutput();
  for (const QByteArray& line : pending.split('\n'))
    if (line.startsWith("committed ")) committed.insert(line.mid(10).toLongLong());
  ASSERT_LT(committed.size(), 200u) << "the writer finished before it was killed";

  auto store = HistoryStore::open(StoreLocation::local(folder.path()));
  ASSERT_TRUE(store) << store.message();
  auto integrity = (*store)->integrityCheck();
  ASSERT_TRUE(integrity);
  EXPECT_EQ(*integrity, QStringLiteral("ok"));
  auto pets = (*store)->pets();
  ASSERT_TRUE(pets);
  ASSERT_EQ(pets->size(), 1u);
  auto diagnoses = (*store)->diagnoses(pets->front().id);
  ASSERT_TRUE(diagnoses);
  std::set<int64_t> stored;
  for (const auto& record : *diagnoses) {
    stored.insert(record.id);
    EXPECT_TRUE((*store)->photo(record.photoHash)) << "diagnosis " << record.id;
  }
  for (int64_t id : committed) EXPECT_TRUE(stored.count(id)) << "committed diagnosis " << id;
  // At most the one being written when killed is extra (committed, not yet printed).
  EXPECT_LE(stored.size(), committed.size() + 1);
  // And the store takes new writes.
  NewDiagnosis entry;
  entry.petId = pets->front().id;
  entry.diagnosis.modelId = "after-crash";
  entry.photo = "after";
  entry.region = cv::Rect(0, 0, 1, 1);
  EXPECT_TRUE((*store)->addDiagnosis(entry));
}

INSTANTIATE_TEST_SUITE_P(KillPoints, HistoryCrashTest, ::testing::Values(5, 100, 190));
