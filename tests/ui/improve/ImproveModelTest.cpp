// Settings > Models > "Improve with this clinic's confirmed checks", on a constructed clinic
// history (constructed for this test: 48 dog-eye val photos screened by the shipped model for 6
// pets, their AI Hub labels entered as the vet's confirmations).
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>

#include <optional>

#include "SharedData.h"
#include "WaitFor.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/improve/ImproveModelDialog.h"
#include "ui/shell/SettingsDialog.h"
#include "walness/bundle/ModelBundle.h"
#include "walness/bundle/ModelChoice.h"
#include "walness/gate/EyeGate.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/inference/ScreeningSession.h"

using namespace walness;
using walness::test::waitFor;

namespace {

const std::vector<std::string> kDiseases = {"conjunctivitis", "cataract", "blepharitis",
                                            "ulcerative_keratitis", "nonulcerative_keratitis"};

class ImproveModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(
        history_.open(history::StoreLocation::local(folder_.filePath(QStringLiteral("h")))));
    // The shipped single-network dog model: an ensemble (the default 2.0.0) is improved through
    // its members, not as a whole.
    std::optional<bundle::BundleListing> dog;
    for (const auto& listing : bundle::listBundles(bundle::modelSearchDirectories()))
      if (listing.card.id == "dog-eye-mobilenetv2") dog = listing;
    ASSERT_TRUE(dog) << "the shipped dog model is not found";
    activeBefore_ = bundle::ModelChoice::active(Species::Dog)->directory;
    base_ = dog->directory;
    baseName_ = QString::fromStdString(dog->card.id + " " + dog->card.version);
    auto session = inference::ScreeningSession::open(dog->directory);
    ASSERT_TRUE(session) << session.message();
    QFile csv(test::sharedDir() + QStringLiteral("/data/dog-eye/labels.csv"));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QStringList header = QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
    int taken = 0, row = 0;
    std::vector<int64_t> pets;
    for (int p = 0; p < 6; ++p) {
      history::Pet pet;
      pet.name = "pet" + std::to_string(p);
      pets.push_back(history_.store()->addPet(pet).value());
    }
    while (!csv.atEnd() && taken < 48) {
      const QStringList cells = QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
      if (cells.value(1) != QLatin1String("val") || cells.value(2) != QLatin1String("crop") ||
          row++ % 30 != 0)
        continue;
      QFile photo(test::sharedDir() + QStringLiteral("/data/dog-eye/") + cells[0]);
      ASSERT_TRUE(photo.open(QIODevice::ReadOnly));
      history::NewDiagnosis entry;
      entry.photo = photo.readAll();
      auto decoded =
          imaging::decodeImageBytes(reinterpret_cast<const unsigned char*>(entry.photo.constData()),
                                    size_t(entry.photo.size()), "photo");
      ASSERT_TRUE(decoded);
      auto diagnosis = (*session)->diagnose(decoded->rgb, std::nullopt);
      ASSERT_TRUE(diagnosis) << diagnosis.message();
      entry.petId = pets[size_t(taken % 6)];
      entry.diagnosis = *diagnosis;
      entry.region = cv::Rect(0, 0, decoded->rgb.cols, decoded->rgb.rows);
      auto id = history_.store()->addDiagnosis(entry);
      ASSERT_TRUE(id);
      history::Confirmation answer;
      answer.confirmedBy = "constructed from AI Hub labels";
      for (const std::string& disease : kDiseases) {
        const QString cell = cells.value(int(header.indexOf(QString::fromStdString(disease))));
        if (!cell.isEmpty())
          answer.findings.push_back({disease,
                                     cell == QLatin1String("1") ? history::FindingStatus::Present
                                                                : history::FindingStatus::Absent,
                                     ""});
      }
      ASSERT_TRUE(history_.store()->confirm(*id, answer));
      ++taken;
    }
    ASSERT_EQ(taken, 48);
  }

  void TearDown() override {
    bundle::ModelChoice::forget(Species::Dog);
    if (!installed_.isEmpty()) QDir(installed_).removeRecursively();
  }

  // The Settings dialog with the shipped dog bundle selected.
  void selectBase(ui::SettingsDialog& settings) {
    for (int row = 0; row < settings.bundleList()->count(); ++row) {
      const QString text = settings.bundleList()->item(row)->text();
      if (text == baseName_ || text.startsWith(baseName_ + QLatin1Char(' ')))
        settings.bundleList()->setCurrentRow(row);
    }
  }

  QTemporaryDir folder_;
  ui::HistoryDatabase history_;
  std::string base_;
  std::string activeBefore_;  // the dog model the app screens with before the test
  QString baseName_;          // "id version" as Settings lists it
  QString installed_;
};

TEST_F(ImproveModelTest, ItLearnsOffTheGuiThreadComparesAndOffersOnlyABetterModel) {
  ui::SettingsDialog settings;
  settings.setHistory(&history_);
  selectBase(settings);
  auto* improve = settings.findChild<QPushButton*>(QStringLiteral("improveModelButton"));
  ASSERT_TRUE(improve->isEnabled());
  ui::ImproveModelDialog* dialog = settings.improveSelectedBundle();
  ASSERT_NE(dialog, nullptr);
  dialog->show();
  dialog->epochsField()->setValue(2);
  dialog->start();
  EXPECT_TRUE(dialog->running());
  // The GUI thread stays free: events are processed while it learns.
  ASSERT_TRUE(waitFor([&] { return !dialog->running(); }, 240000));
  ASSERT_TRUE(dialog->result()) << dialog->statusLabel()->text().toStdString();
  const auto& result = *dialog->result();
  const auto& comparison = result.comparison;
  ASSERT_TRUE(comparison.candidate.macroAuc && comparison.baseline.macroAuc);
  EXPECT_EQ(result.exported.heldBackPets + result.exported.trainPets, 6);
  EXPECT_TRUE(dialog->resultLabel()->text().contains(
      QString::number(*comparison.candidate.macroAuc, 'f', 3)));
  EXPECT_TRUE(dialog->resultLabel()->text().contains(
      QString::number(*comparison.baseline.macroAuc, 'f', 3)));
  EXPECT_EQ(dialog->installButton()->isEnabled(), comparison.candidateBetter);
  dialog->grab().toImage().save(QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR))
                                    .filePath(QStringLiteral("improve-model-en.png")));

  // Head-only learning keeps the backbone bit for bit, so the eye gate comes along and loads.
  EXPECT_TRUE(result.eyeGateCarried);
  auto bundle = bundle::loadModelBundle(result.bundleDirectory);
  ASSERT_TRUE(bundle) << bundle.message();
  auto gate = gate::loadEyeGate(result.bundleDirectory, bundle->card.weightsSha256);
  ASSERT_TRUE(gate) << gate.message();
  EXPECT_TRUE(gate->has_value());
  EXPECT_TRUE(bundle->card.metrics.contains(QStringLiteral("compared_with_init")));
  EXPECT_TRUE(bundle->card.provenance.value(QStringLiteral("data_origin"))
                  .toString()
                  .contains(QStringLiteral("confirmed checks from this clinic")));

  if (comparison.candidateBetter) {
    ASSERT_TRUE(dialog->install());
    const auto active = bundle::ModelChoice::active(Species::Dog);
    ASSERT_TRUE(active);
    installed_ = QString::fromStdString(active->directory);
    EXPECT_NE(active->directory, base_);
    EXPECT_EQ(active->card.version, bundle->card.version);
  } else {
    EXPECT_FALSE(dialog->install());  // nothing is offered, nothing installed
    EXPECT_TRUE(dialog->resultLabel()->text().contains(QStringLiteral("did not do better")));
    EXPECT_EQ(bundle::ModelChoice::active(Species::Dog)->directory, activeBefore_);
  }
  dialog->close();
}

TEST_F(ImproveModelTest, CancellingInstallsNothing) {
  ui::SettingsDialog settings;
  settings.setHistory(&history_);
  selectBase(settings);
  ui::ImproveModelDialog* dialog = settings.improveSelectedBundle();
  ASSERT_NE(dialog, nullptr);
  dialog->epochsField()->setValue(5);
  dialog->start();
  ASSERT_TRUE(
      waitFor([&] { return dialog->statusLabel()->text().startsWith(QStringLiteral("Learning")); },
              120000));
  dialog->cancel();
  ASSERT_TRUE(waitFor([&] { return !dialog->running(); }, 60000));
  EXPECT_FALSE(dialog->result());
  EXPECT_EQ(dialog->statusLabel()->text(), QStringLiteral("Cancelled. Nothing was installed."));
  EXPECT_FALSE(dialog->installButton()->isEnabled());
  EXPECT_EQ(bundle::ModelChoice::active(Species::Dog)->directory, activeBefore_);
  dialog->close();
}

// Choosing a model in Settings > Models is what the app screens with; choosing the other one
// again switches back.
TEST_F(ImproveModelTest, UseThisModelSwitchesAndSwitchesBack) {
  QTemporaryDir models;
  QString error, copy;
  // A second installed version of the same model: the shipped bundle with another version.
  const QString staged = models.filePath(QStringLiteral("staged"));
  QDir().mkpath(staged);
  for (const QString& name : QDir(QString::fromStdString(base_)).entryList(QDir::Files))
    ASSERT_TRUE(QFile::copy(QString::fromStdString(base_) + QLatin1Char('/') + name,
                            staged + QLatin1Char('/') + name));
  QFile card(staged + QStringLiteral("/model.json"));
  ASSERT_TRUE(card.open(QIODevice::ReadWrite));
  QByteArray json = card.readAll();
  json.replace("\"version\": \"", "\"version\": \"0.9.");  // an older-looking version
  card.resize(0);
  card.write(json);
  card.close();
  ASSERT_TRUE(
      ui::SettingsDialog::addBundle(staged, ui::SettingsDialog::userModelsFolder(), &error, &copy))
      << error.toStdString();
  installed_ = copy;

  ui::SettingsDialog settings;
  auto* use = settings.findChild<QPushButton*>(QStringLiteral("useBundleButton"));
  int older = -1;
  for (int row = 0; row < settings.bundleList()->count(); ++row)
    if (settings.bundleList()->item(row)->text().contains(QStringLiteral(" 0.9."))) older = row;
  ASSERT_GE(older, 0);
  settings.bundleList()->setCurrentRow(older);
  ASSERT_TRUE(use->isEnabled());
  use->click();
  EXPECT_EQ(QDir(QString::fromStdString(bundle::ModelChoice::active(Species::Dog)->directory)),
            QDir(copy));
  EXPECT_TRUE(settings.bundleList()->item(older)->text().contains(QStringLiteral("(in use)")));
  EXPECT_FALSE(use->isEnabled());  // already in use

  selectBase(settings);
  use->click();  // one click back
  EXPECT_EQ(bundle::ModelChoice::active(Species::Dog)->directory, base_);
}

}  // namespace

// An ensemble (the shipped 2.0.0) cannot be fine-tuned as a whole: its Improve button is off and
// says what to select instead.
TEST_F(ImproveModelTest, AnEnsembleIsImprovedThroughItsMembers) {
  ui::SettingsDialog settings;
  settings.setHistory(&history_);
  auto* improve = settings.findChild<QPushButton*>(QStringLiteral("improveModelButton"));
  bool foundEnsemble = false;
  for (int row = 0; row < settings.bundleList()->count(); ++row) {
    if (!settings.bundleList()->item(row)->text().startsWith(QStringLiteral("dog-eye-ensemble")))
      continue;
    foundEnsemble = true;
    settings.bundleList()->setCurrentRow(row);
    EXPECT_FALSE(improve->isEnabled());
    EXPECT_TRUE(improve->toolTip().contains(QStringLiteral("select one of its members")));
  }
  if (!foundEnsemble) GTEST_SKIP() << "no ensemble bundle installed";
  selectBase(settings);
  EXPECT_TRUE(improve->isEnabled());
}
