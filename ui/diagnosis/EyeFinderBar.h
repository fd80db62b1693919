#pragma once

#include <QList>
#include <QRect>
#include <QWidget>

#include "walness/Species.h"

class QLabel;
class QPushButton;

namespace walness::ui {

// The line under the photo that says whether the eye was found, and steps through the squares
// the eye finder proposed (best first). Manual placement always stays possible.
class EyeFinderBar : public QWidget {
  Q_OBJECT

 public:
  explicit EyeFinderBar(QWidget* parent = nullptr);

  void setSearching();
  // The finder's answer for the photo shown (eyes of `species`); `available` false when no model
  // has a finder.
  void setSquares(const QList<QRect>& squares, bool available, Species species);
  void clear();
  // Whether the square is on one of a face's two eyes, both of which Analyze screens.
  void setBothEyes(bool bothEyes);
  bool bothEyes() const { return bothEyes_; }

  const QList<QRect>& squares() const { return squares_; }
  int current() const { return current_; }
  QString text() const;

 Q_SIGNALS:
  // The user asked for another found square (or the first one arrived).
  void squareChosen(const QRect& square);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void showState();

  enum class State { Idle, Searching, Found, NotFound, Unavailable };
  State state_ = State::Idle;
  QList<QRect> squares_;
  int current_ = -1;
  bool bothEyes_ = false;
  Species species_ = Species::Dog;
  QLabel* label_;
  QPushButton* nextButton_;
};

}  // namespace walness::ui
