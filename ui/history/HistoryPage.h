#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

#include <cstdint>
#include <string>

class QLabel;
class QListWidget;
class QPushButton;
class QUndoStack;

namespace walness::ui {

class HistoryDatabase;
class ProbabilityChart;

// Pets and their eye checks over time: the pet list, a pet's timeline with thumbnails, a plot of
// each disease's probability, two diagnoses compared side by side, reports (PDF, HTML, JSON),
// export and import, and delete with undo.
class HistoryPage : public QWidget {
  Q_OBJECT

 public:
  explicit HistoryPage(HistoryDatabase& history, QWidget* parent = nullptr);
  ~HistoryPage() override;

  QListWidget* petList() const { return pets_; }
  QListWidget* timeline() const { return timeline_; }
  ProbabilityChart* chart() const { return chart_; }
  QUndoStack* undoStack() const { return undo_; }

  void selectPet(int64_t petId);
  int64_t currentPet() const;
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
  // The compare dialog for the two selected diagnoses (nullptr unless exactly two are selected).
  class CompareDialog* compareSelected();
  // The vet's confirmation of the one selected check (nullptr unless exactly one is selected);
  // accepting it stores a new revision. Opened by the Confirm... button.
  class ConfirmationDialog* confirmSelected();
  // History > "How the model did here": measured off the GUI thread, shown when ready.
  class AuditDialog* showAudit();

 Q_SIGNALS:
  void statusChanged(const QString& text);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Thumbnail {
    qint64 diagnosisId = 0;
    QImage image;
  };
  void retranslate();
  void reloadPets();
  void showPet();
  void updateActions();
  void setStatus(const QString& text);
  int64_t selectedDiagnosis() const;  // the one selected check's id, else 0
  void editPet(bool create);
  void chooseReport();
  void chooseExport();
  void chooseImport();
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
  QFutureWatcher<Thumbnail>* thumbnails_;
  bool reloading_ = false;
};

}  // namespace walness::ui
