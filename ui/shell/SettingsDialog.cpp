#include "ui/shell/SettingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "ui/common/SafeText.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistorySettings.h"
#include "ui/improve/ImproveModelDialog.h"
#include "ui/shell/ModelCardText.h"
#include "ui/shell/Translations.h"
#include "walness/bundle/ModelChoice.h"
#include "walness/nn/ArchitectureNames.h"

namespace walness::ui {

namespace {
const char* kSpeciesKey = "diagnosis/species";
}

QString SettingsDialog::userModelsFolder() {
  return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
         QStringLiteral("/walness/models");
}

bool SettingsDialog::addBundle(const QString& folder, const QString& modelsFolder, QString* error,
                               QString* installedTo) {
  const QDir source(folder);
  QFile cardFile(source.filePath(QStringLiteral("model.json")));
  if (!cardFile.open(QIODevice::ReadOnly)) {
    *error = tr("%1 is not a model bundle: it has no model.json.").arg(folder);
    return false;
  }
  auto card = bundle::parseModelCard(cardFile.readAll(), cardFile.fileName().toStdString());
  if (!card) {
    *error = QString::fromStdString(card.message());
    return false;
  }
  const QString weights = QString::fromStdString(card->weightsFile);
  if (!QFileInfo(source.filePath(weights)).isFile()) {
    *error = tr("%1 is incomplete: its weights file %2 is missing.").arg(folder, weights);
    return false;
  }
  const QString name = QString::fromStdString(card->id + "-" + card->version);
  // The id and version name the folder it is copied to: nothing that leaves the models folder.
  if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')) ||
      name.startsWith(QLatin1Char('.'))) {
    *error = tr("%1 cannot be installed: its model id and version must not contain / or \\ or "
                "start with a dot.")
                 .arg(folder);
    return false;
  }
  const QDir target(modelsFolder + QLatin1Char('/') + name);
  if (target.exists()) {
    *error = tr("%1 %2 is already installed.")
                 .arg(QString::fromStdString(card->id), QString::fromStdString(card->version));
    return false;
  }
  // Copied into a temporary folder and renamed: a failed copy leaves no half bundle behind.
  const QString staging = target.path() + QStringLiteral(".partial");
  QDir(staging).removeRecursively();
  bool copied = QDir().mkpath(staging);
  for (const QFileInfo& file : source.entryInfoList(QDir::Files))
    copied = copied && QFile::copy(file.filePath(), staging + QLatin1Char('/') + file.fileName());
  if (!copied || !QDir().rename(staging, target.path())) {
    QDir(staging).removeRecursively();
    *error = tr("Could not copy the bundle to %1.").arg(modelsFolder);
    return false;
  }
  if (installedTo) *installedTo = target.path();
  return true;
}

SettingsDialog::SettingsDialog(QWidget* parent)
    : QDialog(parent),
      tabs_(new QTabWidget(this)),
      languageLabel_(new QLabel(this)),
      language_(new QComboBox(this)),
      speciesLabel_(new QLabel(this)),
      species_(new QComboBox(this)),
      bundleList_(new QListWidget(this)),
      bundleCard_(new QTextBrowser(this)),
      addBundleButton_(new QPushButton(this)),
      useBundleButton_(new QPushButton(this)),
      improveButton_(new QPushButton(this)),
      bundleStatus_(new QLabel(this)),
      privacy_(new QTextBrowser(this)) {
  setObjectName(QStringLiteral("settingsDialog"));
  language_->setObjectName(QStringLiteral("languageCombo"));
  species_->setObjectName(QStringLiteral("defaultSpeciesCombo"));
  bundleList_->setObjectName(QStringLiteral("bundleList"));
  bundleCard_->setObjectName(QStringLiteral("bundleCard"));
  addBundleButton_->setObjectName(QStringLiteral("addBundleButton"));
  useBundleButton_->setObjectName(QStringLiteral("useBundleButton"));
  improveButton_->setObjectName(QStringLiteral("improveModelButton"));
  bundleStatus_->setObjectName(QStringLiteral("bundleStatus"));
  bundleStatus_->setWordWrap(true);
  showPlainText(bundleStatus_);  // quotes folders and model card errors
  privacy_->setObjectName(QStringLiteral("privacyText"));

  // Language names are written in their own language so anyone can find theirs.
  language_->addItem(QString(), QString());
  language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
  language_->addItem(QStringLiteral("한국어"), QStringLiteral("ko"));
  language_->setCurrentIndex(std::max(0, language_->findData(savedLanguage())));
  species_->addItem(QString(), QStringLiteral("dog"));
  species_->addItem(QString(), QStringLiteral("cat"));
  species_->setCurrentIndex(
      std::max(0, species_->findData(QSettings().value(QLatin1String(kSpeciesKey)).toString())));

  auto* general = new QWidget;
  auto* form = new QFormLayout(general);
  form->addRow(languageLabel_, language_);
  form->addRow(speciesLabel_, species_);

  auto* models = new QWidget;
  auto* modelsLayout = new QVBoxLayout(models);
  auto* split = new QHBoxLayout;
  bundleList_->setMaximumWidth(260);
  split->addWidget(bundleList_);
  split->addWidget(bundleCard_, 1);
  modelsLayout->addLayout(split, 1);
  auto* addRow = new QHBoxLayout;
  addRow->addWidget(addBundleButton_);
  addRow->addWidget(useBundleButton_);
  addRow->addWidget(improveButton_);
  modelsLayout->addLayout(addRow);
  modelsLayout->addWidget(bundleStatus_);

  tabs_->addTab(general, QString());
  tabs_->addTab(models, QString());
  tabs_->addTab(privacy_, QString());

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(tabs_);
  layout->addWidget(buttons);

  connect(language_, &QComboBox::activated, this,
          [this] { Q_EMIT languageChosen(language_->currentData().toString()); });
  connect(species_, &QComboBox::activated, this, [this] {
    QSettings().setValue(QLatin1String(kSpeciesKey), species_->currentData().toString());
  });
  connect(bundleList_, &QListWidget::currentRowChanged, this, &SettingsDialog::showBundle);
  connect(addBundleButton_, &QPushButton::clicked, this, &SettingsDialog::chooseBundleFolder);
  connect(useBundleButton_, &QPushButton::clicked, this, &SettingsDialog::useSelectedBundle);
  connect(improveButton_, &QPushButton::clicked, this, [this] {
    if (auto* dialog = improveSelectedBundle()) dialog->open();
  });

  reloadBundles();
  retranslate();
  resize(820, 560);
}

void SettingsDialog::reloadBundles() {
  bundles_ = bundle::listBundles(bundle::modelSearchDirectories());
  bundleList_->clear();
  for (const auto& listing : bundles_) {
    QString text = QString::fromStdString(listing.card.id + " " + listing.card.version);
    const auto active = bundle::ModelChoice::active(listing.card.species);
    if (active && active->directory == listing.directory) text += tr(" (in use)");
    bundleList_->addItem(text);
  }
  if (!bundles_.empty()) bundleList_->setCurrentRow(0);
  showBundle(bundleList_->currentRow());
}

void SettingsDialog::showBundle(int row) {
  if (row < 0 || row >= int(bundles_.size())) {
    bundleCard_->setHtml(
        tr("<p>No model bundle is installed. Add a bundle folder (model.json and weights) made by "
           "<code>walness-cli train</code>.</p>"));
    return;
  }
  const auto& listing = bundles_[size_t(row)];
  bundleCard_->setHtml(modelCardHtml(listing.card, QString::fromStdString(listing.directory)));
  const auto active = bundle::ModelChoice::active(listing.card.species);
  useBundleButton_->setEnabled(!active || active->directory != listing.directory);
  // An ensemble is not fine-tuned as a whole: its members are, then joined again.
  const bool ensemble = nn::isEnsembleArchitecture(listing.card.architecture);
  improveButton_->setEnabled(history_ && history_->store() && !ensemble);
  improveButton_->setToolTip(
      ensemble ? tr("An ensemble is not fine-tuned as a whole: select one of its members (e.g. "
                    "dog-eye-mobilenetv2) to improve it with the confirmed checks.")
               : tr("Fine-tune the selected model on the checks a vet confirmed, "
                    "on this computer."));
}

void SettingsDialog::useSelectedBundle() {
  const int row = bundleList_->currentRow();
  if (row < 0 || row >= int(bundles_.size())) return;
  const auto listing = bundles_[size_t(row)];
  bundle::ModelChoice::choose(listing.card.species, listing.directory);
  bundleStatus_->setText(tr("%1 %2 is now used for new checks.")
                             .arg(QString::fromStdString(listing.card.id),
                                  QString::fromStdString(listing.card.version)));
  reloadBundles();
  bundleList_->setCurrentRow(row);
  Q_EMIT bundlesChanged();
}

ImproveModelDialog* SettingsDialog::improveSelectedBundle() {
  const int row = bundleList_->currentRow();
  if (!history_ || !history_->store() || row < 0 || row >= int(bundles_.size())) return nullptr;
  auto* dialog = new ImproveModelDialog(bundles_[size_t(row)], history_->store()->location(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &ImproveModelDialog::installed, this, [this](const QString& directory) {
    bundleStatus_->setText(tr("Installed in %1 and used for new checks.").arg(directory));
    reloadBundles();
    Q_EMIT bundlesChanged();
  });
  return dialog;
}

void SettingsDialog::chooseBundleFolder() {
  const QString folder =
      QFileDialog::getExistingDirectory(this, tr("Choose a model bundle folder"));
  if (folder.isEmpty()) return;
  QString error, installed;
  if (!addBundle(folder, userModelsFolder(), &error, &installed)) {
    bundleStatus_->setText(error);
    return;
  }
  bundleStatus_->setText(tr("Installed in %1.").arg(installed));
  reloadBundles();
  Q_EMIT bundlesChanged();
}

void SettingsDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

void SettingsDialog::setHistory(HistoryDatabase* history) {
  if (historySettings_ || !history) return;
  history_ = history;
  showBundle(bundleList_->currentRow());  // Improve... needs a history
  historySettings_ = new HistorySettings(*history, this);
  tabs_->insertTab(2, historySettings_, tr("History"));
}

void SettingsDialog::retranslate() {
  setWindowTitle(tr("Settings"));
  tabs_->setTabText(0, tr("General"));
  tabs_->setTabText(1, tr("Models"));
  tabs_->setTabText(tabs_->indexOf(privacy_), tr("Privacy"));
  if (historySettings_) tabs_->setTabText(tabs_->indexOf(historySettings_), tr("History"));
  languageLabel_->setText(tr("Language:"));
  language_->setItemText(0, tr("System language"));
  speciesLabel_->setText(tr("Species at start:"));
  species_->setItemText(0, tr("Dog"));
  species_->setItemText(1, tr("Cat"));
  addBundleButton_->setText(tr("Add bundle folder..."));
  useBundleButton_->setText(tr("Use this model"));
  useBundleButton_->setToolTip(
      tr("Screen this species with the selected model (also to switch "
         "back to an earlier version)."));
  improveButton_->setText(tr("Improve with this clinic's confirmed checks..."));
  improveButton_->setToolTip(
      tr("Fine-tune the selected model on the checks a vet confirmed, "
         "on this computer."));
  privacy_->setHtml(
      tr("<h3>Privacy</h3>"
         "<p>Photos are analysed on this computer. Walness never uploads them; they go to a server "
         "only if you keep pet histories on your clinic's own PostgreSQL server (History). "
         "Walness has no account, no analytics and no advertising.</p>"
         "<p>Only the clinic search uses the network, and only when you start it: the search "
         "location goes to OpenStreetMap (Overpass and, when you type a place, Nominatim) and, if "
         "you added a key, to Google Places. Map tiles are loaded from OpenStreetMap (or the tile "
         "server you set) while the Clinics tab is open.</p>"
         "<p>Stored on this computer only: your settings, the last search location, clinics found "
         "earlier (for use without network) and the Google key in the system keychain.</p>"
         "<p>Pet histories (photos, eye regions, heatmaps and results you save to a pet) are kept "
         "on this computer, or on your clinic's PostgreSQL server if you choose one under "
         "History.</p>"));
  showBundle(bundleList_->currentRow());
}

}  // namespace walness::ui
