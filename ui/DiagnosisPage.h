#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

#include "Species.h"

class QLabel;
class QPushButton;

namespace walness::ui {

class SpeciesToggle;

// The eye-check page: choose the species, open a photo, read the result.
class DiagnosisPage : public QWidget {
  Q_OBJECT

 public:
  explicit DiagnosisPage(QWidget* parent = nullptr);

  SpeciesToggle* speciesToggle() const { return speciesToggle_; }

  // Shows the photo at `path`; returns false and shows why when it cannot be read.
  bool openPhoto(const QString& path);
  QString photoPath() const { return photoPath_; }

 public Q_SLOTS:
  void choosePhoto();

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void retranslate();
  void showPhoto();

  SpeciesToggle* speciesToggle_;
  QLabel* speciesLabel_;
  QPushButton* openButton_;
  QLabel* photoView_;
  QLabel* resultTitle_;
  QLabel* resultBody_;
  QLabel* privacyNote_;
  QString photoPath_;
  QImage photo_;
};

}  // namespace walness::ui
