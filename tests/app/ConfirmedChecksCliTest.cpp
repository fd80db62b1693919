// A constructed clinic history (constructed for this test, not a real clinic's): 240 dog-eye
// validation photos screened by the shipped model into 8 pets' histories with `walness-cli batch`,
// and the photos' AI Hub labels entered as the vet's confirmations (1 present, 0 absent, empty
// not examined). Then the audit, the labelled export, `train --init` and `evaluate` end to end.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <array>
#include <cmath>
#include <map>
#include <set>

#include "CliRunner.h"
#include "SharedData.h"
#include "walness/history/HistoryStore.h"

using namespace walness;

namespace {

// A training run, however tiny, takes about a minute here and over two under AddressSanitizer
// (`scripts/dev sanitize`) beside another test: more than runCli's usual limit.
constexpr int kTrainingTimeoutMs = 600000;

constexpr int kPets = 8;
constexpr int kPhotosPerPet = 30;
const QString kModel = QStringLiteral(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");
const std::vector<std::string> kDiseases = {"conjunctivitis", "cataract", "blepharitis",
                                            "ulcerative_keratitis", "nonulcerative_keratitis"};

// file name -> label cell per disease ("1", "0" or "").
using Labels = std::map<QString, std::vector<QString>>;

// Every saved check of every pet (kept in a vector: a range-for over `*store.diagnoses(...)`
// would outlive the Result it dereferences).
std::vector<history::DiagnosisRecord> allChecks(const history::HistoryStore& store) {
  std::vector<history::DiagnosisRecord> all;
  const auto pets = store.pets();
  for (const history::Pet& pet : pets.value_or(std::vector<history::Pet>{})) {
    const auto records = store.diagnoses(pet.id);
    for (const auto& record : records.value_or(std::vector<history::DiagnosisRecord>{}))
      all.push_back(record);
  }
  return all;
}

class ConfirmedChecksCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new QTemporaryDir;
    labels_ = new Labels;
    QFile csv(test::sharedDir() + QStringLiteral("/data/dog-eye/labels.csv"));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QStringList header = QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
    int taken = 0, valRow = 0;
    while (!csv.atEnd() && taken < kPets * kPhotosPerPet) {
      const QStringList cells = QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
      if (cells.value(1) != QLatin1String("val") || cells.value(2) != QLatin1String("crop"))
        continue;
      // Every sixth: the val rows come grouped by disease folder, a clinic's checks do not.
      if (valRow++ % 6 != 0) continue;
      const QString pet = QStringLiteral("pet%1").arg(taken / kPhotosPerPet);
      const QString petFolder = folder_->filePath(QStringLiteral("photos/") + pet);
      QDir().mkpath(petFolder);
      const QString name = QFileInfo(cells[0]).fileName();
      ASSERT_TRUE(QFile::copy(test::sharedDir() + QStringLiteral("/data/dog-eye/") + cells[0],
                              petFolder + QLatin1Char('/') + name));
      std::vector<QString> row;
      for (const std::string& disease : kDiseases)
        row.push_back(cells.value(int(header.indexOf(QString::fromStdString(disease)))));
      (*labels_)[name] = row;
      ++taken;
    }
    ASSERT_EQ(taken, kPets * kPhotosPerPet);
    for (int p = 0; p < kPets; ++p) {
      const QString pet = QStringLiteral("pet%1").arg(p);
      const auto run =
          test::runCli({QStringLiteral("batch"), QStringLiteral("--species"), QStringLiteral("dog"),
                        QStringLiteral("--model"), kModel, QStringLiteral("--pet"), pet,
                        QStringLiteral("--history"), history(), QStringLiteral("--csv"),
                        folder_->filePath(pet + QStringLiteral(".csv")),
                        folder_->filePath(QStringLiteral("photos/") + pet)});
      ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    }
    // The constructed vet: every check's labels as its confirmation.
    auto store = history::HistoryStore::open(history::StoreLocation::local(history()));
    ASSERT_TRUE(store) << store.message();
    for (const history::DiagnosisRecord& record : allChecks(**store)) {
      const QString name = QString::fromStdString(record.notes).section(QLatin1Char(' '), 1);
      ASSERT_TRUE(labels_->count(name)) << record.notes;
      history::Confirmation confirmation;
      confirmation.confirmedBy = "constructed from AI Hub labels";
      for (size_t d = 0; d < kDiseases.size(); ++d) {
        const QString& cell = labels_->at(name)[d];
        confirmation.findings.push_back(
            {kDiseases[d],
             cell == QLatin1String("1")   ? history::FindingStatus::Present
             : cell == QLatin1String("0") ? history::FindingStatus::Absent
                                          : history::FindingStatus::NotExamined,
             ""});
      }
      ASSERT_TRUE((*store)->confirm(record.id, confirmation));
    }
  }
  static void TearDownTestSuite() {
    delete folder_;
    delete labels_;
  }

  static QString history() { return folder_->filePath(QStringLiteral("history")); }

  static QTemporaryDir* folder_;
  static Labels* labels_;
};

QTemporaryDir* ConfirmedChecksCliTest::folder_ = nullptr;
Labels* ConfirmedChecksCliTest::labels_ = nullptr;

double wilsonLow(int k, int n) {
  const double z = 1.959963984540054, p = double(k) / n;
  return (p + z * z / (2 * n) - z * std::sqrt(p * (1 - p) / n + z * z / (4.0 * n * n))) /
         (1 + z * z / n);
}

TEST_F(ConfirmedChecksCliTest, TheAuditEqualsADirectComputation) {
  const auto run = test::runCli(
      {QStringLiteral("audit"), QStringLiteral("--history"), history(), QStringLiteral("--json")});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  const QJsonObject audit = QJsonDocument::fromJson(run.out.toUtf8()).object();
  EXPECT_EQ(audit[QStringLiteral("confirmed_checks")].toInt(), kPets * kPhotosPerPet);
  const QJsonArray models = audit[QStringLiteral("models")].toArray();
  ASSERT_EQ(models.size(), 1);
  const QJsonObject model = models[0].toObject();

  // Directly: every check's findings against its photo's labels.
  auto store = history::HistoryStore::open(history::StoreLocation::local(history()));
  ASSERT_TRUE(store);
  std::map<std::string, std::array<int, 4>> counts;  // tp, fn, tn, fp
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> scores;
  int abstained = 0;
  for (const history::DiagnosisRecord& record : allChecks(**store)) {
    if (record.diagnosis.abstention) {
      ++abstained;
      continue;
    }
    const QString name = QString::fromStdString(record.notes).section(QLatin1Char(' '), 1);
    for (const inference::Finding& f : record.diagnosis.findings) {
      const size_t d =
          size_t(std::find(kDiseases.begin(), kDiseases.end(), f.disease) - kDiseases.begin());
      const QString cell = labels_->at(name)[d];
      if (cell.isEmpty()) continue;
      const bool present = cell == QLatin1String("1");
      auto& c = counts[f.disease];
      ++c[present ? (f.positive ? 0 : 1) : (f.positive ? 3 : 2)];
      (present ? scores[f.disease].first : scores[f.disease].second).push_back(f.probability);
    }
  }
  EXPECT_EQ(model[QStringLiteral("abstained")].toInt(), abstained);
  const QJsonArray diseases = model[QStringLiteral("diseases")].toArray();
  ASSERT_EQ(diseases.size(), 5);
  for (const QJsonValue& value : diseases) {
    const QJsonObject d = value.toObject();
    const std::string id = d[QStringLiteral("disease")].toString().toStdString();
    const auto& c = counts[id];
    SCOPED_TRACE(id);
    EXPECT_EQ(d[QStringLiteral("true_positives")].toInt(), c[0]);
    EXPECT_EQ(d[QStringLiteral("false_negatives")].toInt(), c[1]);
    EXPECT_EQ(d[QStringLiteral("true_negatives")].toInt(), c[2]);
    EXPECT_EQ(d[QStringLiteral("false_positives")].toInt(), c[3]);
    ASSERT_GT(c[0] + c[1], 0);  // the sample has both classes of every disease
    ASSERT_GT(c[2] + c[3], 0);
    const QJsonObject sensitivity = d[QStringLiteral("sensitivity")].toObject();
    EXPECT_NEAR(sensitivity[QStringLiteral("value")].toDouble(), double(c[0]) / (c[0] + c[1]),
                1e-12);
    EXPECT_NEAR(sensitivity[QStringLiteral("low")].toDouble(), wilsonLow(c[0], c[0] + c[1]), 1e-12);
    const QJsonObject specificity = d[QStringLiteral("specificity")].toObject();
    EXPECT_NEAR(specificity[QStringLiteral("value")].toDouble(), double(c[2]) / (c[2] + c[3]),
                1e-12);
    EXPECT_NEAR(specificity[QStringLiteral("low")].toDouble(), wilsonLow(c[2], c[2] + c[3]), 1e-12);
    const auto& [with, without] = scores[id];
    if (with.size() >= 10 && without.size() >= 10) {
      double wins = 0;
      for (double a : with)
        for (double b : without) wins += a > b ? 1.0 : a == b ? 0.5 : 0.0;
      EXPECT_NEAR(d[QStringLiteral("auc")].toDouble(), wins / double(with.size() * without.size()),
                  1e-9);
    } else {
      EXPECT_TRUE(d[QStringLiteral("auc")].isNull());
    }
  }
  // The plain text names every disease and the checks counted.
  const auto text = test::runCli({QStringLiteral("audit"), QStringLiteral("--history"), history()});
  ASSERT_EQ(text.exitCode, 0);
  EXPECT_TRUE(text.out.contains(QStringLiteral("240 confirmed checks"))) << text.out.toStdString();
  for (const std::string& disease : kDiseases)
    EXPECT_TRUE(text.out.contains(QString::fromStdString(disease)));
}

TEST_F(ConfirmedChecksCliTest, ExportHoldsBackWholePetsAndTrainInitComparesWithTheBundle) {
  const QString exported = folder_->filePath(QStringLiteral("export"));
  const auto run = test::runCli({QStringLiteral("history"), QStringLiteral("export-labels"),
                                 QStringLiteral("--history"), history(),
                                 QStringLiteral("--species"), QStringLiteral("dog"),
                                 QStringLiteral("--out"), exported, QStringLiteral("--json")});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
  const int photos = summary[QStringLiteral("photos")].toInt();
  EXPECT_EQ(photos + summary[QStringLiteral("skipped_abstained")].toInt(), kPets * kPhotosPerPet);
  EXPECT_EQ(summary[QStringLiteral("val_pets")].toInt(), 2);  // 20% of 8 pets
  EXPECT_EQ(summary[QStringLiteral("train_pets")].toInt(), 6);

  QFile csv(exported + QStringLiteral("/labels.csv"));
  ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
  const QStringList header = QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
  EXPECT_EQ(header.mid(0, 5), (QStringList{"image", "split", "framing", "pet", "taken_at"}));
  std::map<QString, std::set<QString>> splitsOfPet;
  auto store = history::HistoryStore::open(history::StoreLocation::local(history()));
  ASSERT_TRUE(store);
  int rows = 0;
  while (!csv.atEnd()) {
    const QStringList cells = QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
    ++rows;
    splitsOfPet[cells[3]].insert(cells[1]);
    EXPECT_EQ(cells[2], QStringLiteral("confirmed"));
    const cv::Mat image = cv::imread((exported + QLatin1Char('/') + cells[0]).toStdString());
    ASSERT_FALSE(image.empty()) << cells[0].toStdString();
    // The row's labels are the confirmation's: look the check up by its id in the file name.
    const int64_t id =
        cells[0].section(QLatin1Char('-'), 1).section(QLatin1Char('.'), 0, 0).toLongLong();
    auto record = (*store)->diagnosis(id);
    ASSERT_TRUE(record) << record.message();
    EXPECT_EQ(image.cols, std::min(record->region.width, 512));
    const QString name = QString::fromStdString(record->notes).section(QLatin1Char(' '), 1);
    for (size_t d = 0; d < kDiseases.size(); ++d)
      EXPECT_EQ(cells[int(header.indexOf(QString::fromStdString(kDiseases[d])))],
                labels_->at(name)[d]);
  }
  EXPECT_EQ(rows, photos);
  EXPECT_EQ(splitsOfPet.size(), size_t(kPets));
  for (const auto& [pet, splits] : splitsOfPet) EXPECT_EQ(splits.size(), 1u) << pet.toStdString();

  // Exporting again over it is refused and leaves the files alone.
  const auto again =
      test::runCli({QStringLiteral("history"), QStringLiteral("export-labels"),
                    QStringLiteral("--history"), history(), QStringLiteral("--species"),
                    QStringLiteral("dog"), QStringLiteral("--out"), exported});
  EXPECT_EQ(again.exitCode, 3);
  EXPECT_TRUE(again.err.contains(QStringLiteral("already has a labels.csv")));

  // One tiny epoch from the shipped bundle, compared with it on the held-back pets.
  const QString bundle = folder_->filePath(QStringLiteral("clinic-bundle"));
  const auto trained = test::runCli(
      {QStringLiteral("train"), QStringLiteral("--init"), kModel, QStringLiteral("--data"),
       exported + QStringLiteral("/labels.csv"), QStringLiteral("--out"), bundle,
       QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--freeze-blocks"),
       QStringLiteral("17"), QStringLiteral("--model-version"), QStringLiteral("1.0.0-clinic.1"),
       QStringLiteral("--json")},
      QString(), kTrainingTimeoutMs);
  ASSERT_EQ(trained.exitCode, 0) << trained.err.toStdString();
  const QJsonObject result = QJsonDocument::fromJson(trained.out.toUtf8()).object();
  const QJsonObject compared = result[QStringLiteral("compared_with_init")].toObject();
  ASSERT_TRUE(compared[QStringLiteral("new_macro_auc")].isDouble()) << trained.out.toStdString();
  ASSERT_TRUE(compared[QStringLiteral("old_macro_auc")].isDouble());
  EXPECT_EQ(compared[QStringLiteral("better")].toBool(),
            compared[QStringLiteral("new_macro_auc")].toDouble() >
                compared[QStringLiteral("old_macro_auc")].toDouble());

  QFile cardFile(bundle + QStringLiteral("/model.json"));
  ASSERT_TRUE(cardFile.open(QIODevice::ReadOnly));
  const QJsonObject card = QJsonDocument::fromJson(cardFile.readAll()).object();
  const QJsonObject provenance = card[QStringLiteral("provenance")].toObject();
  EXPECT_TRUE(provenance[QStringLiteral("data_origin")].toString().startsWith(
      QString::number(photos) + QStringLiteral(" confirmed checks from this clinic")));
  EXPECT_TRUE(provenance[QStringLiteral("initialisation")].toString().contains(
      QStringLiteral("weights of bundle dog-eye-mobilenetv2")));
  EXPECT_TRUE(
      card[QStringLiteral("metrics")].toObject().contains(QStringLiteral("compared_with_init")));
  EXPECT_EQ(card[QStringLiteral("input")].toObject()[QStringLiteral("size")].toInt(), 224);

  // `evaluate` reads the new bundle and measures the same held-back photos the same way.
  const auto evaluated =
      test::runCli({QStringLiteral("evaluate"), QStringLiteral("--model"), bundle,
                    QStringLiteral("--data"), exported + QStringLiteral("/labels.csv"),
                    QStringLiteral("--split"), QStringLiteral("val"), QStringLiteral("--json")});
  ASSERT_EQ(evaluated.exitCode, 0) << evaluated.err.toStdString();
  EXPECT_NEAR(QJsonDocument::fromJson(evaluated.out.toUtf8())
                  .object()[QStringLiteral("macro_auc")]
                  .toDouble(),
              compared[QStringLiteral("new_macro_auc")].toDouble(), 1e-6);
}

TEST_F(ConfirmedChecksCliTest, ConfirmFromTheCommandLineValidatesAndKeepsRevisions) {
  const auto list = test::runCli({QStringLiteral("history"), QStringLiteral("checks"),
                                  QStringLiteral("--history"), history(), QStringLiteral("--pet"),
                                  QStringLiteral("pet0"), QStringLiteral("--json")});
  ASSERT_EQ(list.exitCode, 0) << list.err.toStdString();
  const QStringList lines = list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), kPhotosPerPet);
  const QJsonObject first = QJsonDocument::fromJson(lines[0].toUtf8()).object();
  EXPECT_TRUE(first[QStringLiteral("confirmed")].toBool());
  const QString id = QString::number(first[QStringLiteral("id")].toInteger());

  const auto confirm = [&](const QStringList& extra) {
    return test::runCli(QStringList{QStringLiteral("history"), QStringLiteral("confirm"), id,
                                    QStringLiteral("--history"), history()} +
                        extra);
  };
  EXPECT_EQ(confirm({QStringLiteral("--by"), QStringLiteral("Dr. Kim"), QStringLiteral("--present"),
                     QStringLiteral("glaucoma")})
                .exitCode,
            2);
  EXPECT_EQ(confirm({QStringLiteral("--present"), QStringLiteral("cataract")}).exitCode,
            2);  // no --by
  EXPECT_EQ(test::runCli({QStringLiteral("history"), QStringLiteral("confirm"),
                          QStringLiteral("999999"), QStringLiteral("--history"), history(),
                          QStringLiteral("--by"), QStringLiteral("Dr. Kim"),
                          QStringLiteral("--absent"), QStringLiteral("cataract")})
                .exitCode,
            3);
  const auto edited =
      confirm({QStringLiteral("--by"), QStringLiteral("Dr. Kim"), QStringLiteral("--present"),
               QStringLiteral("cataract,epiphora"), QStringLiteral("--absent"),
               QStringLiteral("conjunctivitis"), QStringLiteral("--grade"),
               QStringLiteral("cataract=immature"), QStringLiteral("--note"),
               QStringLiteral("re-examined"), QStringLiteral("--json")});
  ASSERT_EQ(edited.exitCode, 0) << edited.err.toStdString();
  const QJsonObject stored = QJsonDocument::fromJson(edited.out.toUtf8()).object();
  EXPECT_EQ(stored[QStringLiteral("revision")].toInt(), 2);  // the constructed answer was 1
  auto store = history::HistoryStore::open(history::StoreLocation::local(history()));
  ASSERT_TRUE(store);
  auto revisions = (*store)->confirmationRevisions(id.toLongLong());
  ASSERT_TRUE(revisions);
  ASSERT_EQ(revisions->size(), 2u);
  EXPECT_EQ(revisions->back().finding("cataract")->grade, "immature");
  EXPECT_EQ(revisions->back().present("epiphora"), std::optional<bool>(true));
  EXPECT_EQ(revisions->front().confirmedBy, "constructed from AI Hub labels");
}

}  // namespace
