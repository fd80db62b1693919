#include "ui/diagnosis/SpeciesToggle.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QToolButton>

namespace walness::ui {

namespace {
QToolButton* makeSpeciesButton(QWidget* parent, const char* objectName) {
  auto* button = new QToolButton(parent);
  button->setObjectName(QString::fromLatin1(objectName));
  button->setCheckable(true);
  button->setToolButtonStyle(Qt::ToolButtonTextOnly);
  button->setMinimumSize(96, 36);
  button->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
  return button;
}
}  // namespace

SpeciesToggle::SpeciesToggle(QWidget* parent)
    : QWidget(parent),
      group_(new QButtonGroup(this)),
      dogButton_(makeSpeciesButton(this, "dogButton")),
      catButton_(makeSpeciesButton(this, "catButton")) {
  group_->setExclusive(true);
  group_->addButton(dogButton_, static_cast<int>(Species::Dog));
  group_->addButton(catButton_, static_cast<int>(Species::Cat));

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(dogButton_);
  layout->addWidget(catButton_);

  connect(group_, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
    // Bold marks the chosen species in any palette, not only where the style shades it.
    QFont font = group_->button(id)->font();
    font.setBold(checked);
    group_->button(id)->setFont(font);
    if (checked) Q_EMIT speciesChanged(static_cast<Species>(id));
  });
  dogButton_->setChecked(true);
  retranslate();
}

Species SpeciesToggle::species() const {
  return static_cast<Species>(group_->checkedId());
}

void SpeciesToggle::setSpecies(Species species) {
  group_->button(static_cast<int>(species))->setChecked(true);
}

void SpeciesToggle::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void SpeciesToggle::retranslate() {
  dogButton_->setText(tr("Dog"));
  catButton_->setText(tr("Cat"));
  dogButton_->setToolTip(tr("The photo shows a dog's eye"));
  catButton_->setToolTip(tr("The photo shows a cat's eye"));
}

}  // namespace walness::ui
