#pragma once

#include <QChartView>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "walness/history/HistoryStore.h"

namespace walness::ui {

// Each disease's probability over a pet's diagnoses: one line per disease over dates, 0-100 %.
class ProbabilityChart : public QChartView {
  Q_OBJECT

 public:
  explicit ProbabilityChart(QWidget* parent = nullptr);

  // `name` words a disease id in the UI's language.
  void setHistory(const std::map<std::string, std::vector<history::ProbabilityPoint>>& series,
                  const std::function<QString(const std::string&)>& name);
  int seriesCount() const;
  int pointCount() const;  // over all series
  void setNoDataText(const QString& text);
};

}  // namespace walness::ui
