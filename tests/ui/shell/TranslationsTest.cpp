#include <gtest/gtest.h>

#include <QApplication>
#include <QFile>
#include <QPushButton>
#include <QTabWidget>
#include <QTranslator>

#include "ui/shell/MainWindow.h"
#include "ui/shell/Translations.h"

TEST(TranslationsTest, KoreanTranslatesTheMainWindowAndEnglishStaysBuiltIn) {
  auto& app = *qApp;
  const QList<QTranslator*> korean =
      walness::ui::installTranslations(app, QLocale(QLocale::Korean));
  ASSERT_FALSE(korean.isEmpty()) << "no Korean translation compiled into the app";
  {
    walness::ui::MainWindow window;
    EXPECT_EQ(window.tabs()->tabText(0), QStringLiteral("눈 검사"));
    EXPECT_EQ(window.tabs()->tabText(1), QStringLiteral("기록"));
    EXPECT_EQ(window.tabs()->tabText(2), QStringLiteral("동물병원"));
    EXPECT_EQ(window.findChild<QPushButton*>(QStringLiteral("openPhotoButton"))->text(),
              QStringLiteral("사진 열기..."));
  }
  walness::ui::removeTranslations(korean);
  EXPECT_TRUE(walness::ui::installTranslations(app, QLocale(QLocale::English)).isEmpty());
  walness::ui::MainWindow english;
  EXPECT_EQ(english.tabs()->tabText(0), QStringLiteral("Eye check"));
}

TEST(TranslationsTest, EveryKoreanStringIsTranslated) {
  QFile ts(QStringLiteral(WALNESS_SOURCE_DIR "/resources/i18n/walness_ko.ts"));
  ASSERT_TRUE(ts.open(QIODevice::ReadOnly));
  const QByteArray text = ts.readAll();
  EXPECT_GT(text.count("<message>"), 10);
  EXPECT_EQ(text.count("type=\"unfinished\""), 0) << "run lupdate and translate the new strings";
}
