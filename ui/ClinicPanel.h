#pragma once

#include <QWidget>

class QLabel;
class QQuickItem;
class QQuickWidget;

namespace walness::ui {

// The Clinics tab: the OpenStreetMap view (QML, Qt Location) and the privacy note.
class ClinicPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ClinicPanel(QWidget* parent = nullptr);

  // The map is created the first time the panel is shown (or asked for here), so starting the
  // app costs no QML loading and requests no map tiles until the user opens the Clinics tab.
  QQuickWidget* ensureMap();
  QQuickWidget* mapWidget() const { return mapWidget_; }
  // The QML root item, or nullptr if the map is not created yet or failed to load.
  QQuickItem* mapRoot() const;

 protected:
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void retranslate();

  QQuickWidget* mapWidget_ = nullptr;
  QLabel* note_;
};

}  // namespace walness::ui
