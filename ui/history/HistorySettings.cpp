#include "ui/history/HistorySettings.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/common/SafeText.h"
#include "ui/history/HistoryDatabase.h"

namespace walness::ui {

HistorySettings::HistorySettings(HistoryDatabase& history, QWidget* parent)
    : QWidget(parent),
      history_(history),
      local_(new QRadioButton(this)),
      server_(new QRadioButton(this)),
      localFolder_(new QLabel(this)),
      host_(new QLineEdit(this)),
      port_(new QSpinBox(this)),
      database_(new QLineEdit(this)),
      user_(new QLineEdit(this)),
      sslMode_(new QComboBox(this)),
      hostLabel_(new QLabel(this)),
      portLabel_(new QLabel(this)),
      databaseLabel_(new QLabel(this)),
      userLabel_(new QLabel(this)),
      sslModeLabel_(new QLabel(this)),
      serverNote_(new QLabel(this)),
      applyButton_(new QPushButton(this)),
      status_(new QLabel(this)) {
  setObjectName(QStringLiteral("historySettings"));
  applyButton_->setObjectName(QStringLiteral("applyHistoryButton"));
  status_->setObjectName(QStringLiteral("historyStatus"));
  port_->setRange(1, 65535);
  localFolder_->setWordWrap(true);
  localFolder_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  serverNote_->setWordWrap(true);
  status_->setWordWrap(true);
  // The folder and the server's own messages: plain text.
  showPlainText(localFolder_);
  showPlainText(status_);

  const history::StoreLocation current = HistoryDatabase::savedLocation();
  const bool postgres = current.kind == history::StoreLocation::Kind::Postgres;
  (postgres ? server_ : local_)->setChecked(true);
  localFolder_->setText(postgres ? history::StoreLocation::defaultLocal().directory
                                 : current.directory);
  host_->setText(postgres ? current.host : QString());
  port_->setValue(postgres ? current.port : 5432);
  database_->setText(postgres ? current.database : QStringLiteral("walness"));
  user_->setText(postgres ? current.user : QString());
  sslMode_->setObjectName(QStringLiteral("sslModeBox"));
  sslMode_->addItem(QString(), QStringLiteral("prefer"));
  sslMode_->addItem(QString(), QStringLiteral("require"));
  if (postgres && sslMode_->findData(current.sslMode) < 0)
    sslMode_->addItem(current.sslMode, current.sslMode);  // from an address, e.g. verify-full
  sslMode_->setCurrentIndex(
      std::max(0, sslMode_->findData(postgres ? current.sslMode : QStringLiteral("prefer"))));

  auto* form = new QFormLayout;
  form->addRow(hostLabel_, host_);
  form->addRow(portLabel_, port_);
  form->addRow(databaseLabel_, database_);
  form->addRow(userLabel_, user_);
  form->addRow(sslModeLabel_, sslMode_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(local_);
  layout->addWidget(localFolder_);
  layout->addWidget(server_);
  layout->addLayout(form);
  layout->addWidget(serverNote_);
  layout->addWidget(applyButton_, 0, Qt::AlignLeft);
  layout->addWidget(status_);
  layout->addStretch(1);
  connect(local_, &QRadioButton::toggled, this, &HistorySettings::updateFields);
  connect(applyButton_, &QPushButton::clicked, this, &HistorySettings::apply);
  retranslate();
  updateFields();
}

void HistorySettings::updateFields() {
  for (QWidget* field : std::initializer_list<QWidget*>{host_, port_, database_, user_, sslMode_})
    field->setEnabled(server_->isChecked());
}

void HistorySettings::apply() {
  history::StoreLocation location = history::StoreLocation::local(localFolder_->text());
  if (server_->isChecked()) {
    location.kind = history::StoreLocation::Kind::Postgres;
    location.host = host_->text().trimmed();
    location.port = port_->value();
    location.database = database_->text().trimmed();
    location.user = user_->text().trimmed();
    location.sslMode = sslMode_->currentData().toString();
    location.password = qEnvironmentVariable("PGPASSWORD");
    if (location.host.isEmpty() || location.database.isEmpty() || location.user.isEmpty()) {
      status_->setText(tr("Fill in the server, the database and the user."));
      Q_EMIT applied(false);
      return;
    }
  }
  applyButton_->setEnabled(false);
  status_->setText(tr("Connecting to %1...").arg(location.describe()));
  // Settings may be closed before a slow server answers: then there is no one to tell.
  history_.openInBackground(location,
                            [self = QPointer<HistorySettings>(this), location](bool opened) {
                              if (opened) HistoryDatabase::saveLocation(location);
                              if (!self) return;
                              self->reportApplied(opened, location);
                            });
}

void HistorySettings::reportApplied(bool opened, const history::StoreLocation& location) {
  applyButton_->setEnabled(true);
  status_->setText(opened ? tr("Now using the history at %1.").arg(location.describe())
                          : history_.error() + QLatin1Char('\n') +
                                tr("The history in use was not changed."));
  Q_EMIT applied(opened);
}

void HistorySettings::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void HistorySettings::retranslate() {
  local_->setText(tr("On this computer"));
  server_->setText(tr("On the clinic's PostgreSQL server (shared by its front-desk computers)"));
  hostLabel_->setText(tr("Server:"));
  portLabel_->setText(tr("Port:"));
  databaseLabel_->setText(tr("Database:"));
  userLabel_->setText(tr("User:"));
  sslModeLabel_->setText(tr("Encryption:"));
  sslMode_->setItemText(0, tr("When the server offers it (prefer)"));
  sslMode_->setItemText(1, tr("Always: refuse an unencrypted server (require)"));
  serverNote_->setText(
      tr("On a server, pets, results and photos are stored in that database, so they leave this "
         "computer for the clinic's server. Walness does not store the password: PostgreSQL reads "
         "it from the user's password file (~/.pgpass, or %APPDATA%\\postgresql\\pgpass.conf on "
         "Windows) or PGPASSWORD."));
  applyButton_->setText(tr("Use this history"));
}

}  // namespace walness::ui
