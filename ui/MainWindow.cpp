#include "MainWindow.h"

#include <QCloseEvent>
#include <QEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>

#include "BuildInfo.h"
#include "ClinicPanel.h"
#include "DiagnosisPage.h"
#include "SpeciesToggle.h"

namespace walness::ui {

namespace {
const auto kSpeciesKey = QStringLiteral("diagnosis/species");
const auto kGeometryKey = QStringLiteral("window/geometry");
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      tabs_(new QTabWidget(this)),
      diagnosisPage_(new DiagnosisPage(this)),
      clinicPanel_(new ClinicPanel(this)) {
  setObjectName(QStringLiteral("mainWindow"));
  tabs_->setObjectName(QStringLiteral("mainTabs"));
  tabs_->addTab(diagnosisPage_, QString());
  tabs_->addTab(clinicPanel_, QString());
  setCentralWidget(tabs_);
  connect(diagnosisPage_, &DiagnosisPage::findVetRequested, this, [this](bool urgent) {
    clinicPanel_->showForFinding(urgent);
    tabs_->setCurrentWidget(clinicPanel_);
  });

  auto* helpMenu = menuBar()->addMenu(QString());
  helpMenu->setObjectName(QStringLiteral("helpMenu"));
  auto* aboutAction = helpMenu->addAction(QString());
  aboutAction->setObjectName(QStringLiteral("aboutAction"));
  connect(aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

  QSettings settings;
  const QByteArray savedSpecies = settings.value(kSpeciesKey).toString().toUtf8();
  if (auto species =
          speciesFromId(std::string_view(savedSpecies.constData(), savedSpecies.size()))) {
    diagnosisPage_->speciesToggle()->setSpecies(*species);
  }
  connect(diagnosisPage_->speciesToggle(), &SpeciesToggle::speciesChanged, this,
          [](Species species) {
            const std::string_view id = speciesId(species);
            QSettings().setValue(kSpeciesKey, QString::fromLatin1(id.data(), id.size()));
          });
  if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) resize(1100, 720);
  retranslate();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings().setValue(kGeometryKey, saveGeometry());
  QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

void MainWindow::retranslate() {
  setWindowTitle(tr("Walness - pet eye check"));
  tabs_->setTabText(0, tr("Eye check"));
  tabs_->setTabText(1, tr("Clinics"));
  menuBar()->findChild<QMenu*>(QStringLiteral("helpMenu"))->setTitle(tr("&Help"));
  findChild<QAction*>(QStringLiteral("aboutAction"))->setText(tr("&About Walness"));
}

void MainWindow::showAbout() {
  const BuildInfo info = BuildInfo::current();
  QMessageBox::about(
      this, tr("About Walness"),
      tr("<h3>Walness %1</h3><p>Screens photos of dog and cat eyes for signs of disease, on this "
         "computer, and finds veterinary clinics nearby.</p><p>A screening aid, not a veterinary "
         "diagnosis.</p><p>Qt %2, LibTorch %3, OpenCV %4</p>")
          .arg(info.appVersion, info.qtVersion, info.torchVersion, info.openCvVersion));
}

}  // namespace walness::ui
