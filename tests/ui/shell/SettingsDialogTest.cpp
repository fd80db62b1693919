#include <gtest/gtest.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include "ui/shell/MainWindow.h"
#include "ui/shell/ModelCardText.h"
#include "ui/shell/SettingsDialog.h"
#include "ui/shell/Translations.h"
#include "walness/bundle/ModelCard.h"
#include "walness/bundle/ModelLocator.h"

using walness::ui::MainWindow;
using walness::ui::SettingsDialog;

namespace {

const QString kShippedBundle = QStringLiteral(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");

// A copy of the shipped card under another version, with a stand-in weights file: enough for the
// card checks; loading it would fail on the weights' checksum, which is not what is tested here.
QString makeBundleFolder(const QTemporaryDir& dir, const QString& version, bool withWeights) {
  QFile card(kShippedBundle + QStringLiteral("/model.json"));
  EXPECT_TRUE(card.open(QIODevice::ReadOnly));
  QJsonObject json = QJsonDocument::fromJson(card.readAll()).object();
  json[QStringLiteral("version")] = version;
  const QString folder = dir.filePath(QStringLiteral("bundle-") + version);
  QDir().mkpath(folder);
  QFile out(folder + QStringLiteral("/model.json"));
  EXPECT_TRUE(out.open(QIODevice::WriteOnly));
  out.write(QJsonDocument(json).toJson());
  if (withWeights) {
    QFile weights(folder + QStringLiteral("/weights.safetensors"));
    EXPECT_TRUE(weights.open(QIODevice::WriteOnly));
    weights.write("stand-in");
  }
  return folder;
}

}  // namespace

TEST(SettingsDialogTest, ShowsTheInstalledBundlesWithTheirMeasuredMetricsAndLimits) {
  const auto installed = walness::bundle::listBundles(walness::bundle::modelSearchDirectories());
  if (installed.empty()) GTEST_SKIP() << "no model bundle installed";
  SettingsDialog dialog;
  dialog.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
  auto* list = dialog.findChild<QListWidget*>(QStringLiteral("bundleList"));
  auto* card = dialog.findChild<QTextBrowser*>(QStringLiteral("bundleCard"));
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->count(), int(installed.size()));
  const QString text = card->toPlainText();
  EXPECT_TRUE(text.contains(QString::fromStdString(installed.front().card.id)));
  EXPECT_TRUE(text.contains(QStringLiteral("cannot confirm that an eye is healthy")));
  EXPECT_TRUE(text.contains(QStringLiteral("Known limits")));
  EXPECT_TRUE(text.contains(QStringLiteral("AUC")));
  dialog.findChild<QTabWidget*>()->setCurrentIndex(1);
  const QImage shot = dialog.grab().toImage();
  EXPECT_TRUE(shot.save(QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR))
                            .filePath(QStringLiteral("settings-models.png"))));
}

TEST(SettingsDialogTest, AddsABundleFolderAndRefusesBrokenOnesWithoutCopying) {
  QTemporaryDir sources, models;
  QString error, installedTo;
  const QString good = makeBundleFolder(sources, QStringLiteral("0.9.0-test"), true);
  ASSERT_TRUE(SettingsDialog::addBundle(good, models.path(), &error, &installedTo))
      << error.toStdString();
  EXPECT_TRUE(QFileInfo::exists(installedTo + QStringLiteral("/model.json")));
  EXPECT_TRUE(QFileInfo::exists(installedTo + QStringLiteral("/weights.safetensors")));
  EXPECT_FALSE(SettingsDialog::addBundle(good, models.path(), &error));
  EXPECT_TRUE(error.contains(QStringLiteral("already installed"))) << error.toStdString();

  const QString noWeights = makeBundleFolder(sources, QStringLiteral("0.9.1-test"), false);
  EXPECT_FALSE(SettingsDialog::addBundle(noWeights, models.path(), &error));
  EXPECT_TRUE(error.contains(QStringLiteral("weights"))) << error.toStdString();

  EXPECT_FALSE(SettingsDialog::addBundle(sources.path(), models.path(), &error));
  EXPECT_TRUE(error.contains(QStringLiteral("model.json"))) << error.toStdString();

  const QString broken = sources.filePath(QStringLiteral("broken"));
  QDir().mkpath(broken);
  QFile card(broken + QStringLiteral("/model.json"));
  ASSERT_TRUE(card.open(QIODevice::WriteOnly));
  card.write("{\"id\": ");
  card.close();
  EXPECT_FALSE(SettingsDialog::addBundle(broken, models.path(), &error));
  EXPECT_FALSE(error.isEmpty());
  // Only the good bundle arrived; nothing half-copied is left.
  EXPECT_EQ(QDir(models.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
}

TEST(SettingsDialogTest, ChoosingKoreanTranslatesTheOpenWindowsAndEnglishRestoresThem) {
  MainWindow window;
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  SettingsDialog* dialog = window.showSettings();
  auto* language = dialog->findChild<QComboBox*>(QStringLiteral("languageCombo"));
  ASSERT_NE(language, nullptr);
  language->setCurrentIndex(language->findData(QStringLiteral("ko")));
  Q_EMIT language->activated(language->currentIndex());
  QCoreApplication::processEvents();
  EXPECT_EQ(window.tabs()->tabText(0), QStringLiteral("눈 검사"));
  EXPECT_EQ(dialog->windowTitle(), QStringLiteral("설정"));
  EXPECT_EQ(walness::ui::savedLanguage(), QStringLiteral("ko"));
  EXPECT_EQ(window.findChild<QPushButton*>(QStringLiteral("openPhotoButton"))->text(),
            QStringLiteral("사진 열기..."));

  language->setCurrentIndex(language->findData(QStringLiteral("en")));
  Q_EMIT language->activated(language->currentIndex());
  QCoreApplication::processEvents();
  EXPECT_EQ(window.tabs()->tabText(0), QStringLiteral("Eye check"));
  dialog->close();
}

TEST(SettingsDialogTest, AboutNamesTheModelVersionsAndAttributions) {
  MainWindow window;
  const QString about = window.aboutText();
  EXPECT_TRUE(about.contains(QStringLiteral("OpenStreetMap")));
  EXPECT_TRUE(about.contains(QStringLiteral("screening aid")));
  EXPECT_TRUE(about.contains(QStringLiteral("LibTorch")));
  const auto installed = walness::bundle::listBundles(walness::bundle::modelSearchDirectories());
  if (!installed.empty())
    EXPECT_TRUE(about.contains(QString::fromStdString(installed.front().card.id)));
}

// A card with held-out test metrics leads with them (interval and per disease), and an ensemble's
// card names its members with each one's own test number.
TEST(ModelCardTextTest, LeadsWithTheHeldOutTestAndNamesAnEnsemblesMembers) {
  QFile file(kShippedBundle + QStringLiteral("/model.json"));
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
  QJsonObject provenance = json[QStringLiteral("provenance")].toObject();
  provenance[QStringLiteral("ensemble")] =
      QJsonObject{{QStringLiteral("members"),
                   QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("member-a")},
                                          {QStringLiteral("version"), QStringLiteral("1.1.0")},
                                          {QStringLiteral("test"),
                                           QJsonObject{{QStringLiteral("macro_auc"), 0.8831}}}},
                              QJsonObject{{QStringLiteral("id"), QStringLiteral("member-b")},
                                          {QStringLiteral("version"), QStringLiteral("1.0.0")}}}}};
  json[QStringLiteral("provenance")] = provenance;
  auto card = walness::bundle::parseModelCard(QJsonDocument(json).toJson(), "test");
  ASSERT_TRUE(card) << card.message();
  const QJsonObject test = card->metrics[QStringLiteral("test")].toObject();
  ASSERT_TRUE(test[QStringLiteral("macro_auc")].isDouble());
  const QString auc = QString::number(test[QStringLiteral("macro_auc")].toDouble(), 'f', 3);

  const QString summary = walness::ui::modelCardSummary(*card);
  EXPECT_TRUE(summary.contains(QStringLiteral("macro AUC ") + auc +
                               QStringLiteral(" (held-out test, 795 photos)")))
      << summary.toStdString();
  QTextBrowser browser;
  browser.setHtml(walness::ui::modelCardHtml(*card));
  const QString text = browser.toPlainText();
  EXPECT_TRUE(text.contains(QStringLiteral("Measured on held-out test photos")));
  EXPECT_TRUE(text.contains(QStringLiteral("On 795 photos no choice was made on: macro AUC ") +
                            auc + QStringLiteral(" (95% interval 0.870 to 0.896)")))
      << text.toStdString();
  EXPECT_TRUE(
      text.contains(QStringLiteral("member-a 1.1.0 (test macro AUC 0.883 alone), member-b 1.0.0")))
      << text.toStdString();
  // The validation numbers stay, below.
  EXPECT_GT(text.indexOf(QStringLiteral("(val split)")), text.indexOf(QStringLiteral("no choice")));
}
