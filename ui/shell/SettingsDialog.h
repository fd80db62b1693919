#pragma once

#include <QDialog>

#include <vector>

#include "walness/bundle/ModelLocator.h"

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTextBrowser;

namespace walness::ui {

class HistoryDatabase;
class HistorySettings;

// Settings: language (Korean, English or the system's), the species Walness starts with, the
// installed model bundles with their cards (and adding a bundle folder), and the privacy statement.
class SettingsDialog : public QDialog {
  Q_OBJECT

 public:
  explicit SettingsDialog(QWidget* parent = nullptr);

  // Copies a bundle folder (model.json + weights) into `modelsFolder` (the user's, by default)
  // after checking its card; returns false with `error` naming the problem. Nothing is copied
  // when it fails.
  static bool addBundle(const QString& folder, const QString& modelsFolder, QString* error,
                        QString* installedTo = nullptr);
  static QString userModelsFolder();
  // Adds the History tab (where pet histories are kept) for this open history.
  void setHistory(HistoryDatabase* history);
  HistorySettings* historySettings() const { return historySettings_; }
  QListWidget* bundleList() const { return bundleList_; }
  // Settings > Models: screen the selected bundle's species with it (switching back included),
  // and "Improve with this clinic's confirmed checks" for it (nullptr without a history or a
  // selection).
  void useSelectedBundle();
  class ImproveModelDialog* improveSelectedBundle();

 Q_SIGNALS:
  void languageChosen(const QString& code);  // "ko", "en" or "" for the system's
  void bundlesChanged();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void reloadBundles();
  void showBundle(int row);
  void chooseBundleFolder();

  QTabWidget* tabs_;
  QLabel* languageLabel_;
  QComboBox* language_;
  QLabel* speciesLabel_;
  QComboBox* species_;
  QListWidget* bundleList_;
  QTextBrowser* bundleCard_;
  QPushButton* addBundleButton_;
  QPushButton* useBundleButton_;
  QPushButton* improveButton_;
  HistoryDatabase* history_ = nullptr;
  QLabel* bundleStatus_;
  QTextBrowser* privacy_;
  std::vector<bundle::BundleListing> bundles_;
  HistorySettings* historySettings_ = nullptr;
};

}  // namespace walness::ui
