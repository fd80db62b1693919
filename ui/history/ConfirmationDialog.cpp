#include "ui/history/ConfirmationDialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QUuid>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "walness/Diseases.h"

namespace walness::ui {

namespace {

const char* kExaminerKey = "history/examiner";

QString when(const std::string& iso) {
  return QDateTime::fromString(QString::fromStdString(iso), Qt::ISODateWithMs)
      .toLocalTime()
      .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// The model's diseases first (its order: most probable first), then the species' others.
std::vector<std::string> diseasesToConfirm(const inference::Diagnosis& diagnosis, Species species) {
  std::vector<std::string> diseases;
  for (const inference::Finding& finding : diagnosis.findings) diseases.push_back(finding.disease);
  for (const Disease& disease : allDiseases())
    if ((species == Species::Cat ? disease.cat : disease.dog) &&
        std::find(diseases.begin(), diseases.end(), disease.id) == diseases.end())
      diseases.emplace_back(disease.id);
  return diseases;
}

}  // namespace

ConfirmationDialog::ConfirmationDialog(
    const history::DiagnosisRecord& record, Species species,
    std::vector<history::Confirmation> revisions,
    const std::function<QString(const std::string&)>& diseaseName, QWidget* parent)
    : QDialog(parent),
      diseases_(diseasesToConfirm(record.diagnosis, species)),
      table_(new QTableWidget(this)),
      examiner_(new QLineEdit(this)),
      note_(new QPlainTextEdit(this)),
      earlier_(new QLabel(this)),
      hint_(new QLabel(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this)) {
  setObjectName(QStringLiteral("confirmationDialog"));
  setWindowTitle(tr("Vet's confirmation"));
  QLabel* header = headerFor(record);
  fillTable(record.diagnosis, diseaseName);
  configureFields();
  showRevisions(revisions, diseaseName);
  layOut(header);
  connect(examiner_, &QLineEdit::textChanged, this, &ConfirmationDialog::updateSaveButton);
  connect(buttons_, &QDialogButtonBox::accepted, this, &ConfirmationDialog::save);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  uid_ = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
  updateSaveButton();
  adjustSize();
}

QLabel* ConfirmationDialog::headerFor(const history::DiagnosisRecord& record) {
  auto* header = new QLabel(this);
  header->setTextFormat(Qt::PlainText);
  header->setWordWrap(true);
  header->setText(
      tr("Check of %1, screened by %2 %3. Enter what the examination showed; the model's "
         "probabilities are shown for comparison only.")
          .arg(when(record.takenAt), QString::fromStdString(record.diagnosis.modelId),
               QString::fromStdString(record.diagnosis.modelVersion)));
  return header;
}

void ConfirmationDialog::fillTable(const inference::Diagnosis& diagnosis,
                                   const std::function<QString(const std::string&)>& diseaseName) {
  table_->setObjectName(QStringLiteral("confirmationTable"));
  table_->setColumnCount(4);
  table_->setHorizontalHeaderLabels(
      {tr("Disease"), tr("The model"), tr("Vet's finding"), tr("Grade (optional)")});
  table_->setRowCount(int(diseases_.size()));
  table_->verticalHeader()->hide();
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  for (int row = 0; row < int(diseases_.size()); ++row) addTableRow(row, diagnosis, diseaseName);
  table_->resizeColumnsToContents();
  table_->resizeRowsToContents();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setMinimumWidth(560);
  // Every disease visible without scrolling (10 rows for a dog).
  int height = table_->horizontalHeader()->sizeHint().height() + 2 * table_->frameWidth() + 2;
  for (int row = 0; row < table_->rowCount(); ++row) height += table_->rowHeight(row);
  table_->setMinimumHeight(height);
}

void ConfirmationDialog::addTableRow(
    int row, const inference::Diagnosis& diagnosis,
    const std::function<QString(const std::string&)>& diseaseName) {
  const std::string& id = diseases_[size_t(row)];
  table_->setItem(row, 0, new QTableWidgetItem(diseaseName(id)));
  const auto finding = std::find_if(diagnosis.findings.begin(), diagnosis.findings.end(),
                                    [&](const inference::Finding& f) { return f.disease == id; });
  table_->setItem(row, 1,
                  new QTableWidgetItem(
                      finding != diagnosis.findings.end()
                          ? QStringLiteral("%1%").arg(int(std::lround(finding->probability * 100)))
                      : diagnosis.abstention ? tr("no findings")
                                             : tr("not checked")));
  auto* status = new QComboBox(table_);
  status->addItem(tr("Not examined"), int(history::FindingStatus::NotExamined));
  status->addItem(tr("Found"), int(history::FindingStatus::Present));
  status->addItem(tr("Not found"), int(history::FindingStatus::Absent));
  table_->setCellWidget(row, 2, status);
  auto* grade = new QComboBox(table_);
  grade->setEditable(true);
  grade->addItems({QString(), tr("mild"), tr("moderate"), tr("severe")});
  table_->setCellWidget(row, 3, grade);
  connect(status, &QComboBox::currentIndexChanged, this, &ConfirmationDialog::updateSaveButton);
}

void ConfirmationDialog::configureFields() {
  examiner_->setObjectName(QStringLiteral("examiner"));
  examiner_->setPlaceholderText(tr("Name of the vet who examined the pet"));
  note_->setObjectName(QStringLiteral("confirmationNote"));
  note_->setMaximumHeight(70);
  earlier_->setObjectName(QStringLiteral("earlierAnswers"));
  earlier_->setTextFormat(Qt::PlainText);
  earlier_->setWordWrap(true);
  hint_->setTextFormat(Qt::PlainText);
  hint_->setWordWrap(true);
}

// The newest answer, when there is one, is where editing starts.
void ConfirmationDialog::showRevisions(
    const std::vector<history::Confirmation>& revisions,
    const std::function<QString(const std::string&)>& diseaseName) {
  if (revisions.empty()) {
    examiner_->setText(QSettings().value(QLatin1String(kExaminerKey)).toString());
    earlier_->setText(tr("Not confirmed yet."));
    return;
  }
  const history::Confirmation& newest = revisions.back();
  for (const history::ConfirmedFinding& finding : newest.findings)
    setAnswer(finding.disease, finding.status, QString::fromStdString(finding.grade));
  examiner_->setText(QString::fromStdString(newest.confirmedBy));
  note_->setPlainText(QString::fromStdString(newest.note));
  QStringList lines;
  for (auto it = revisions.rbegin(); it != revisions.rend(); ++it) {
    lines << tr("Revision %1, %2 by %3: %4")
                 .arg(it->revision)
                 .arg(when(it->confirmedAt), QString::fromStdString(it->confirmedBy),
                      findingsText(*it, diseaseName));
  }
  earlier_->setText(tr("Saved answers (newest first; saving adds a revision):") +
                    QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
}

void ConfirmationDialog::layOut(QLabel* header) {
  auto* form = new QFormLayout;
  form->addRow(tr("Examined by:"), examiner_);
  form->addRow(tr("Note:"), note_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(header);
  layout->addWidget(table_);
  layout->addLayout(form);
  layout->addWidget(earlier_);
  layout->addWidget(hint_);
  layout->addWidget(buttons_);
}

void ConfirmationDialog::save() {
  if (saving_ || !canSave()) return;
  QSettings().setValue(QLatin1String(kExaminerKey), examiner_->text().trimmed());
  if (!saver_) return accept();
  saving_ = true;
  buttons_->setEnabled(false);
  hint_->setText(tr("Saving..."));
  saver_(confirmation(), [dialog = QPointer<ConfirmationDialog>(this)](const QString& error) {
    if (dialog) dialog->saved(error);
  });
}

void ConfirmationDialog::saved(const QString& error) {
  saving_ = false;
  buttons_->setEnabled(true);
  if (error.isEmpty()) return accept();
  updateSaveButton();
  // What to do first, then the server's reason; the dialog grows to show all of it.
  hint_->setText(
      tr("Not saved. Everything you entered is kept; press Save to try again.\n%1").arg(error));
  adjustSize();
}

void ConfirmationDialog::reject() {
  if (!saving_) QDialog::reject();
}

QString ConfirmationDialog::findingsText(
    const history::Confirmation& confirmation,
    const std::function<QString(const std::string&)>& diseaseName) {
  QStringList said;
  for (const history::ConfirmedFinding& finding : confirmation.findings) {
    if (finding.status == history::FindingStatus::NotExamined) continue;
    QString text = finding.status == history::FindingStatus::Present
                       ? tr("%1 found").arg(diseaseName(finding.disease))
                       : tr("%1 not found").arg(diseaseName(finding.disease));
    if (!finding.grade.empty())
      text += QStringLiteral(" (%1)").arg(QString::fromStdString(finding.grade));
    said << text;
  }
  return said.join(QStringLiteral(", "));
}

int ConfirmationDialog::rowOf(const std::string& disease) const {
  const auto it = std::find(diseases_.begin(), diseases_.end(), disease);
  return it == diseases_.end() ? -1 : int(it - diseases_.begin());
}

void ConfirmationDialog::setAnswer(const std::string& disease, history::FindingStatus status,
                                   const QString& grade) {
  const int row = rowOf(disease);
  if (row < 0) return;
  auto* statusBox = qobject_cast<QComboBox*>(table_->cellWidget(row, 2));
  statusBox->setCurrentIndex(statusBox->findData(int(status)));
  qobject_cast<QComboBox*>(table_->cellWidget(row, 3))->setCurrentText(grade);
}

history::Confirmation ConfirmationDialog::confirmation() const {
  history::Confirmation answer;
  answer.confirmedBy = examiner_->text().trimmed().toStdString();
  answer.note = note_->toPlainText().trimmed().toStdString();
  answer.uid = uid_;
  for (int row = 0; row < int(diseases_.size()); ++row) {
    const auto status = history::FindingStatus(
        qobject_cast<QComboBox*>(table_->cellWidget(row, 2))->currentData().toInt());
    const QString grade =
        qobject_cast<QComboBox*>(table_->cellWidget(row, 3))->currentText().trimmed();
    if (status == history::FindingStatus::NotExamined && grade.isEmpty()) continue;
    answer.findings.push_back({diseases_[size_t(row)], status, grade.toStdString()});
  }
  return answer;
}

bool ConfirmationDialog::canSave() const {
  if (examiner_->text().trimmed().isEmpty()) return false;
  const history::Confirmation answer = confirmation();
  return std::any_of(answer.findings.begin(), answer.findings.end(),
                     [](const auto& f) { return f.status != history::FindingStatus::NotExamined; });
}

void ConfirmationDialog::updateSaveButton() {
  const bool ok = canSave();
  buttons_->button(QDialogButtonBox::Save)->setEnabled(ok);
  hint_->setText(ok ? QString()
                 : examiner_->text().trimmed().isEmpty()
                     ? tr("Enter who examined the pet to save.")
                     : tr("Mark at least one disease as found or not found to save."));
}

}  // namespace walness::ui
