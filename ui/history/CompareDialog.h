#pragma once

#include <QDialog>

#include <functional>
#include <string>

#include <optional>

#include "walness/history/Confirmation.h"
#include "walness/history/DiagnosisRecord.h"

class QGridLayout;
class QLabel;

namespace walness::ui {

class ProbabilityBars;

// Two saved diagnoses side by side: the eye region, where the model looked, the findings as bars
// against their thresholds, and how each disease's probability changed.
class CompareDialog : public QDialog {
  Q_OBJECT

 public:
  struct Side {
    history::DiagnosisRecord record;
    QImage eye;      // the eye region
    QImage heatmap;  // the eye region with the heatmap over it; null when none was kept
    std::optional<history::Confirmation> confirmation;  // the vet's newest answer
  };
  CompareDialog(const Side& earlier, const Side& later,
                const std::function<QString(const std::string&)>& diseaseName,
                QWidget* parent = nullptr);

  QString changeText() const;
  // What the vet said for one side (0 earlier, 1 later), as shown.
  QString confirmationText(int side) const { return confirmations_[side]; }

 private:
  // One diagnosis in columns `column` and `column + 1`.
  void addSide(QGridLayout& grid, const Side& side, int column,
               const std::function<QString(const std::string&)>& diseaseName);
  // How each disease scored in both changed (sets change_).
  QLabel* changeSummary(const Side& earlier, const Side& later,
                        const std::function<QString(const std::string&)>& diseaseName);

  QString change_;
  QString confirmations_[2];
};

}  // namespace walness::ui
