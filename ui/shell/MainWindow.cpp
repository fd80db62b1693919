#include "ui/shell/MainWindow.h"

#include <QAbstractButton>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QEvent>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>
#include <QUndoStack>

#include "ui/clinics/ClinicPanel.h"
#include "ui/common/SafeText.h"
#include "ui/diagnosis/BatchDialog.h"
#include "ui/diagnosis/DiagnosisPage.h"
#include "ui/diagnosis/SpeciesToggle.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistoryPage.h"
#include "ui/shell/ModelCardText.h"
#include "ui/shell/SettingsDialog.h"
#include "ui/shell/Translations.h"
#include "walness/BuildInfo.h"
#include "walness/bundle/ModelLocator.h"

namespace walness::ui {

namespace {
const auto kSpeciesKey = QStringLiteral("diagnosis/species");
const auto kGeometryKey = QStringLiteral("window/geometry");
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      tabs_(new QTabWidget(this)),
      history_(new HistoryDatabase(this)),
      diagnosisPage_(new DiagnosisPage(this)),
      historyPage_(nullptr),
      clinicPanel_(new ClinicPanel(this)) {
  setObjectName(QStringLiteral("mainWindow"));
  tabs_->setObjectName(QStringLiteral("mainTabs"));
  // A history that cannot be opened (e.g. the shared server is down) is said on its page; the
  // eye check works without it.
  history_->openInBackground(HistoryDatabase::savedLocation());
  historyPage_ = new HistoryPage(*history_, this);
  diagnosisPage_->setHistory(history_);
  tabs_->addTab(diagnosisPage_, QString());
  tabs_->addTab(historyPage_, QString());
  tabs_->addTab(clinicPanel_, QString());
  connect(diagnosisPage_, &DiagnosisPage::savedToPet, historyPage_,
          [this](qint64 petId) { historyPage_->selectPet(petId); });
  setCentralWidget(tabs_);
  connect(diagnosisPage_, &DiagnosisPage::findVetRequested, this, [this](bool urgent) {
    clinicPanel_->showForFinding(urgent);
    tabs_->setCurrentWidget(clinicPanel_);
  });

  createFileMenu();
  auto* editMenu = menuBar()->addMenu(QString());
  editMenu->setObjectName(QStringLiteral("editMenu"));
  QAction* undoAction = historyPage_->undoStack()->createUndoAction(this);
  undoAction->setObjectName(QStringLiteral("undoAction"));
  undoAction->setShortcut(QKeySequence::Undo);
  QAction* redoAction = historyPage_->undoStack()->createRedoAction(this);
  redoAction->setObjectName(QStringLiteral("redoAction"));
  redoAction->setShortcut(QKeySequence::Redo);
  editMenu->addAction(undoAction);
  editMenu->addAction(redoAction);

  auto* toolsMenu = menuBar()->addMenu(QString());
  auto* batchAction = toolsMenu->addAction(QString());
  batchAction->setObjectName(QStringLiteral("batchAction"));
  batchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
  connect(batchAction, &QAction::triggered, this, &MainWindow::showBatch);
  toolsMenu->setObjectName(QStringLiteral("toolsMenu"));
  auto* settingsAction = toolsMenu->addAction(QString());
  settingsAction->setObjectName(QStringLiteral("settingsAction"));
  settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
  settingsAction->setMenuRole(QAction::PreferencesRole);
  connect(settingsAction, &QAction::triggered, this, &MainWindow::showSettings);

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

void MainWindow::createFileMenu() {
  auto* fileMenu = menuBar()->addMenu(QString());
  fileMenu->setObjectName(QStringLiteral("fileMenu"));
  const auto pageButton = [this](const char* name) {
    auto* button = diagnosisPage_->findChild<QAbstractButton*>(QLatin1String(name));
    if (!button) qFatal("MainWindow: the eye-check page has no %s", name);
    return button;
  };
  // The File menu does what the eye-check page's buttons do, from any tab.
  const auto onPage = [this](void (DiagnosisPage::*slot)()) {
    return [this, slot] {
      tabs_->setCurrentWidget(diagnosisPage_);
      (diagnosisPage_->*slot)();
    };
  };

  QAction* open = fileMenu->addAction(QString());
  open->setObjectName(QStringLiteral("openAction"));
  // The keys the page's tooltips name. They live here only: the page's buttons lose theirs when
  // their text is set (QAbstractButton::setText), and a key on both would trigger neither.
  open->setShortcut(QKeySequence::Open);
  follow(open, pageButton("openPhotoButton"));
  connect(open, &QAction::triggered, this, onPage(&DiagnosisPage::choosePhoto));

  recentMenu_ = fileMenu->addMenu(QString());
  recentMenu_->setObjectName(QStringLiteral("openRecentMenu"));
  recentMenu_->setToolTipsVisible(true);
  follow(recentMenu_->menuAction(), pageButton("recentPhotosButton"));
  connect(fileMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
  fileMenu->addSeparator();

  QAction* save = fileMenu->addAction(QString());
  save->setObjectName(QStringLiteral("saveResultAction"));
  save->setShortcut(QKeySequence::Save);
  follow(save, pageButton("saveResultButton"));
  connect(save, &QAction::triggered, this, onPage(&DiagnosisPage::chooseSaveLocation));
  QAction* saveToPet = fileMenu->addAction(QString());
  saveToPet->setObjectName(QStringLiteral("saveToPetAction"));
  saveToPet->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  follow(saveToPet, pageButton("saveToPetButton"));
  connect(saveToPet, &QAction::triggered, this, onPage(&DiagnosisPage::chooseSaveToPet));
  fileMenu->addSeparator();

  QAction* quit = fileMenu->addAction(QString());
  quit->setObjectName(QStringLiteral("quitAction"));
  quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
  quit->setMenuRole(QAction::QuitRole);
  connect(quit, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::follow(QAction* action, QAbstractButton* button) {
  action->setEnabled(button->isEnabled());
  followers_.insert(button, action);
  button->installEventFilter(this);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::EnabledChange) {
    if (QAction* action = followers_.value(watched))
      action->setEnabled(static_cast<QWidget*>(watched)->isEnabled());
  }
  return QMainWindow::eventFilter(watched, event);
}

void MainWindow::updateRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = diagnosisPage_->recentPhotos();
  for (qsizetype i = 0; i < recent.size(); ++i) {
    const QString& path = recent[i];
    QString name = QFileInfo(path).fileName().replace(QLatin1Char('&'), QStringLiteral("&&"));
    if (i < 9) name = QStringLiteral("&%1 %2").arg(i + 1).arg(name);
    QAction* action = recentMenu_->addAction(name);
    action->setToolTip(plainToolTip(path));  // a file name may hold markup
    action->setEnabled(QFileInfo::exists(path));
    connect(action, &QAction::triggered, this, [this, path] { openPhotos({path}); });
  }
}

void MainWindow::openPhotos(const QStringList& paths) {
  if (!paths.isEmpty()) tabs_->setCurrentWidget(diagnosisPage_);
  for (const QString& path : paths) {
    if (diagnosisPage_->openPhoto(path)) break;
  }
  // To the front. A Wayland compositor may only mark the window as wanting attention.
  setWindowState(windowState() & ~Qt::WindowMinimized);
  show();
  raise();
  activateWindow();
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
  tabs_->setTabText(1, tr("History"));
  tabs_->setTabText(2, tr("Clinics"));
  menuBar()->findChild<QMenu*>(QStringLiteral("fileMenu"))->setTitle(tr("&File"));
  findChild<QAction*>(QStringLiteral("openAction"))->setText(tr("&Open photo..."));
  recentMenu_->setTitle(tr("Open &recent"));
  findChild<QAction*>(QStringLiteral("saveResultAction"))->setText(tr("&Save result..."));
  findChild<QAction*>(QStringLiteral("saveToPetAction"))->setText(tr("Save to &pet..."));
  findChild<QAction*>(QStringLiteral("quitAction"))->setText(tr("&Quit"));
  menuBar()->findChild<QMenu*>(QStringLiteral("editMenu"))->setTitle(tr("&Edit"));
  findChild<QAction*>(QStringLiteral("batchAction"))->setText(tr("Screen a &folder of photos..."));
  menuBar()->findChild<QMenu*>(QStringLiteral("toolsMenu"))->setTitle(tr("&Tools"));
  findChild<QAction*>(QStringLiteral("settingsAction"))->setText(tr("&Settings..."));
  menuBar()->findChild<QMenu*>(QStringLiteral("helpMenu"))->setTitle(tr("&Help"));
  findChild<QAction*>(QStringLiteral("aboutAction"))->setText(tr("&About Walness"));
}

SettingsDialog* MainWindow::showSettings() {
  auto* dialog = new SettingsDialog(this);
  dialog->setHistory(history_);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &SettingsDialog::languageChosen, this,
          [](const QString& code) { switchLanguage(*QCoreApplication::instance(), code); });
  connect(dialog, &SettingsDialog::bundlesChanged, diagnosisPage_, &DiagnosisPage::refreshModels);
  connect(dialog, &QDialog::finished, this, [this] {
    const QByteArray species = QSettings().value(kSpeciesKey).toString().toUtf8();
    if (auto chosen = speciesFromId(std::string_view(species.constData(), species.size())))
      diagnosisPage_->speciesToggle()->setSpecies(*chosen);
  });
  dialog->open();
  return dialog;
}

BatchDialog* MainWindow::showBatch() {
  auto* dialog = new BatchDialog(history_, diagnosisPage_->speciesToggle()->species(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open();
  return dialog;
}

QString MainWindow::aboutText() const {
  const BuildInfo info = BuildInfo::current();
  QStringList models;
  for (const auto& listing : bundle::listBundles(bundle::modelSearchDirectories()))
    models << QStringLiteral("<li>%1</li>").arg(modelCardSummary(listing.card).toHtmlEscaped());
  if (models.isEmpty()) models << QStringLiteral("<li>%1</li>").arg(tr("No model installed."));
  return tr("<h3>Walness %1</h3><p>Screens photos of dog and cat eyes for signs of disease, on "
            "this computer, and finds veterinary clinics nearby.</p><p><b>A screening aid, not a "
            "veterinary diagnosis.</b> No model can confirm that an eye is healthy.</p>")
             .arg(info.appVersion.toHtmlEscaped()) +
         tr("<h4>Models</h4><ul>%1</ul><p>Details, metrics and limits: Tools &gt; Settings &gt; "
            "Models.</p>")
             .arg(models.join(QString())) +
         tr("<h4>Versions</h4><p>Qt %1, LibTorch %2, OpenCV %3</p>")
             .arg(info.qtVersion, info.torchVersion, info.openCvVersion) +
         tr("<h4>Data and licences</h4><ul>"
            "<li>Dog eye model trained by Walness on the AI Hub companion-animal eye disease "
            "photos (반려동물 안구질환 데이터), starting from torchvision's ImageNet MobileNetV2 "
            "weights (BSD-3-Clause).</li>"
            "<li>Disease explanations written by the Walness team; not a substitute for a vet.</li>"
            "<li>Map and clinic data © OpenStreetMap contributors (ODbL). Clinic data from Google "
            "Places when you add a key (powered by Google); LOCALDATA from the Korean Ministry of "
            "the Interior and Safety when you import it.</li>"
            "<li>Built with Qt (LGPL-3.0), LibTorch (BSD-3-Clause), OpenCV (Apache-2.0), PROJ "
            "(MIT), libheif (LGPL-3.0), QtKeychain (BSD-2-Clause).</li></ul>");
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About Walness"), aboutText());
}

}  // namespace walness::ui
