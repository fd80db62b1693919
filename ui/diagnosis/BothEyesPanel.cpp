#include "ui/diagnosis/BothEyesPanel.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/common/DiseaseName.h"
#include "ui/common/MatImage.h"
#include "ui/common/ProbabilityBars.h"
#include "ui/common/SafeText.h"
#include "walness/cam/HeatmapOverlay.h"
#include "walness/inference/Wording.h"
#include "walness/text/Words.h"

// The result's own words are the page's (context walness::ui::DiagnosisPage), shared with its
// result pane.

namespace walness::ui {

namespace {

constexpr int kPictureSide = 128;

// The disease whose heatmap the card shows: the likeliest one.
const inference::Finding* likeliest(const inference::Diagnosis& diagnosis) {
  const auto& findings = diagnosis.findings;
  const auto best =
      std::max_element(findings.begin(), findings.end(),
                       [](const auto& a, const auto& b) { return a.probability < b.probability; });
  return best == findings.end() ? nullptr : &*best;
}

}  // namespace

BothEyesPanel::BothEyesPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("bothEyesPanel"));
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  for (int index = 0; index < 2; ++index) {
    cards_.push_back(makeCard(index));
    layout->addWidget(cards_.back().frame, 1);
  }
  hide();
}

BothEyesPanel::Card BothEyesPanel::makeCard(int index) {
  Card card;
  card.frame = new QFrame(this);
  card.frame->setObjectName(QStringLiteral("eyeCard%1").arg(index));
  card.frame->setFrameShape(QFrame::StyledPanel);
  card.title = new QLabel(card.frame);
  card.title->setObjectName(QStringLiteral("eyeCardTitle%1").arg(index));
  QFont bold = card.title->font();
  bold.setBold(true);
  card.title->setFont(bold);
  card.summary = new QLabel(card.frame);
  card.summary->setObjectName(QStringLiteral("eyeCardSummary%1").arg(index));
  showPlainText(card.summary);
  card.summary->setWordWrap(true);
  card.picture = new QLabel(card.frame);
  card.picture->setObjectName(QStringLiteral("eyeCardPicture%1").arg(index));
  card.picture->setFixedSize(kPictureSide, kPictureSide);
  card.picture->setAlignment(Qt::AlignCenter);
  card.pictureCaption = new QLabel(card.frame);
  card.pictureCaption->setWordWrap(true);
  card.pictureCaption->setMaximumWidth(kPictureSide);
  card.bars = new ProbabilityBars(card.frame);
  card.bars->setObjectName(QStringLiteral("eyeCardBars%1").arg(index));
  card.bars->setMinimumWidth(180);  // two cards side by side: narrower than the pane's bars
  card.details = new QPushButton(card.frame);
  card.details->setObjectName(QStringLiteral("eyeCardDetails%1").arg(index));
  connect(card.details, &QPushButton::clicked, this, [this, index] { Q_EMIT eyeChosen(index); });

  auto* pictureColumn = new QVBoxLayout;
  pictureColumn->addWidget(card.picture);
  pictureColumn->addWidget(card.pictureCaption);
  pictureColumn->addStretch(1);
  auto* findingsColumn = new QVBoxLayout;
  findingsColumn->addWidget(card.summary);
  findingsColumn->addWidget(card.bars);
  findingsColumn->addStretch(1);
  findingsColumn->addWidget(card.details, 0, Qt::AlignRight);
  auto* body = new QHBoxLayout;
  body->addLayout(pictureColumn);
  body->addLayout(findingsColumn, 1);
  auto* layout = new QVBoxLayout(card.frame);
  layout->addWidget(card.title);
  layout->addLayout(body);
  return card;
}

void BothEyesPanel::showEyes(const std::vector<ScreenedEye>& eyes, const cv::Mat& photo,
                             const QString& language) {
  eyes_ = eyes;
  photo_ = photo;
  language_ = language;
  for (size_t index = 0; index < cards_.size(); ++index) {
    cards_[index].frame->setVisible(index < eyes_.size());
    if (index < eyes_.size()) fillCard(cards_[index], eyes_[index]);
  }
  setVisible(eyes_.size() >= 2);
  setFocused(std::clamp(focused_, 0, std::max(0, int(eyes_.size()) - 1)));
  // The cards' wrapped lines make their height depend on their width, which the page's layout
  // does not ask for: keep at least the height the filled cards want, so no bar is cut off.
  setMinimumHeight(0);
  setMinimumHeight(sizeHint().height());
}

void BothEyesPanel::fillCard(Card& card, const ScreenedEye& eye) {
  const inference::ExplainedDiagnosis& result = eye.result;
  const inference::Diagnosis& diagnosis = result.diagnosis;
  card.title->setText(photoSideName(eye.side));
  std::vector<ProbabilityBars::Row> rows;
  if (diagnosis.abstention) {
    const inference::AbstentionText text =
        inference::describeAbstention(diagnosis, Words::installed());
    card.summary->setText(text.title + QLatin1Char('\n') + text.advice);
  } else {
    const inference::Finding* top = diagnosis.top();
    card.summary->setText(
        top && top->positive
            ? QCoreApplication::translate("walness::ui::DiagnosisPage",
                                          "Signs consistent with %1: %2")
                  .arg(diseaseLabel(top->disease, language_),
                       QStringLiteral("%1%").arg(std::lround(top->probability * 100)))
            : QCoreApplication::translate("walness::ui::DiagnosisPage",
                                          "No disease this model checks is above its threshold"));
    for (const auto& finding : diagnosis.findings)
      rows.push_back({diseaseLabel(finding.disease, language_), finding.probability,
                      finding.threshold, finding.positive});
  }
  card.bars->setRows(rows);
  card.bars->setVisible(!rows.empty());

  // The square as screened, with the likeliest disease's heatmap over it when there is one.
  const cv::Rect inside = result.region & cv::Rect(0, 0, photo_.cols, photo_.rows);
  cv::Mat shown = inside.area() > 0 ? photo_(inside).clone() : cv::Mat();
  const inference::Finding* best = likeliest(diagnosis);
  const auto heatmap = best ? result.heatmaps.find(best->disease) : result.heatmaps.end();
  if (heatmap != result.heatmaps.end() && inside.area() > 0)
    // Only the square is blended: a phone photo is many times its size.
    shown = cam::overlayHeatmap(photo_(inside), heatmap->second(inside - result.region.tl()), 0.45,
                                cv::Rect(0, 0, inside.width, inside.height));
  card.pictureCaption->setText(
      heatmap != result.heatmaps.end()
          ? tr("Where the model looked for %1").arg(diseaseLabel(heatmap->first, language_))
          : QString());
  const qreal ratio = devicePixelRatioF();
  QPixmap pixmap;
  if (!shown.empty()) {
    const int side = int(kPictureSide * ratio);
    pixmap = QPixmap::fromImage(
        toQImage(shown).scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    pixmap.setDevicePixelRatio(ratio);
  }
  card.picture->setPixmap(pixmap);
}

void BothEyesPanel::setFocused(int index) {
  focused_ = index;
  for (size_t k = 0; k < cards_.size(); ++k) {
    const bool focused = int(k) == index;
    // The card shown in detail below is outlined in the accent colour; both borders are equally
    // wide, so the two cards lay out alike (a wider border only on one clipped its last bar).
    cards_[k].frame->setStyleSheet(
        QStringLiteral("QFrame#%1 { border: 2px solid palette(%2); border-radius: 4px; }")
            .arg(cards_[k].frame->objectName(),
                 focused ? QStringLiteral("highlight") : QStringLiteral("mid")));
    cards_[k].details->setEnabled(!focused);
  }
  retranslate();
}

void BothEyesPanel::clear() {
  eyes_.clear();
  photo_ = cv::Mat();
  focused_ = 0;
  hide();
}

void BothEyesPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void BothEyesPanel::retranslate() {
  for (size_t k = 0; k < cards_.size(); ++k)
    cards_[k].details->setText(int(k) == focused_ ? tr("Shown below") : tr("Show this eye below"));
}

}  // namespace walness::ui
