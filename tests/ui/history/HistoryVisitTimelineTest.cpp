#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include <QCoreApplication>
#include <QFontMetrics>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QTemporaryDir>

#include "HistoryPageFixture.h"
#include "WaitFor.h"
#include "ui/history/CompareDialog.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistoryPage.h"
#include "ui/shell/Translations.h"

using namespace walness;
using walness::test::waitFor;
using walness::ui::HistoryPage;

// Both eyes of one photo saved as one visit: the timeline tells the visit's two checks apart by
// the side of the photo each eye is on, in the window's language.
namespace {

QByteArray jpegOf(int shade) {
  cv::Mat image(120, 240, CV_8UC3, cv::Scalar(shade, 80, 200 - shade));
  image(cv::Rect(120, 0, 120, 120)).setTo(cv::Scalar(200 - shade, 160, shade));  // the other eye
  std::vector<uchar> bytes;
  cv::imencode(".jpg", image, bytes);
  return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

history::NewDiagnosis eyeOf(int64_t petId, const QByteArray& photo, const char* side, int x) {
  history::NewDiagnosis entry;
  entry.petId = petId;
  entry.diagnosis.modelId = "dog-eye-mobilenetv2";
  entry.diagnosis.modelVersion = "1.0.0";
  entry.diagnosis.findings.push_back({"cataract", 0.3, 0.4, false, 0});
  entry.photo = photo;
  entry.region = cv::Rect(x, 10, 100, 100);
  entry.eyeSide = side;
  entry.takenAt = "2026-11-29T10:00:00.000Z";
  return entry;
}

class HistoryVisitTimelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(history_.open(history::StoreLocation::local(folder_.filePath(QStringLiteral("h")))))
        << history_.error().toStdString();
    history::Pet pet;
    pet.name = "Coco";
    const int64_t petId = history_.store()->addPet(pet).value();
    history::NewDiagnosis alone = eyeOf(petId, jpegOf(150), "", 70);
    alone.takenAt = "2026-11-28T10:00:00.000Z";
    ASSERT_TRUE(history_.store()->addDiagnosis(alone));
    const QByteArray photo = jpegOf(40);
    auto ids = history_.store()->addVisit({eyeOf(petId, photo, history::kLeftOfPhoto, 10),
                                           eyeOf(petId, photo, history::kRightOfPhoto, 130)});
    ASSERT_TRUE(ids) << ids.message();
    // The right eye confirmed: its mark is one more line under the thumbnail.
    history::Confirmation answer;
    answer.confirmedBy = "Dr. Kim";
    answer.findings.push_back({"cataract", history::FindingStatus::Absent, ""});
    ASSERT_TRUE(history_.store()->confirm(ids->at(1), answer));
  }

  QTemporaryDir folder_;
  ui::HistoryDatabase history_;
};

TEST_F(HistoryVisitTimelineTest, TheTwoEyesOfAVisitShowTheirSide) {
  HistoryPage page(history_);
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(loaded(page));
  ASSERT_EQ(page.timeline()->count(), 3);
  EXPECT_FALSE(page.timeline()->item(0)->text().contains(QStringLiteral("of the photo")));
  // The whole line shows: a side cut off would not tell the two apart.
  const QFontMetrics metrics(page.timeline()->font());
  for (int row = 1; row < 3; ++row)
    EXPECT_LT(metrics.horizontalAdvance(page.timeline()->item(row)->text().section('\n', 2, 2)),
              page.timeline()->gridSize().width() - 8);
  EXPECT_TRUE(page.timeline()->item(1)->text().contains(QStringLiteral("left of the photo")));
  EXPECT_TRUE(page.timeline()->item(2)->text().contains(QStringLiteral("right of the photo")));
  ASSERT_TRUE(waitFor([&] { return page.thumbnailsLoaded(); }));
  QCoreApplication::processEvents();
  ASSERT_TRUE(page.grab().toImage().save(screenshot(QStringLiteral("history-visit.png"))));

  // Compared side by side, each title names its eye.
  page.timeline()->item(1)->setSelected(true);
  page.timeline()->item(2)->setSelected(true);
  auto* dialog = compareSelected(page);
  ASSERT_NE(dialog, nullptr);
  QStringList titles;
  for (auto* title : dialog->findChildren<QLabel*>(QStringLiteral("compareTitle")))
    titles << title->text();
  EXPECT_EQ(titles.filter(QStringLiteral("Eye on the left of the photo")).size(), 1);
  EXPECT_EQ(titles.filter(QStringLiteral("Eye on the right of the photo")).size(), 1);
  delete dialog;
}

TEST_F(HistoryVisitTimelineTest, InKoreanTheSideIsInKorean) {
  const auto korean =
      ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::Korean));
  ASSERT_FALSE(korean.isEmpty());
  {
    HistoryPage page(history_);
    page.show();
    ASSERT_TRUE(loaded(page));
    ASSERT_EQ(page.timeline()->count(), 3);
    EXPECT_TRUE(page.timeline()->item(1)->text().contains(QStringLiteral("사진 왼쪽의 눈")));
    EXPECT_TRUE(page.timeline()->item(2)->text().contains(QStringLiteral("사진 오른쪽의 눈")));
  }
  ui::removeTranslations(korean);
}

}  // namespace
