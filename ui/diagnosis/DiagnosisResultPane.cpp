#include "ui/diagnosis/DiagnosisResultPane.h"

#include <QCoreApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>
#include <vector>

#include "ui/common/DiseaseName.h"
#include "ui/common/ProbabilityBars.h"
#include "ui/common/SafeText.h"
#include "ui/diagnosis/DiagnosisController.h"
#include "walness/inference/Wording.h"
#include "walness/knowledge/Advice.h"
#include "walness/text/Words.h"

// The texts here keep the translation context of the page they were written for
// (walness::ui::DiagnosisPage), where their translations are.

namespace walness::ui {

namespace {

QString percent(double probability) {
  return QStringLiteral("%1%").arg(std::lround(probability * 100));
}

QString speciesWord(Species species) {
  return species == Species::Dog ? QCoreApplication::translate("walness::ui::DiagnosisPage", "dog")
                                 : QCoreApplication::translate("walness::ui::DiagnosisPage", "cat");
}

// Plain text: these labels quote file names, model cards and error messages.
QLabel* wrappingLabel(QWidget* parent, const char* name) {
  auto* label = new QLabel(parent);
  label->setObjectName(QLatin1String(name));
  showPlainText(label);
  label->setWordWrap(true);
  label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

// The photo's quality problems in `language`. An eye too small is said once, by the abstention
// (with the size screening needs), not again by the region check with its warning threshold.
QStringList qualityProblemsOf(const inference::Diagnosis& diagnosis, const QString& language) {
  const Words words(languageFromCode(language.toStdString()).value_or(Language::English));
  const bool tooSmall = diagnosis.abstention &&
                        diagnosis.abstention->reason == inference::AbstentionReason::EyeTooSmall;
  QStringList problems;
  for (const auto& check : diagnosis.quality.checks) {
    const bool saidByAbstention = tooSmall && check.key == "small_region";
    if (check.severity != imaging::QualitySeverity::Ok && !saidByAbstention)
      problems << imaging::qualityMessage(check, words);
  }
  return problems;
}

}  // namespace

DiagnosisResultPane::DiagnosisResultPane(QWidget* parent)
    : QScrollArea(parent),
      qualityBanner_(new QFrame(this)),
      qualityText_(wrappingLabel(this, "qualityText")),
      retakeButton_(new QPushButton(this)),
      keepButton_(new QPushButton(this)),
      resultTitle_(wrappingLabel(this, "resultTitle")),
      resultBody_(wrappingLabel(this, "resultBody")),
      bars_(new ProbabilityBars(this)),
      knowledgeText_(wrappingLabel(this, "knowledgeText")),
      findVetButton_(new QPushButton(this)),
      switchSpeciesButton_(new QPushButton(this)),
      coverageNote_(wrappingLabel(this, "coverageNote")) {
  bars_->setObjectName(QStringLiteral("resultBars"));
  qualityBanner_->setObjectName(QStringLiteral("qualityBanner"));
  qualityBanner_->setFrameShape(QFrame::StyledPanel);
  qualityBanner_->setAutoFillBackground(true);
  QPalette bannerPalette = qualityBanner_->palette();
  bannerPalette.setColor(QPalette::Window, QColor(255, 243, 205));
  bannerPalette.setColor(QPalette::WindowText, QColor(102, 77, 3));
  qualityBanner_->setPalette(bannerPalette);
  qualityText_->setPalette(bannerPalette);
  // Deliberate rich text; everything inserted into it is escaped.
  qualityText_->setTextFormat(Qt::RichText);
  knowledgeText_->setTextFormat(Qt::RichText);
  retakeButton_->setObjectName(QStringLiteral("retakeButton"));
  keepButton_->setObjectName(QStringLiteral("keepResultButton"));
  auto* bannerLayout = new QVBoxLayout(qualityBanner_);
  bannerLayout->addWidget(qualityText_);
  auto* bannerButtons = new QHBoxLayout;
  bannerButtons->addWidget(retakeButton_);
  bannerButtons->addWidget(keepButton_);
  bannerButtons->addStretch(1);
  bannerLayout->addLayout(bannerButtons);
  qualityBanner_->hide();

  QFont titleFont = resultTitle_->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
  titleFont.setBold(true);
  resultTitle_->setFont(titleFont);
  auto* resultArea = new QWidget;
  resultArea->setObjectName(QStringLiteral("resultArea"));
  auto* resultLayout = new QVBoxLayout(resultArea);
  resultLayout->addWidget(qualityBanner_);
  resultLayout->addWidget(resultTitle_);
  resultLayout->addWidget(resultBody_);
  resultLayout->addWidget(bars_);
  resultLayout->addWidget(knowledgeText_);
  findVetButton_->setObjectName(QStringLiteral("findVetButton"));
  findVetButton_->hide();
  resultLayout->addWidget(findVetButton_, 0, Qt::AlignLeft);
  switchSpeciesButton_->setObjectName(QStringLiteral("switchSpeciesButton"));
  switchSpeciesButton_->hide();
  resultLayout->addWidget(switchSpeciesButton_, 0, Qt::AlignLeft);
  resultLayout->addWidget(coverageNote_);
  resultLayout->addStretch(1);
  setWidget(resultArea);
  setWidgetResizable(true);
  setMinimumWidth(360);

  connect(retakeButton_, &QPushButton::clicked, this, &DiagnosisResultPane::retakeRequested);
  connect(keepButton_, &QPushButton::clicked, qualityBanner_, &QWidget::hide);
  connect(findVetButton_, &QPushButton::clicked, this,
          [this] { Q_EMIT findVetRequested(urgent_); });
  connect(switchSpeciesButton_, &QPushButton::clicked, this,
          &DiagnosisResultPane::switchSpeciesRequested);
  retranslate();
}

void DiagnosisResultPane::showMessage(const QString& title, const QString& body) {
  resultTitle_->setText(title);
  resultBody_->setText(body);
}

void DiagnosisResultPane::setTitle(const QString& title) {
  resultTitle_->setText(title);
}

void DiagnosisResultPane::setBody(const QString& body) {
  resultBody_->setText(body);
}

void DiagnosisResultPane::showResult(const inference::ExplainedDiagnosis& result,
                                     const bundle::ModelCard& card, const QString& language) {
  const inference::Diagnosis& diagnosis = result.diagnosis;
  const QStringList qualityProblems = showDecision(diagnosis, language);
  showAdvice(diagnosis, language);
  showCoverage(diagnosis, card, language);
  // A result from a poor photo: offer to retake it (or keep this one).
  showQualityBanner(!diagnosis.abstention && !qualityProblems.isEmpty(), qualityProblems);
}

QStringList DiagnosisResultPane::showDecision(const inference::Diagnosis& diagnosis,
                                              const QString& language) {
  const QStringList qualityProblems = qualityProblemsOf(diagnosis, language);
  QStringList notes = qualityProblems;
  std::vector<ProbabilityBars::Row> rows;
  switchSpeciesButton_->hide();
  if (diagnosis.abstention) {
    // The decision's words are the same everywhere (report, CLI): inference::describeAbstention.
    const inference::AbstentionText text =
        inference::describeAbstention(diagnosis, Words::installed());
    resultTitle_->setText(text.title);
    notes.prepend(refusalNote(diagnosis, text.advice));
  } else {
    const inference::Finding* top = diagnosis.top();
    if (top && top->positive) {
      resultTitle_->setText(
          QCoreApplication::translate("walness::ui::DiagnosisPage", "Signs consistent with %1: %2")
              .arg(diseaseLabel(top->disease, language), percent(top->probability)));
    } else {
      resultTitle_->setText(QCoreApplication::translate(
          "walness::ui::DiagnosisPage", "No disease this model checks is above its threshold"));
      notes << QCoreApplication::translate(
          "walness::ui::DiagnosisPage",
          "This does not mean the eye is healthy: the model cannot confirm a healthy eye. "
          "If your pet squints, rubs the eye or the eye looks different, see a vet.");
    }
    if (!notes.isEmpty() && diagnosis.quality.hasWarnings())
      notes.prepend(
          QCoreApplication::translate("walness::ui::DiagnosisPage",
                                      "The photo has problems; the result may be less reliable."));
    for (const auto& finding : diagnosis.findings)
      rows.push_back({diseaseLabel(finding.disease, language), finding.probability,
                      finding.threshold, finding.positive});
  }
  resultBody_->setText(notes.join(QStringLiteral("\n")));
  bars_->setRows(rows);
  return qualityProblems;
}

QString DiagnosisResultPane::refusalNote(const inference::Diagnosis& diagnosis,
                                         const QString& advice) {
  if (diagnosis.abstention->reason != inference::AbstentionReason::OtherSpecies ||
      !diagnosis.detectedSpecies)
    return advice;
  // What this window can do about it: switch species, when a model for it is installed.
  const Species seen = *diagnosis.detectedSpecies;
  if (!DiagnosisController::installedModel(seen).has_value()) {
    return seen == Species::Cat
               ? QCoreApplication::translate(
                     "walness::ui::DiagnosisPage",
                     "Walness has no model for cats' eyes yet, so it gives no findings "
                     "for this photo. If this is a dog, use a closer photo of its eye.")
               : QCoreApplication::translate("walness::ui::DiagnosisPage",
                                             "Walness has no model for dogs' eyes installed, so "
                                             "it gives no findings for this photo.");
  }
  switchSpeciesButton_->setText(
      seen == Species::Cat
          ? QCoreApplication::translate("walness::ui::DiagnosisPage", "Switch to Cat and analyse")
          : QCoreApplication::translate("walness::ui::DiagnosisPage", "Switch to Dog and analyse"));
  switchSpeciesButton_->show();
  return QCoreApplication::translate("walness::ui::DiagnosisPage",
                                     "You chose %1, but the photo looks like a %2's eye. If your "
                                     "pet is a %2, switch and analyse again.")
      .arg(speciesWord(diagnosis.species), speciesWord(seen));
}

void DiagnosisResultPane::showAdvice(const inference::Diagnosis& diagnosis,
                                     const QString& language) {
  // What to do, for each positive finding, most urgent first: worded as in reports and the CLI.
  const Words words = Words::installed();
  std::vector<knowledge::Advice> advice;
  if (const knowledge::DiseaseKnowledge* known = knowledge::shippedKnowledge())
    advice = knowledge::adviceFor(diagnosis, *known, words);
  // Named as in the bars above (capitalised).
  for (knowledge::Advice& item : advice) item.diseaseName = diseaseLabel(item.disease, language);
  urgent_ = knowledge::seeAVetToday(advice);
  knowledgeText_->setText(knowledge::adviceHtml(advice, words));
  findVetButton_->setVisible(!advice.empty());
}

void DiagnosisResultPane::showCoverage(const inference::Diagnosis& diagnosis,
                                       const bundle::ModelCard& card, const QString& language) {
  QStringList checked;
  for (const auto& label : card.labels) checked << diseaseLabel(label.id, language);
  coverageNote_->setText(
      QCoreApplication::translate(
          "walness::ui::DiagnosisPage",
          "Model %1 %2 checks %3 eyes for: %4. It cannot confirm that an eye is healthy. "
          "Walness is a screening aid, not a veterinary diagnosis.")
          .arg(QString::fromStdString(card.id), QString::fromStdString(card.version),
               speciesWord(diagnosis.species), checked.join(QStringLiteral(", "))));
}

void DiagnosisResultPane::showQualityBanner(bool shown, const QStringList& problems) {
  qualityBanner_->setVisible(shown);
  qualityText_->setText(QCoreApplication::translate(
                            "walness::ui::DiagnosisPage",
                            "<b>This photo is not ideal.</b> %1 For a more reliable result, take "
                            "the photo again: close to one eye, in focus, in soft daylight.")
                            .arg(problems.join(QLatin1Char(' ')).toHtmlEscaped()));
}

void DiagnosisResultPane::clear() {
  urgent_ = false;
  bars_->setRows({});
  knowledgeText_->clear();
  findVetButton_->hide();
  coverageNote_->clear();
  qualityBanner_->hide();
}

void DiagnosisResultPane::retranslate() {
  retakeButton_->setText(
      QCoreApplication::translate("walness::ui::DiagnosisPage", "Open another photo"));
  keepButton_->setText(
      QCoreApplication::translate("walness::ui::DiagnosisPage", "Keep this result"));
  findVetButton_->setText(
      QCoreApplication::translate("walness::ui::DiagnosisPage", "Find a vet nearby"));
  bars_->setAccessibleName(
      QCoreApplication::translate("walness::ui::DiagnosisPage", "Probability per disease"));
}

}  // namespace walness::ui
