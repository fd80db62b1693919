#pragma once

#include <QString>
#include <QWidget>

#include <vector>

namespace walness::ui {

// One horizontal bar per disease: the probability as a filled bar and a percentage, the decision
// threshold as a vertical mark, positive findings in the accent colour.
class ProbabilityBars : public QWidget {
  Q_OBJECT

 public:
  struct Row {
    QString name;
    double probability = 0;
    double threshold = 0.5;
    bool positive = false;
  };

  explicit ProbabilityBars(QWidget* parent = nullptr);
  void setRows(std::vector<Row> rows);
  const std::vector<Row>& rows() const { return rows_; }

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override { return sizeHint(); }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::vector<Row> rows_;
};

}  // namespace walness::ui
