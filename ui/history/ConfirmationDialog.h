#pragma once

#include <QDialog>

#include <functional>
#include <string>
#include <vector>

#include "walness/Species.h"
#include "walness/history/Confirmation.h"
#include "walness/history/DiagnosisRecord.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace walness::ui {

// The vet's answer to one saved check: for every eye disease of the species (the model's first,
// with its probability) found / not found / not examined and a grade, a note and who examined
// the pet. Opens with the newest answer filled in and lists the earlier ones; saving makes a new
// revision (the caller stores it).
class ConfirmationDialog : public QDialog {
  Q_OBJECT

 public:
  ConfirmationDialog(const history::DiagnosisRecord& record, Species species,
                     std::vector<history::Confirmation> revisions,
                     const std::function<QString(const std::string&)>& diseaseName,
                     QWidget* parent = nullptr);

  // "Cataract found (mild), Conjunctivitis not found": what an answer says, for lists.
  static QString findingsText(const history::Confirmation& confirmation,
                              const std::function<QString(const std::string&)>& diseaseName);

  // The answer as entered (confirmedAt left empty: the store stamps it), with an id that stays
  // the same for this dialog, so a retried save never stores it twice.
  history::Confirmation confirmation() const;

  // Save hands the answer to `saver`, which stores it (off the GUI thread) and then calls `done`
  // with an empty string or the error. Meanwhile the dialog says so and stays open; an error is
  // shown and the dialog stays open with everything typed, so Save retries. Without a saver Save
  // just accepts.
  using Saver = std::function<void(const history::Confirmation& answer,
                                   std::function<void(const QString& error)> done)>;
  void setSaver(Saver saver) { saver_ = std::move(saver); }
  bool isSaving() const { return saving_; }
  // Cancel, Escape and closing wait while an answer is being saved.
  void reject() override;
  QLabel* hintLabel() const { return hint_; }

  // For tests and scripts: the row of `disease`, and setting its answer.
  int rowOf(const std::string& disease) const;
  void setAnswer(const std::string& disease, history::FindingStatus status,
                 const QString& grade = QString());
  QLineEdit* examinerField() const { return examiner_; }
  QPlainTextEdit* noteField() const { return note_; }
  QLabel* earlierAnswers() const { return earlier_; }
  bool canSave() const;

 private:
  QLabel* headerFor(const history::DiagnosisRecord& record);
  void fillTable(const inference::Diagnosis& diagnosis,
                 const std::function<QString(const std::string&)>& diseaseName);
  void addTableRow(int row, const inference::Diagnosis& diagnosis,
                   const std::function<QString(const std::string&)>& diseaseName);
  void configureFields();
  void showRevisions(const std::vector<history::Confirmation>& revisions,
                     const std::function<QString(const std::string&)>& diseaseName);
  void layOut(QLabel* header);
  void save();  // Save: stores the answer through the saver, or says why it could not
  void saved(const QString& error);
  void updateSaveButton();

  std::vector<std::string> diseases_;  // the table's rows
  QTableWidget* table_;
  QLineEdit* examiner_;
  QPlainTextEdit* note_;
  QLabel* earlier_;
  QLabel* hint_;
  QDialogButtonBox* buttons_;
  std::string uid_;
  Saver saver_;
  bool saving_ = false;
};

}  // namespace walness::ui
