#pragma once

#include <QScrollArea>
#include <QString>
#include <QStringList>

#include "walness/bundle/ModelCard.h"
#include "walness/inference/Diagnosis.h"

class QFrame;
class QLabel;
class QPushButton;

namespace walness::ui {

class ProbabilityBars;

// Beside the photo, scrolling: what the model says. The decision (findings with their bars and
// thresholds, or why there are none), what to do and how urgently, what the model checks, and a
// banner offering to retake a poor photo. Also the line in place of a result (busy, errors).
class DiagnosisResultPane : public QScrollArea {
  Q_OBJECT

 public:
  explicit DiagnosisResultPane(QWidget* parent = nullptr);

  // What stands in place of a result: no result yet, analysing, an error. `body` may be empty.
  void showMessage(const QString& title, const QString& body);
  void setTitle(const QString& title);
  void setBody(const QString& body);
  // `result` from the model `card`, worded in `language` ("en" or "ko") for disease texts.
  void showResult(const inference::ExplainedDiagnosis& result, const bundle::ModelCard& card,
                  const QString& language);
  // Drops the findings, advice and banner of the last result; the title and body stay.
  void clear();
  void retranslate();

 Q_SIGNALS:
  void retakeRequested();
  // The user wants vets nearby; `urgent` when a finding should be seen today.
  void findVetRequested(bool urgent);
  // The user accepts the species the photo looks like (offered for an other-species refusal).
  void switchSpeciesRequested();

 private:
  // Title, notes and bars; returns the photo's quality problems not already said by a refusal.
  QStringList showDecision(const inference::Diagnosis& diagnosis, const QString& language);
  // What the window can do about a refusal, first among the notes.
  QString refusalNote(const inference::Diagnosis& diagnosis, const QString& advice);
  void showAdvice(const inference::Diagnosis& diagnosis, const QString& language);
  void showCoverage(const inference::Diagnosis& diagnosis, const bundle::ModelCard& card,
                    const QString& language);
  void showQualityBanner(bool shown, const QStringList& problems);

  QFrame* qualityBanner_;
  QLabel* qualityText_;
  QPushButton* retakeButton_;
  QPushButton* keepButton_;
  QLabel* resultTitle_;
  QLabel* resultBody_;
  ProbabilityBars* bars_;
  QLabel* knowledgeText_;
  QPushButton* findVetButton_;
  QPushButton* switchSpeciesButton_;
  QLabel* coverageNote_;
  bool urgent_ = false;  // a finding shown should be seen by a vet today
};

}  // namespace walness::ui
