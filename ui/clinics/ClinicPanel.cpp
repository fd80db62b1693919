#include "ui/clinics/ClinicPanel.h"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQmlError>
#include <QQuickItem>
#include <QQuickWidget>
#include <QStandardPaths>
#include <QThreadPool>
#include <QVBoxLayout>

#include "ui/clinics/ApiKeyStore.h"
#include "ui/clinics/ClinicListModel.h"
#include "ui/clinics/ClinicSearch.h"
#include "ui/clinics/ClinicSettingsDialog.h"
#include "ui/clinics/ClinicSortFilterModel.h"
#include "ui/clinics/map/QmlNetworkGuard.h"
#include "ui/clinics/map/QmlNetworkGuardFactory.h"
#include "walness/clinics/ClinicRanking.h"
#include "walness/clinics/LocalDataParser.h"

namespace walness::ui {

using namespace walness::clinics;

namespace {
QString defaultStorePath() {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  QDir().mkpath(folder);
  return folder + QStringLiteral("/clinics.sqlite");
}
}  // namespace

ClinicPanel::ClinicPanel(QWidget* parent) : ClinicPanel(defaultStorePath(), parent) {
}

ClinicPanel::ClinicPanel(const QString& storePath, QWidget* parent)
    : QWidget(parent),
      clinics_(new ClinicListModel(this)),
      sorted_(new ClinicSortFilterModel(clinics_, this)),
      search_(new ClinicSearch(clinics_, storePath, this)),
      keys_(new ApiKeyStore(this)),
      note_(new QLabel(this)),
      importButton_(new QPushButton(this)),
      settingsButton_(new QPushButton(this)) {
  note_->setObjectName(QStringLiteral("clinicPrivacyNote"));
  note_->setWordWrap(true);
  importButton_->setObjectName(QStringLiteral("importLocalDataButton"));
  settingsButton_->setObjectName(QStringLiteral("clinicSettingsButton"));
  connect(importButton_, &QPushButton::clicked, this, &ClinicPanel::chooseLocalDataFile);
  connect(settingsButton_, &QPushButton::clicked, this, &ClinicPanel::openSettings);

  auto* bottom = new QHBoxLayout;
  bottom->addWidget(note_, 1);
  bottom->addWidget(importButton_);
  bottom->addWidget(settingsButton_);
  auto* layout = new QVBoxLayout(this);
  layout->addStretch(1);  // replaced by the map when it is created
  layout->addLayout(bottom);
  retranslate();
}

ClinicPanel::~ClinicPanel() {
  // The engine's network access managers come from networkGuard_: the engine goes first.
  delete mapWidget_;
  mapWidget_ = nullptr;
}

QQuickWidget* ClinicPanel::ensureMap() {
  if (mapWidget_) return mapWidget_;
  const QString tileServer = ClinicSettingsDialog::tileServerSetting();
  mapWidget_ = new QQuickWidget(this);
  mapWidget_->setObjectName(QStringLiteral("clinicMapWidget"));
  mapWidget_->setResizeMode(QQuickWidget::SizeRootObjectToView);
  // Whatever QML itself loads (images, rich text) may reach only the map's tile and place
  // servers; set before anything loads. (The osm plugin fetches tiles with its own manager.)
  networkGuard_ =
      std::make_unique<QmlNetworkGuardFactory>(QmlNetworkGuard::allowListFor(tileServer));
  networkGuard_->install(*mapWidget_->engine());
  // The plugin reads its parameters when it is created, so the tile server must be known before
  // the QML loads; the models can follow.
  mapWidget_->rootContext()->setContextProperty(QStringLiteral("walnessTileServer"), tileServer);
  mapWidget_->setSource(QUrl(QStringLiteral(WALNESS_CLINIC_MAP_QML)));
  if (mapWidget_->status() == QQuickWidget::Error) {
    for (const QQmlError& error : mapWidget_->errors())
      qWarning("%s", qPrintable(error.toString()));
  } else if (QQuickItem* root = mapWidget_->rootObject()) {
    root->setProperty("clinicModel", QVariant::fromValue(static_cast<QObject*>(sorted_)));
    root->setProperty("clinicSearch", QVariant::fromValue(static_cast<QObject*>(search_)));
  }
  auto* box = static_cast<QVBoxLayout*>(layout());
  delete box->takeAt(0);  // the placeholder stretch
  box->insertWidget(0, mapWidget_, 1);

  // The Google key is read only now: no keychain prompt before the user opens the Clinics tab.
  QPointer<ClinicPanel> self(this);
  keys_->readGoogleKey([self](bool ok, const QString& keyOrMessage) {
    if (self && ok) self->search_->setGoogleApiKey(keyOrMessage);
  });
  return mapWidget_;
}

QQuickItem* ClinicPanel::mapRoot() const {
  return mapWidget_ ? mapWidget_->rootObject() : nullptr;
}

void ClinicPanel::showForFinding(bool urgent) {
  sorted_->setUrgentFirst(urgent);
}

void ClinicPanel::openSettings() {
  ClinicSettingsDialog dialog(search_, keys_, this);
  dialog.exec();
}

void ClinicPanel::chooseLocalDataFile() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Import LOCALDATA veterinary hospitals"),
                                   QDir::homePath(), tr("CSV files (*.csv);;All files (*)"));
  if (!path.isEmpty()) importLocalData(path);
}

void ClinicPanel::importLocalData(const QString& path) {
  importButton_->setEnabled(false);
  QPointer<ClinicPanel> self(this);
  // Parsing and converting tens of thousands of rows takes a moment: off the GUI thread.
  QThreadPool::globalInstance()->start([self, path] {
    QString message;
    std::vector<Clinic> clinics;
    const QString name = QFileInfo(path).fileName();
    auto import = readLocalDataFile(path);
    const bool ok = import.ok();
    if (!ok) {
      message =
          tr("%1 could not be imported: %2").arg(name, QString::fromStdString(import.message()));
    } else {
      clinics = std::move(import->clinics);
      message = tr("Imported %1 clinics from %2 (%3 closed and %4 without coordinates skipped).")
                    .arg(clinics.size())
                    .arg(name)
                    .arg(import->closedRows)
                    .arg(import->rowsWithoutCoordinates);
    }
    QMetaObject::invokeMethod(qApp, [self, ok, message, clinics = std::move(clinics)]() mutable {
      if (!self) return;
      self->importButton_->setEnabled(true);
      if (ok) {
        QString cacheError;
        self->search_->saveToStore(clinics, &cacheError);
        if (self->search_->hasLocation()) {
          const GeoPoint here{self->search_->latitude(), self->search_->longitude()};
          ClinicFilter nearby;
          nearby.maximumDistanceMeters = self->search_->radiusKm() * 1000.0;
          clinics = filterClinics(clinics, nearby, here);
        }
        self->search_->showClinics(std::move(clinics), message);
      } else {
        self->search_->showClinics({}, message);
      }
      Q_EMIT self->importFinished(ok, message);
    });
  });
}

void ClinicPanel::showEvent(QShowEvent* event) {
  ensureMap();
  QWidget::showEvent(event);
}

void ClinicPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    search_->retranslate();
    if (mapWidget_) mapWidget_->engine()->retranslate();
  }
  QWidget::changeEvent(event);
}

void ClinicPanel::retranslate() {
  note_->setText(
      tr("Your location leaves this computer only when you search for clinics or look up a "
         "place. Map tiles come from OpenStreetMap."));
  importButton_->setText(tr("Import LOCALDATA file…"));
  importButton_->setToolTip(
      tr("Korean veterinary hospitals from localdata.go.kr (동물병원 CSV), kept on this "
         "computer."));
  settingsButton_->setText(tr("Settings…"));
}

}  // namespace walness::ui
