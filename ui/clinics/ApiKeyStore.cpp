#include "ui/clinics/ApiKeyStore.h"

#include <qt6keychain/keychain.h>

namespace walness::ui {

namespace {
const QString kService = QStringLiteral("Walness");
const QString kGoogleKey = QStringLiteral("google-places-api-key");

QString keychainMessage(QKeychain::Job* job) {
  return ApiKeyStore::tr(
             "The system keychain is not available (%1), so the key cannot be saved. "
             "It is used until Walness closes.")
      .arg(job->errorString());
}

template <class Job>
void run(Job* job, ApiKeyStore* owner, ApiKeyStore::Done done,
         std::function<QString(Job*)> result) {
  job->setAutoDelete(true);
  QObject::connect(job, &QKeychain::Job::finished, owner, [job, done, result] {
    if (job->error() == QKeychain::NoError)
      done(true, result(job));
    else if (job->error() == QKeychain::EntryNotFound)
      done(true, QString());
    else
      done(false, keychainMessage(job));
  });
  job->start();
}
}  // namespace

ApiKeyStore::ApiKeyStore(QObject* parent) : QObject(parent) {
}

void ApiKeyStore::readGoogleKey(Done done) {
  auto* job = new QKeychain::ReadPasswordJob(kService, this);
  job->setKey(kGoogleKey);
  run<QKeychain::ReadPasswordJob>(job, this, std::move(done), [](QKeychain::ReadPasswordJob* read) {
    return read->textData();
  });
}

void ApiKeyStore::writeGoogleKey(const QString& key, Done done) {
  auto* job = new QKeychain::WritePasswordJob(kService, this);
  job->setKey(kGoogleKey);
  job->setTextData(key.trimmed());
  run<QKeychain::WritePasswordJob>(job, this, std::move(done),
                                   [key](QKeychain::WritePasswordJob*) { return key.trimmed(); });
}

void ApiKeyStore::deleteGoogleKey(Done done) {
  auto* job = new QKeychain::DeletePasswordJob(kService, this);
  job->setKey(kGoogleKey);
  run<QKeychain::DeletePasswordJob>(job, this, std::move(done),
                                    [](QKeychain::DeletePasswordJob*) { return QString(); });
}

}  // namespace walness::ui
