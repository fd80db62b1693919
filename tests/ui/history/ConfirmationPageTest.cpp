#include <gtest/gtest.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>

#include "HistoryPageFixture.h"
#include "PostgresServer.h"
#include "WaitFor.h"
#include "ui/history/AuditDialog.h"
#include "ui/history/CompareDialog.h"
#include "ui/history/ConfirmationDialog.h"
#include "ui/history/HistoryPage.h"
#include "ui/shell/Translations.h"
#include "walness/audit/ModelAudit.h"

using namespace walness;
using walness::test::waitFor;
using walness::ui::AuditDialog;
using walness::ui::ConfirmationDialog;
using walness::ui::HistoryPage;

namespace {

QPushButton* saveButton(ConfirmationDialog& dialog) {
  return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
}

// Save, and the page's writing it off the GUI thread (and reading the history again).
void saveAndWait(HistoryPage& page, ConfirmationDialog& dialog) {
  saveButton(dialog)->click();
  ASSERT_TRUE(loaded(page));
}

// The check at timeline row `row`, selected alone, once the page shows what it read.
void selectOnly(HistoryPage& page, int row) {
  ASSERT_TRUE(loaded(page));
  page.timeline()->clearSelection();
  page.timeline()->item(row)->setSelected(true);
}

TEST_F(HistoryPageTest, TheVetConfirmsACheckAndEditsItAsANewRevision) {
  HistoryPage page(history_);
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(loaded(page));
  ASSERT_EQ(page.timeline()->count(), 3);
  auto* confirm = page.findChild<QPushButton*>(QStringLiteral("confirmButton"));
  ASSERT_NE(confirm, nullptr);
  EXPECT_FALSE(confirm->isEnabled());  // nothing selected
  selectOnly(page, 0);
  EXPECT_TRUE(confirm->isEnabled());
  const int64_t checkId = page.timeline()->item(0)->data(Qt::UserRole).toLongLong();

  ConfirmationDialog* dialog = confirmSelected(page);
  ASSERT_NE(dialog, nullptr);
  dialog->show();
  // Every dog eye disease of the AI Hub list is offered, the model's five first.
  auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("confirmationTable"));
  ASSERT_EQ(table->rowCount(), 10);
  EXPECT_TRUE(table->item(0, 1)->text().endsWith(QLatin1Char('%')));
  EXPECT_EQ(table->item(9, 1)->text(), QStringLiteral("not checked"));
  EXPECT_EQ(dialog->earlierAnswers()->text(), QStringLiteral("Not confirmed yet."));
  // Nothing can be saved without a name and at least one answer: a clear hint instead.
  dialog->examinerField()->clear();
  EXPECT_FALSE(saveButton(*dialog)->isEnabled());
  dialog->examinerField()->setText(QStringLiteral("Dr. Kim"));
  EXPECT_FALSE(saveButton(*dialog)->isEnabled());
  dialog->setAnswer("cataract", history::FindingStatus::Present, QStringLiteral("mild"));
  dialog->setAnswer("conjunctivitis", history::FindingStatus::Absent);
  dialog->setAnswer("epiphora", history::FindingStatus::Present);
  dialog->noteField()->setPlainText(QStringLiteral("Slit lamp, both eyes."));
  ASSERT_TRUE(saveButton(*dialog)->isEnabled());
  dialog->grab().toImage().save(screenshot(QStringLiteral("confirmation-dialog-en.png")));
  saveAndWait(page, *dialog);

  auto stored = history_.store()->confirmation(checkId);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->revision, 1);
  EXPECT_EQ((*stored)->confirmedBy, "Dr. Kim");
  EXPECT_EQ((*stored)->note, "Slit lamp, both eyes.");
  EXPECT_EQ((*stored)->finding("cataract")->grade, "mild");
  EXPECT_EQ((*stored)->present("conjunctivitis"), std::optional<bool>(false));
  EXPECT_EQ((*stored)->present("epiphora"), std::optional<bool>(true));
  EXPECT_EQ((*stored)->findings.size(), 3u);  // "not examined" rows are not stored
  // The timeline marks the confirmed check, and only it.
  ASSERT_TRUE(waitFor([&] { return !page.isLoading() && page.timeline()->count() == 3; }));
  EXPECT_TRUE(page.timeline()->item(0)->text().contains(QStringLiteral("vet confirmed")));
  EXPECT_FALSE(page.timeline()->item(1)->text().contains(QStringLiteral("vet confirmed")));

  // Editing opens with the saved answer and the name filled in; saving makes revision 2.
  selectOnly(page, 0);
  ConfirmationDialog* edit = confirmSelected(page);
  ASSERT_NE(edit, nullptr);
  EXPECT_EQ(edit->examinerField()->text(), QStringLiteral("Dr. Kim"));
  EXPECT_TRUE(edit->earlierAnswers()->text().contains(QStringLiteral("Revision 1")));
  EXPECT_TRUE(edit->earlierAnswers()->text().contains(QStringLiteral("cataract found (mild)"),
                                                      Qt::CaseInsensitive));
  history::Confirmation prefilled = edit->confirmation();
  EXPECT_EQ(prefilled.findings.size(), 3u);
  edit->setAnswer("cataract", history::FindingStatus::Present, QStringLiteral("moderate"));
  edit->examinerField()->setText(QStringLiteral("Dr. Lee"));
  saveAndWait(page, *edit);
  auto revisions = history_.store()->confirmationRevisions(checkId);
  ASSERT_TRUE(revisions);
  ASSERT_EQ(revisions->size(), 2u);
  EXPECT_EQ(revisions->front().finding("cataract")->grade, "mild");
  EXPECT_EQ(revisions->back().finding("cataract")->grade, "moderate");
  EXPECT_EQ(revisions->back().confirmedBy, "Dr. Lee");

  // Compare shows what the vet said beside each side.
  selectOnly(page, 0);
  page.timeline()->item(1)->setSelected(true);
  auto* compare = compareSelected(page);
  ASSERT_NE(compare, nullptr);
  EXPECT_TRUE(compare->confirmationText(0).contains(QStringLiteral("Dr. Lee")));
  EXPECT_TRUE(compare->confirmationText(0).contains(QStringLiteral("cataract found (moderate)"),
                                                    Qt::CaseInsensitive));
  EXPECT_EQ(compare->confirmationText(1), QStringLiteral("Not confirmed by a vet."));
  compare->close();
}

TEST_F(HistoryPageTest, TheAuditViewShowsTheCoresNumbersInBothLanguages) {
  // Each check confirmed as what the model said for its top disease, and one the other way.
  auto pets = history_.store()->diagnoses(petId_);
  ASSERT_TRUE(pets);
  for (size_t i = 0; i < pets->size(); ++i) {
    const history::DiagnosisRecord& record = (*pets)[i];
    if (record.diagnosis.findings.empty()) continue;
    history::Confirmation answer;
    answer.confirmedBy = "Dr. Kim";
    for (const inference::Finding& finding : record.diagnosis.findings)
      answer.findings.push_back({finding.disease,
                                 (finding.positive != (i == 0)) ? history::FindingStatus::Present
                                                                : history::FindingStatus::Absent,
                                 ""});
    ASSERT_TRUE(history_.store()->confirm(record.id, answer));
  }
  const audit::AuditReport expected =
      audit::auditConfirmedChecks(history_.store()->confirmedChecks().value());
  ASSERT_EQ(expected.models.size(), 1u);

  HistoryPage page(history_);
  page.resize(1100, 720);
  page.show();
  AuditDialog* dialog = page.showAudit();
  ASSERT_NE(dialog, nullptr);
  dialog->show();
  ASSERT_TRUE(waitFor([&] { return dialog->property("auditReady").toBool(); }));
  auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("auditTable"));
  ASSERT_NE(table, nullptr);
  const auto& diseases = expected.models.front().diseases;
  ASSERT_EQ(table->rowCount(), int(diseases.size()));
  for (int row = 0; row < table->rowCount(); ++row) {
    const audit::DiseaseAudit& d = diseases[size_t(row)];
    EXPECT_EQ(table->item(row, 1)->text(),
              QStringLiteral("%1 / %2").arg(d.positives).arg(d.negatives));
    if (d.sensitivity)
      EXPECT_TRUE(table->item(row, 2)->text().startsWith(
          QStringLiteral("%1%").arg(qRound(d.sensitivity->value * 100))));
    EXPECT_EQ(table->item(row, 4)->text(), QStringLiteral("–"));  // 3 checks: no AUC
    EXPECT_TRUE(table->item(row, 5)->text().contains(QStringLiteral("Too few checks")))
        << table->item(row, 5)->text().toStdString();
  }
  EXPECT_TRUE(dialog->findChild<QLabel*>(QStringLiteral("auditSummary"))
                  ->text()
                  .endsWith(QStringLiteral(": 3.")));
  dialog->grab().toImage().save(screenshot(QStringLiteral("audit-dialog-en.png")));
  dialog->close();

  const QList<QTranslator*> korean =
      ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::Korean));
  ASSERT_FALSE(korean.isEmpty());
  QCoreApplication::processEvents();
  AuditDialog* koreanDialog = page.showAudit();
  koreanDialog->show();
  ASSERT_TRUE(waitFor([&] { return koreanDialog->property("auditReady").toBool(); }));
  EXPECT_EQ(koreanDialog->windowTitle(), QStringLiteral("이 병원에서 모델의 성적"));
  auto* koreanTable = koreanDialog->findChild<QTableWidget*>(QStringLiteral("auditTable"));
  EXPECT_EQ(koreanTable->horizontalHeaderItem(2)->text(), QStringLiteral("민감도"));
  EXPECT_TRUE(koreanTable->item(0, 5)->text().contains(QStringLiteral("판단하기에는")));
  koreanDialog->grab().toImage().save(screenshot(QStringLiteral("audit-dialog-ko.png")));
  koreanDialog->close();

  selectOnly(page, 0);
  ConfirmationDialog* confirmation = confirmSelected(page);
  ASSERT_NE(confirmation, nullptr);
  confirmation->show();
  EXPECT_EQ(confirmation->windowTitle(), QStringLiteral("수의사 확인"));
  confirmation->grab().toImage().save(screenshot(QStringLiteral("confirmation-dialog-ko.png")));
  confirmation->close();
  ui::removeTranslations(korean);
}

// The shared server is away when the vet presses Save: the dialog stays open with everything
// entered and says why; Save again, once the server is back, stores the answer once.
TEST(ConfirmationRetryTest, AnAnswerTheServerMissedStaysOpenAndIsSavedOnceOnRetry) {
  auto& server = test::PostgresServer::shared();
  ASSERT_TRUE(server.running()) << server.error().toStdString();
  ui::HistoryDatabase history;
  ASSERT_TRUE(history.open(server.createDatabase())) << history.error().toStdString();
  history::Pet pet;
  pet.name = "Nabi";
  const int64_t petId = history.store()->addPet(pet).value();
  history::NewDiagnosis entry;
  entry.petId = petId;
  entry.diagnosis.modelId = "dog-eye-mobilenetv2";
  entry.diagnosis.modelVersion = "1.1.0";
  entry.diagnosis.findings.push_back({"cataract", 0.7, 0.4, true, 0});
  QFile photo(test::validationPhotos(1).value(0));
  ASSERT_TRUE(photo.open(QIODevice::ReadOnly));
  entry.photo = photo.readAll();
  entry.region = cv::Rect(0, 0, 100, 100);
  const int64_t checkId = history.store()->addDiagnosis(entry).value();

  HistoryPage page(history);
  page.resize(1100, 720);
  page.show();
  ASSERT_TRUE(waitFor([&] { return page.timeline()->count() == 1; }));
  selectOnly(page, 0);
  ConfirmationDialog* dialog = confirmSelected(page);
  ASSERT_NE(dialog, nullptr);
  dialog->show();
  dialog->examinerField()->setText(QStringLiteral("Dr. Kim"));
  dialog->setAnswer("cataract", history::FindingStatus::Present, QStringLiteral("mild"));
  dialog->noteField()->setPlainText(QStringLiteral("Checked with a slit lamp."));

  ASSERT_TRUE(server.stop()) << server.error().toStdString();
  saveButton(*dialog)->click();
  EXPECT_TRUE(dialog->isSaving());  // off the GUI thread
  ASSERT_TRUE(waitFor([&] { return !dialog->isSaving(); }));
  EXPECT_TRUE(dialog->isVisible()) << "the answer would be lost";
  EXPECT_TRUE(dialog->hintLabel()->text().startsWith(QStringLiteral("Not saved. Everything")))
      << dialog->hintLabel()->text().toStdString();
  EXPECT_EQ(dialog->noteField()->toPlainText(), QStringLiteral("Checked with a slit lamp."));
  dialog->grab().toImage().save(screenshot(QStringLiteral("confirmation-not-saved-en.png")));

  ASSERT_TRUE(server.start()) << server.error().toStdString();
  QPointer<ConfirmationDialog> open(dialog);
  saveButton(*dialog)->click();
  ASSERT_TRUE(waitFor([&] { return !open || !open->isVisible(); }));
  // Read back on a connection of its own: the page saved it on its own thread's connection.
  auto check = history::HistoryStore::open(history.store()->location());
  ASSERT_TRUE(check) << check.message();
  auto revisions = (*check)->confirmationRevisions(checkId);
  ASSERT_TRUE(revisions) << revisions.message();
  ASSERT_EQ(revisions->size(), 1u);
  EXPECT_EQ(revisions->front().confirmedBy, "Dr. Kim");
  EXPECT_EQ(revisions->front().note, "Checked with a slit lamp.");
}

}  // namespace
