#include "ui/history/AuditDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace walness::ui {

namespace {

QString percent(double value) {
  return QStringLiteral("%1%").arg(qRound(value * 100));
}

QString proportion(const std::optional<audit::Proportion>& p) {
  if (!p) return QStringLiteral("–");
  return QStringLiteral("%1 (%2–%3)").arg(percent(p->value), percent(p->low), percent(p->high));
}

QLabel* plainLabel(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  label->setTextFormat(Qt::PlainText);
  label->setWordWrap(true);
  return label;
}

}  // namespace

AuditDialog::AuditDialog(const std::function<QString(const std::string&)>& diseaseName,
                         QWidget* parent)
    : QDialog(parent),
      diseaseName_(diseaseName),
      summary_(new QLabel(this)),
      body_(new QWidget(this)),
      bodyLayout_(new QVBoxLayout(body_)) {
  setObjectName(QStringLiteral("auditDialog"));
  setWindowTitle(tr("How the model did here"));
  summary_->setObjectName(QStringLiteral("auditSummary"));
  summary_->setTextFormat(Qt::PlainText);
  summary_->setWordWrap(true);
  summary_->setText(tr("Measuring the model against the vet's confirmations..."));
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setWidget(body_);
  auto* explanation = plainLabel(
      tr("Sensitivity: of the eyes the vet found a disease in, the share the model flagged. "
         "Specificity: of the eyes the vet examined and found free of it, the share the model "
         "left unflagged. Both at the threshold each check was screened with; in brackets the "
         "95% interval (Wilson). AUC (how well the model ranks eyes with the disease above "
         "those without) is shown once there are at least %1 checks of each. Only checks a vet "
         "confirmed count; nothing leaves this computer.")
          .arg(audit::AuditReport::kMinimumForAuc),
      this);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary_);
  layout->addWidget(scroll, 1);
  layout->addWidget(explanation);
  layout->addWidget(buttons);
  resize(900, 560);
}

void AuditDialog::clearBody() {
  while (QLayoutItem* item = bodyLayout_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
}

void AuditDialog::showError(const QString& message) {
  clearBody();
  summary_->setText(tr("The audit could not be made: %1").arg(message));
}

QString AuditDialog::wordsFor(const audit::DiseaseAudit& d) const {
  const int minimum = audit::AuditReport::kMinimumForAuc;
  if (d.positives == 0 && d.negatives == 0)
    return tr("No confirmed checks yet: nothing can be said here.");
  QStringList words;
  if (d.sensitivity)
    words << tr("Flagged %1 of %2 eyes the vet found it in.").arg(d.truePositives).arg(d.positives);
  if (d.specificity)
    words << tr("Left %1 of %2 eyes without it unflagged.").arg(d.trueNegatives).arg(d.negatives);
  if (d.positives < minimum || d.negatives < minimum)
    words << tr("Too few checks to judge: at least %1 with and %1 without the disease are needed "
                "(%2 and %3 so far).")
                 .arg(minimum)
                 .arg(d.positives)
                 .arg(d.negatives);
  return words.join(QLatin1Char(' '));
}

void AuditDialog::showReport(const audit::AuditReport& report, const QString& historyName) {
  clearBody();
  if (report.models.empty()) {
    summary_->setText(tr("No check in %1 has a vet's confirmation yet. Select a saved check on "
                         "the History page and use Confirm... after the examination.")
                          .arg(historyName));
    return;
  }
  summary_->setText(tr("Confirmed checks in %1: %2.").arg(historyName).arg(report.confirmedChecks));
  for (const audit::ModelVersionAudit& model : report.models) {
    auto* title = plainLabel(
        tr("%1 %2: %3 confirmed checks (%4 without findings), %5 to %6")
            .arg(QString::fromStdString(model.modelId), QString::fromStdString(model.modelVersion))
            .arg(model.confirmedChecks)
            .arg(model.abstained)
            .arg(QString::fromStdString(model.firstCheck.substr(0, 10)),
                 QString::fromStdString(model.lastCheck.substr(0, 10))),
        body_);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    bodyLayout_->addWidget(title);
    auto* table = new QTableWidget(int(model.diseases.size()), 6, body_);
    table->setObjectName(QStringLiteral("auditTable"));
    table->setHorizontalHeaderLabels({tr("Disease"), tr("With / without"), tr("Sensitivity"),
                                      tr("Specificity"), tr("AUC"), tr("What it means")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(true);
    for (int row = 0; row < int(model.diseases.size()); ++row) {
      const audit::DiseaseAudit& d = model.diseases[size_t(row)];
      const QStringList cells{diseaseName_(d.disease),
                              QStringLiteral("%1 / %2").arg(d.positives).arg(d.negatives),
                              proportion(d.sensitivity),
                              proportion(d.specificity),
                              d.auc ? QString::number(*d.auc, 'f', 2) : QStringLiteral("–"),
                              wordsFor(d)};
      for (int column = 0; column < cells.size(); ++column)
        table->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    table->resizeColumnsToContents();
    table->setColumnWidth(5, 330);
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeRowsToContents();
    int height = table->horizontalHeader()->height() + 4;
    for (int row = 0; row < table->rowCount(); ++row) height += table->rowHeight(row);
    table->setMinimumHeight(height);
    bodyLayout_->addWidget(table);
  }
  for (const audit::UncheckedDisease& u : report.unchecked)
    bodyLayout_->addWidget(
        plainLabel(tr("%1: confirmed found %2 times, not found %3 times. No model here checks it.")
                       .arg(diseaseName_(u.disease))
                       .arg(u.present)
                       .arg(u.absent),
                   body_));
  bodyLayout_->addStretch();
}

}  // namespace walness::ui
