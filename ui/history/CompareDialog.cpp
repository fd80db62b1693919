#include "ui/history/CompareDialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>

#include <cmath>

#include "ui/common/ProbabilityBars.h"
#include "ui/common/SafeText.h"
#include "ui/history/ConfirmationDialog.h"

namespace walness::ui {

namespace {

QString when(const std::string& iso) {
  return QDateTime::fromString(QString::fromStdString(iso), Qt::ISODateWithMs)
      .toLocalTime()
      .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QLabel* picture(const QImage& image, const QString& missing, QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setAlignment(Qt::AlignCenter);
  label->setMinimumSize(220, 220);
  if (image.isNull())
    label->setText(missing);
  else
    label->setPixmap(
        QPixmap::fromImage(image.scaled(220, 220, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
  return label;
}

}  // namespace

CompareDialog::CompareDialog(const Side& earlier, const Side& later,
                             const std::function<QString(const std::string&)>& diseaseName,
                             QWidget* parent)
    : QDialog(parent) {
  setObjectName(QStringLiteral("compareDialog"));
  setWindowTitle(tr("Compare two diagnoses"));
  auto* grid = new QGridLayout;
  addSide(*grid, earlier, 0, diseaseName);
  addSide(*grid, later, 2, diseaseName);
  QLabel* summary = changeSummary(earlier, later, diseaseName);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(grid);
  layout->addWidget(summary);
  layout->addWidget(buttons);
}

void CompareDialog::addSide(QGridLayout& grid, const Side& side, int column,
                            const std::function<QString(const std::string&)>& diseaseName) {
  const auto& diagnosis = side.record.diagnosis;
  // Which of a photo's two eyes, when it is one: the two checks of one visit share their time.
  QString eye;
  if (side.record.eyeSide == history::kLeftOfPhoto)
    eye = QStringLiteral("<br>") + tr("Eye on the left of the photo");
  else if (side.record.eyeSide == history::kRightOfPhoto)
    eye = QStringLiteral("<br>") + tr("Eye on the right of the photo");
  // Deliberate rich text: the model id and version come from the history, escaped.
  auto* title = new QLabel(QStringLiteral("<b>%1</b>%2<br><small>%3 %4</small>")
                               .arg(when(side.record.takenAt).toHtmlEscaped(), eye,
                                    QString::fromStdString(diagnosis.modelId).toHtmlEscaped(),
                                    QString::fromStdString(diagnosis.modelVersion).toHtmlEscaped()),
                           this);
  title->setObjectName(QStringLiteral("compareTitle"));
  title->setTextFormat(Qt::RichText);
  grid.addWidget(title, 0, column, 1, 2);
  grid.addWidget(picture(side.eye, tr("Photo not available"), this), 1, column);
  grid.addWidget(picture(side.heatmap, tr("No heatmap kept"), this), 1, column + 1);
  auto* bars = new ProbabilityBars(this);
  std::vector<ProbabilityBars::Row> rows;
  for (const auto& finding : diagnosis.findings)
    rows.push_back(
        {diseaseName(finding.disease), finding.probability, finding.threshold, finding.positive});
  bars->setRows(rows);
  if (diagnosis.abstention) {
    grid.addWidget(new QLabel(tr("No findings: the photo could not be judged."), this), 2, column,
                   1, 2);
  } else {
    grid.addWidget(bars, 2, column, 1, 2);
  }
  QString vet = tr("Not confirmed by a vet.");
  if (side.confirmation) {
    vet = tr("Vet (%1): %2")
              .arg(QString::fromStdString(side.confirmation->confirmedBy),
                   ConfirmationDialog::findingsText(*side.confirmation, diseaseName));
  }
  confirmations_[column / 2] = vet;
  auto* vetLabel = new QLabel(vet, this);
  vetLabel->setObjectName(QStringLiteral("compareConfirmation"));
  showPlainText(vetLabel);  // names and grades come from the history
  vetLabel->setWordWrap(true);
  grid.addWidget(vetLabel, 4, column, 1, 2);
  if (!side.record.notes.empty()) {
    // Notes come from the history (possibly a shared server): plain text.
    auto* notes = new QLabel(QString::fromStdString(side.record.notes), this);
    notes->setObjectName(QStringLiteral("compareNotes"));
    showPlainText(notes);
    notes->setWordWrap(true);
    grid.addWidget(notes, 3, column, 1, 2);
  }
}

QLabel* CompareDialog::changeSummary(
    const Side& earlier, const Side& later,
    const std::function<QString(const std::string&)>& diseaseName) {
  QStringList changes;
  for (const auto& before : earlier.record.diagnosis.findings)
    for (const auto& after : later.record.diagnosis.findings)
      if (before.disease == after.disease) {
        const int from = int(std::lround(before.probability * 100));
        const int to = int(std::lround(after.probability * 100));
        changes << tr("%1: %2% → %3%").arg(diseaseName(before.disease)).arg(from).arg(to);
      }
  change_ = changes.join(QStringLiteral(" · "));
  auto* summary = new QLabel(this);
  summary->setObjectName(QStringLiteral("compareChanges"));
  summary->setWordWrap(true);
  // Deliberate rich text; disease ids in a shared history are not ours, so all of it is escaped.
  summary->setTextFormat(Qt::RichText);
  summary->setText(changes.isEmpty()
                       ? tr("No disease was scored in both diagnoses.").toHtmlEscaped()
                       : change_.toHtmlEscaped() + QStringLiteral("<br><small>") +
                             tr("Probabilities from a screening model: a change can come from "
                                "the photo (light, angle, focus) as well as from the eye.")
                                 .toHtmlEscaped() +
                             QStringLiteral("</small>"));
  return summary;
}

QString CompareDialog::changeText() const {
  return change_;
}

}  // namespace walness::ui
