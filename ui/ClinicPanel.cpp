#include "ClinicPanel.h"

#include <QEvent>
#include <QLabel>
#include <QQmlError>
#include <QQuickItem>
#include <QQuickWidget>
#include <QVBoxLayout>

namespace walness::ui {

ClinicPanel::ClinicPanel(QWidget* parent) : QWidget(parent), note_(new QLabel(this)) {
  note_->setObjectName(QStringLiteral("clinicPrivacyNote"));
  note_->setWordWrap(true);

  auto* layout = new QVBoxLayout(this);
  layout->addStretch(1);  // replaced by the map when it is created
  layout->addWidget(note_);
  retranslate();
}

QQuickWidget* ClinicPanel::ensureMap() {
  if (mapWidget_) return mapWidget_;
  mapWidget_ = new QQuickWidget(this);
  mapWidget_->setObjectName(QStringLiteral("clinicMapWidget"));
  mapWidget_->setResizeMode(QQuickWidget::SizeRootObjectToView);
  mapWidget_->setSource(QUrl(QStringLiteral(WALNESS_CLINIC_MAP_QML)));
  if (mapWidget_->status() == QQuickWidget::Error) {
    for (const QQmlError& error : mapWidget_->errors())
      qWarning("%s", qPrintable(error.toString()));
  }
  auto* box = static_cast<QVBoxLayout*>(layout());
  delete box->takeAt(0);  // the placeholder stretch
  box->insertWidget(0, mapWidget_, 1);
  return mapWidget_;
}

QQuickItem* ClinicPanel::mapRoot() const {
  return mapWidget_ ? mapWidget_->rootObject() : nullptr;
}

void ClinicPanel::showEvent(QShowEvent* event) {
  ensureMap();
  QWidget::showEvent(event);
}

void ClinicPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ClinicPanel::retranslate() {
  note_->setText(
      tr("Your location leaves this computer only when you search for clinics. Map tiles come "
         "from OpenStreetMap."));
}

}  // namespace walness::ui
