#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace walness::ui {

// The Google Places API key in the operating system's keychain (QtKeychain: Secret Service on
// Linux, Keychain on macOS, Credential Manager on Windows), never in a settings file. Every call
// is asynchronous; the callback gets the outcome on the GUI thread.
class ApiKeyStore : public QObject {
  Q_OBJECT

 public:
  explicit ApiKeyStore(QObject* parent = nullptr);

  // ok = false and a message when no keychain is available or it refused; an empty key when none
  // was saved.
  using Done = std::function<void(bool ok, const QString& keyOrMessage)>;
  void readGoogleKey(Done done);
  void writeGoogleKey(const QString& key, Done done);
  void deleteGoogleKey(Done done);
};

}  // namespace walness::ui
