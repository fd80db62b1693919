#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/history/Confirmation.h"
#include "walness/history/DiagnosisRecord.h"
#include "walness/history/Pet.h"

class QLabel;
class QListWidget;
class QPushButton;
class QTimer;
class QUndoStack;

namespace walness::history {
class HistoryStore;
}

namespace walness::ui {

class HistoryDatabase;
class HistoryReader;
class ProbabilityChart;
struct HistoryReading;

// Pets and their eye checks over time: the pet list, a pet's timeline with thumbnails, a plot of
// each disease's probability, two diagnoses compared side by side, reports (PDF, HTML, JSON),
// export and import, and delete with undo. Pets and checks are read, and changes written, off the
// GUI thread (a shared server may be slow or restarting): the page greys out with "Loading..."
// until they are done.
class HistoryPage : public QWidget {
  Q_OBJECT

 public:
  explicit HistoryPage(HistoryDatabase& history, QWidget* parent = nullptr);
  ~HistoryPage() override;

  QListWidget* petList() const { return pets_; }
  QListWidget* timeline() const { return timeline_; }
  ProbabilityChart* chart() const { return chart_; }
  QUndoStack* undoStack() const { return undo_; }

  // Shows `petId`, once the list that holds it is read when it is not listed yet.
  void selectPet(int64_t petId);
  int64_t currentPet() const;
  // True while pets or checks are being read, or a change written; loaded() is emitted when
  // what was read is shown.
  bool isLoading() const;
  // Thumbnails load off the GUI thread; true once all of the current pet's are shown.
  bool thumbnailsLoaded() const;

  // The actions behind the buttons, without their file dialogs (for tests and scripts).
  void deleteCurrentPet();
  void deleteSelectedDiagnoses();
  // Writes a report on the selected diagnoses (all when none is selected) as PDF, HTML or JSON
  // by the file's extension, off the GUI thread; `done` gets an empty string or the error.
  void writeReport(const QString& path, std::function<void(const QString& error)> done = {});
  void exportCurrentPet(const QString& folder, std::function<void(const QString& error)> done = {});
  void importPet(const QString& folder, std::function<void(const QString& error)> done = {});
  // The compare dialog for the two selected diagnoses, read off the GUI thread and handed to
  // `ready` (not opened); nullptr unless exactly two are selected, or when they cannot be read
  // (the status line says why). Never called when the page is gone first.
  void compareSelected(std::function<void(class CompareDialog*)> ready);
  // The same for the vet's confirmation of the one selected check; saving it stores a new
  // revision, off the GUI thread. Opened by the Confirm... button.
  void confirmSelected(std::function<void(class ConfirmationDialog*)> ready);
  // History > "How the model did here": measured off the GUI thread, shown when ready.
  class AuditDialog* showAudit();

 Q_SIGNALS:
  void statusChanged(const QString& text);
  void loaded();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Thumbnail {
    qint64 diagnosisId = 0;
    QImage image;
  };
  void nameObjects();
  void configureWidgets();
  void layOut();
  void connectActions();
  void retranslate();
  // Reading: the list and the current pet (reloadPets), or the current pet only (showPet).
  void reloadPets();
  void showPet();
  void requestReading(bool withPets);
  void showBusySoon();  // greys the page out if the store has not answered in a moment
  void settleBusy();    // and back once nothing is on its way
  void setBusyShown(bool shown);
  void showReading(const HistoryReading& reading);
  void showPets(const std::vector<history::Pet>& pets, int64_t current);
  void showNoPet();
  void showPetHistory(const HistoryReading& reading);
  void addTimelineItem(const history::DiagnosisRecord& record, bool confirmed);
  void loadThumbnails(const std::vector<history::DiagnosisRecord>& records);
  void showThumbnail(int index);
  void updateActions();
  void setStatus(const QString& text);
  int64_t selectedDiagnosis() const;  // the one selected check's id, else 0
  std::vector<int64_t> selectedDiagnoses() const;
  void editPet(bool create);
  std::optional<history::Pet> askPet(history::Pet pet, bool create);  // the dialog; none: cancelled
  void savePet(const history::Pet& pet, bool create);
  // Writes `change` off the GUI thread on the store open now; `after` hears how it went.
  void writeStore(std::function<Status(history::HistoryStore&)> change,
                  std::function<void(const Status&)> after);
  class ConfirmationDialog* confirmationDialog(int64_t checkId, const history::DiagnosisRecord&,
                                               Species species,
                                               std::vector<history::Confirmation> revisions);
  void saveConfirmation(int64_t checkId, const history::Confirmation& answer,
                        std::function<void(const QString& error)> done);
  void chooseReport();
  void chooseExport();
  void chooseImport();
  QString fileNameOfPet() const;  // the shown pet's name, safe as a file name
  QString diseaseName(const std::string& id) const;
  QString language() const;

  HistoryDatabase& history_;
  QListWidget* pets_;
  QPushButton* newPet_;
  QPushButton* editPet_;
  QPushButton* deletePet_;
  QPushButton* importPet_;
  QPushButton* exportPet_;
  QLabel* petTitle_;
  QLabel* timelineTitle_;
  QListWidget* timeline_;
  QPushButton* compare_;
  QPushButton* confirm_;
  QPushButton* audit_;
  QPushButton* report_;
  QPushButton* deleteDiagnosis_;
  QLabel* chartTitle_;
  ProbabilityChart* chart_;
  QLabel* status_;
  QPushButton* undoButton_;
  QUndoStack* undo_;
  QWidget* busy_;  // "Loading...", shown when a reading takes a moment
  QLabel* busyText_;
  QTimer* busyDelay_;
  QFutureWatcher<Thumbnail>* thumbnails_;
  HistoryReader* reader_;
  std::optional<history::Pet> shownPet_;  // as last read, for names and editing
  int64_t wantedPet_ = 0;                 // selected before the list holding it was read
  bool reloading_ = false;
};

}  // namespace walness::ui
