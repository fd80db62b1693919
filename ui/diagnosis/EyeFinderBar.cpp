#include "ui/diagnosis/EyeFinderBar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace walness::ui {

EyeFinderBar::EyeFinderBar(QWidget* parent)
    : QWidget(parent), label_(new QLabel(this)), nextButton_(new QPushButton(this)) {
  setObjectName(QStringLiteral("eyeFinderBar"));
  label_->setObjectName(QStringLiteral("eyeFinderText"));
  label_->setTextFormat(Qt::PlainText);
  label_->setWordWrap(true);
  nextButton_->setObjectName(QStringLiteral("nextEyeButton"));
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(label_, 1);
  layout->addWidget(nextButton_);
  connect(nextButton_, &QPushButton::clicked, this, [this] {
    if (squares_.isEmpty()) return;
    current_ = (current_ + 1) % int(squares_.size());
    showState();
    Q_EMIT squareChosen(squares_[current_]);
  });
  showState();
}

void EyeFinderBar::setSearching() {
  state_ = State::Searching;
  squares_.clear();
  current_ = -1;
  showState();
}

void EyeFinderBar::setSquares(const QList<QRect>& squares, bool available, Species species) {
  species_ = species;
  squares_ = squares;
  current_ = squares.isEmpty() ? -1 : 0;
  state_ = !available ? State::Unavailable : squares.isEmpty() ? State::NotFound : State::Found;
  showState();
  if (current_ >= 0) Q_EMIT squareChosen(squares_[current_]);
}

void EyeFinderBar::clear() {
  state_ = State::Idle;
  squares_.clear();
  current_ = -1;
  showState();
}

void EyeFinderBar::setBothEyes(bool bothEyes) {
  if (bothEyes == bothEyes_) return;
  bothEyes_ = bothEyes;
  showState();
}

QString EyeFinderBar::text() const {
  return label_->text();
}

void EyeFinderBar::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) showState();
  QWidget::changeEvent(event);
}

void EyeFinderBar::showState() {
  nextButton_->setText(tr("Next eye"));
  nextButton_->setToolTip(tr("Move the square to the next place that looks like an eye"));
  nextButton_->setVisible(state_ == State::Found && squares_.size() > 1);
  switch (state_) {
    case State::Idle:
      label_->clear();
      break;
    case State::Searching:
      label_->setText(tr("Looking for the eye..."));
      break;
    case State::Found:
      label_->setText(bothEyes_
                          ? tr("Both eyes found: Analyze screens both (the other eye is dashed). "
                               "Drag the square off the eyes to check one place only.")
                      : squares_.size() > 1
                          ? tr("Eye found (%1 of %2). Drag the square if it is not on the eye.")
                                .arg(current_ + 1)
                                .arg(squares_.size())
                          : tr("Eye found. Drag the square if it is not on the eye."));
      break;
    case State::NotFound:
      // Of the species chosen: a cat's eye close-up has no dog's eye in it.
      label_->setText(species_ == Species::Dog
                          ? tr("No dog's eye found in this photo. Drag the square onto the eye "
                               "yourself, or take a photo closer to one eye.")
                          : tr("No cat's eye found in this photo. Drag the square onto the eye "
                               "yourself, or take a photo closer to one eye."));
      break;
    case State::Unavailable:
      label_->setText(tr("Drag the square onto one eye."));
      break;
  }
  setVisible(state_ != State::Idle);
}

}  // namespace walness::ui
