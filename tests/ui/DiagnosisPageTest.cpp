#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QTemporaryDir>

#include "DiagnosisPage.h"

using walness::ui::DiagnosisPage;

TEST(DiagnosisPageTest, OpensAPhotoAndShowsIt) {
  QTemporaryDir dir;
  QImage image(640, 480, QImage::Format_RGB32);
  image.fill(Qt::darkGreen);
  QPainter(&image).fillRect(200, 150, 240, 180, Qt::white);
  const QString path = dir.filePath(QStringLiteral("eye.png"));
  ASSERT_TRUE(image.save(path));

  DiagnosisPage page;
  page.resize(900, 600);
  page.show();
  ASSERT_TRUE(page.openPhoto(path));
  EXPECT_EQ(page.photoPath(), path);
  auto* view = page.findChild<QLabel*>(QStringLiteral("photoView"));
  ASSERT_NE(view, nullptr);
  EXPECT_FALSE(view->pixmap().isNull());
}

TEST(DiagnosisPageTest, ATextFileNamedJpgIsRefusedWithAMessage) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("not-a-photo.jpg"));
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("this is not an image\n");
  file.close();

  DiagnosisPage page;
  EXPECT_FALSE(page.openPhoto(path));
  EXPECT_TRUE(page.photoPath().isEmpty());
  bool messageShown = false;
  for (QLabel* label : page.findChildren<QLabel*>()) {
    if (label->text() == QStringLiteral("Could not open the photo")) messageShown = true;
  }
  EXPECT_TRUE(messageShown);
}
