#pragma once

#include <opencv2/core/mat.hpp>

#include <QString>
#include <QWidget>

#include <vector>

#include "ui/diagnosis/ScreenedEye.h"

class QFrame;
class QLabel;
class QPushButton;

namespace walness::ui {

class ProbabilityBars;

// Both eyes of one photo side by side, once each was screened: per eye where it is in the photo,
// the square with the heatmap of its likeliest disease, and every finding against its threshold
// (or why the eye was refused). "Show details" puts that eye in the page's panes below.
class BothEyesPanel : public QWidget {
  Q_OBJECT

 public:
  explicit BothEyesPanel(QWidget* parent = nullptr);

  // `photo` is the whole photo the eyes were cut from; `language` words the disease names.
  void showEyes(const std::vector<ScreenedEye>& eyes, const cv::Mat& photo,
                const QString& language);
  // The eye shown in detail below (its card is marked).
  void setFocused(int index);
  void clear();
  int count() const { return int(eyes_.size()); }

 Q_SIGNALS:
  void eyeChosen(int index);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Card {
    QFrame* frame = nullptr;
    QLabel* title = nullptr;
    QLabel* summary = nullptr;
    QLabel* picture = nullptr;
    QLabel* pictureCaption = nullptr;
    ProbabilityBars* bars = nullptr;
    QPushButton* details = nullptr;
  };

  Card makeCard(int index);
  void fillCard(Card& card, const ScreenedEye& eye);
  void retranslate();

  std::vector<Card> cards_;
  std::vector<ScreenedEye> eyes_;
  cv::Mat photo_;
  QString language_;
  int focused_ = 0;
};

}  // namespace walness::ui
