#pragma once

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <functional>
#include <memory>

#include "SharedData.h"
#include "WaitFor.h"
#include "ui/history/CompareDialog.h"
#include "ui/history/ConfirmationDialog.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/HistoryPage.h"
#include "walness/bundle/ModelLocator.h"
#include "walness/cam/HeatmapImage.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/inference/ScreeningSession.h"

namespace walness {

inline QString screenshot(const QString& name) {
  return QDir(QStringLiteral(WALNESS_SCREENSHOT_DIR)).filePath(name);
}

// The page reads pets and checks off the GUI thread: waits until it shows what it read.
inline bool loaded(const ui::HistoryPage& page) {
  return test::waitFor([&] { return !page.isLoading(); });
}

// The dialog `ask` hands over once the page has read what it shows (nullptr when it hands none).
template <class Dialog>
Dialog* handedOver(const std::function<void(std::function<void(Dialog*)>)>& ask) {
  struct Handed {
    bool done = false;
    Dialog* dialog = nullptr;
  };
  auto handed = std::make_shared<Handed>();
  ask([handed](Dialog* dialog) {
    handed->done = true;
    handed->dialog = dialog;
  });
  test::waitFor([&] { return handed->done; });
  return handed->dialog;
}

inline ui::CompareDialog* compareSelected(ui::HistoryPage& page) {
  return handedOver<ui::CompareDialog>([&](auto ready) { page.compareSelected(ready); });
}

inline ui::ConfirmationDialog* confirmSelected(ui::HistoryPage& page) {
  return handedOver<ui::ConfirmationDialog>([&](auto ready) { page.confirmSelected(ready); });
}

// A pet with three eye checks a month apart, screened for real by the shipped dog model.
class HistoryPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(history_.open(history::StoreLocation::local(folder_.filePath(QStringLiteral("h")))))
        << history_.error().toStdString();
    history::Pet pet;
    pet.name = "Coco";
    pet.breed = "Maltese";
    pet.birthYear = 2019;
    petId_ = history_.store()->addPet(pet).value();
    const auto bundles = bundle::listBundles(bundle::modelSearchDirectories());
    const auto dog = bundle::findBundleFor(Species::Dog, bundles);
    ASSERT_TRUE(dog) << "the shipped dog model is not found";
    auto session = inference::ScreeningSession::open(dog->directory);
    ASSERT_TRUE(session) << session.message();
    const QStringList photos = test::validationPhotos(3);
    ASSERT_EQ(photos.size(), 3);
    for (int i = 0; i < 3; ++i) {
      QFile file(photos[i]);
      ASSERT_TRUE(file.open(QIODevice::ReadOnly));
      history::NewDiagnosis entry;
      entry.photo = file.readAll();
      auto decoded =
          imaging::decodeImageBytes(reinterpret_cast<const unsigned char*>(entry.photo.constData()),
                                    size_t(entry.photo.size()), "photo");
      ASSERT_TRUE(decoded);
      auto explained = (*session)->explain(decoded->rgb, std::nullopt, "gradcam", {});
      ASSERT_TRUE(explained) << explained.message();
      entry.petId = petId_;
      entry.diagnosis = explained->diagnosis;
      entry.region = explained->region;
      if (!explained->heatmaps.empty()) {
        entry.camMethod = explained->camMethod;
        entry.camDisease = explained->heatmaps.begin()->first;
        entry.camPng = cam::encodeRegionHeatmap(explained->heatmaps.begin()->second);
      }
      entry.takenAt = QStringLiteral("2026-%1-15T09:30:00.000Z")
                          .arg(i + 8, 2, 10, QLatin1Char('0'))
                          .toStdString();
      entry.notes = i == 0 ? "first visit" : "";
      ASSERT_TRUE(history_.store()->addDiagnosis(entry));
    }
  }

  QTemporaryDir folder_;
  ui::HistoryDatabase history_;
  int64_t petId_ = 0;
};

}  // namespace walness
