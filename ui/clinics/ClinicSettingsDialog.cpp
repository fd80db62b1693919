#include "ui/clinics/ClinicSettingsDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/clinics/ApiKeyStore.h"
#include "ui/clinics/ClinicSearch.h"
#include "ui/common/SafeText.h"

namespace walness::ui {

namespace {
const char* kTileServerKey = "clinics/tileServer";
}

QString ClinicSettingsDialog::tileServerSetting() {
  return QSettings().value(QLatin1String(kTileServerKey)).toString().trimmed();
}

ClinicSettingsDialog::ClinicSettingsDialog(ClinicSearch* search, ApiKeyStore* keys, QWidget* parent)
    : QDialog(parent),
      search_(search),
      keys_(keys),
      keyEdit_(new QLineEdit(this)),
      saveKeyButton_(new QPushButton(tr("Save key"), this)),
      removeKeyButton_(new QPushButton(tr("Remove key"), this)),
      keyStatus_(new QLabel(this)),
      radius_(new QSpinBox(this)),
      tileServer_(new QLineEdit(this)) {
  setObjectName(QStringLiteral("clinicSettingsDialog"));
  setWindowTitle(tr("Clinic search settings"));

  keyEdit_->setObjectName(QStringLiteral("googleKeyEdit"));
  keyEdit_->setEchoMode(QLineEdit::Password);
  keyEdit_->setPlaceholderText(search->hasGoogleApiKey() ? tr("A key is set") : tr("No key"));
  keyEdit_->setAccessibleName(tr("Google Places API key"));
  keyStatus_->setObjectName(QStringLiteral("googleKeyStatus"));
  keyStatus_->setWordWrap(true);
  showPlainText(keyStatus_);  // shows the keychain's own messages
  keyStatus_->setText(
      tr("Optional. Without a key, clinics come from OpenStreetMap. With one, Google Places "
         "results (ratings, opening hours) are added. The key is kept in the system keychain."));
  auto* keyButtons = new QHBoxLayout;
  keyButtons->addWidget(keyEdit_, 1);
  keyButtons->addWidget(saveKeyButton_);
  keyButtons->addWidget(removeKeyButton_);

  radius_->setObjectName(QStringLiteral("radiusSpin"));
  radius_->setRange(1, 50);
  radius_->setSuffix(tr(" km"));
  radius_->setValue(search->radiusKm());
  connect(radius_, &QSpinBox::valueChanged, search_, &ClinicSearch::setRadiusKm);

  tileServer_->setObjectName(QStringLiteral("tileServerEdit"));
  tileServer_->setPlaceholderText(QStringLiteral("https://tile.example.org/%z/%x/%y.png"));
  tileServer_->setText(tileServerSetting());
  auto* tileNote = new QLabel(
      tr("Leave empty for OpenStreetMap's tiles. Takes effect the next time Walness starts."),
      this);
  tileNote->setWordWrap(true);

  auto* form = new QFormLayout;
  form->addRow(tr("Google Places API key:"), keyButtons);
  form->addRow(QString(), keyStatus_);
  form->addRow(tr("Search radius:"), radius_);
  form->addRow(tr("Map tile server:"), tileServer_);
  form->addRow(QString(), tileNote);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
  connect(this, &QDialog::finished, this, [this] {
    QSettings().setValue(QLatin1String(kTileServerKey), tileServer_->text().trimmed());
  });
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);

  connect(saveKeyButton_, &QPushButton::clicked, this, &ClinicSettingsDialog::saveKey);
  connect(removeKeyButton_, &QPushButton::clicked, this, &ClinicSettingsDialog::removeKey);
  resize(560, sizeHint().height());
}

void ClinicSettingsDialog::saveKey() {
  const QString key = keyEdit_->text().trimmed();
  if (key.isEmpty()) {
    keyStatus_->setText(tr("Type or paste the key first."));
    return;
  }
  search_->setGoogleApiKey(key);  // usable at once, even if the keychain fails below
  saveKeyButton_->setEnabled(false);
  keys_->writeGoogleKey(key, [this](bool ok, const QString& message) {
    saveKeyButton_->setEnabled(true);
    keyEdit_->clear();
    keyEdit_->setPlaceholderText(tr("A key is set"));
    keyStatus_->setText(ok ? tr("Saved in the system keychain.") : message);
  });
}

void ClinicSettingsDialog::removeKey() {
  search_->setGoogleApiKey(QString());
  keys_->deleteGoogleKey([this](bool ok, const QString& message) {
    keyEdit_->setPlaceholderText(tr("No key"));
    keyStatus_->setText(ok ? tr("Removed. Clinics now come from OpenStreetMap only.") : message);
  });
}

}  // namespace walness::ui
