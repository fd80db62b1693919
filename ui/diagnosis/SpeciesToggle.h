#pragma once

#include <QWidget>

#include "walness/Species.h"

class QButtonGroup;
class QToolButton;

namespace walness::ui {

// Two exclusive buttons, Dog and Cat: the first choice a user makes.
class SpeciesToggle : public QWidget {
  Q_OBJECT

 public:
  explicit SpeciesToggle(QWidget* parent = nullptr);

  Species species() const;
  void setSpecies(Species species);

 Q_SIGNALS:
  void speciesChanged(walness::Species species);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QButtonGroup* group_;
  QToolButton* dogButton_;
  QToolButton* catButton_;
};

}  // namespace walness::ui
