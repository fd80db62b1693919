#pragma once

#include <QDialog>

#include <functional>
#include <string>

#include "walness/audit/ModelAudit.h"

class QLabel;
class QVBoxLayout;

namespace walness::ui {

// History > "How the model did here": per model version and disease the vet's confirmed counts,
// sensitivity and specificity with 95% intervals, AUC when there are enough checks, and what the
// numbers allow one to say, in the app's language.
class AuditDialog : public QDialog {
  Q_OBJECT

 public:
  AuditDialog(const std::function<QString(const std::string&)>& diseaseName,
              QWidget* parent = nullptr);

  // Shows a report (the page measures it off the GUI thread), or the error it met.
  void showReport(const audit::AuditReport& report, const QString& historyName);
  void showError(const QString& message);

  // The plain-words column for one disease, in the app's language.
  QString wordsFor(const audit::DiseaseAudit& disease) const;

 private:
  void clearBody();

  std::function<QString(const std::string&)> diseaseName_;
  QLabel* summary_;
  QWidget* body_;
  QVBoxLayout* bodyLayout_;
};

}  // namespace walness::ui
