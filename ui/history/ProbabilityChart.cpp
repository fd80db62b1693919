#include "ui/history/ProbabilityChart.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace walness::ui {

namespace {
// Distinct on white and for common colour-vision deficiencies (Okabe-Ito).
const QColor kColors[] = {QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                          QColor(0x00, 0x9E, 0x73), QColor(0xD5, 0x5E, 0x00),
                          QColor(0xCC, 0x79, 0xA7), QColor(0x00, 0x72, 0xB2)};
}  // namespace

ProbabilityChart::ProbabilityChart(QWidget* parent) : QChartView(parent) {
  setObjectName(QStringLiteral("probabilityChart"));
  setRenderHint(QPainter::Antialiasing);
  chart()->legend()->setAlignment(Qt::AlignBottom);
  chart()->setMargins(QMargins(4, 4, 4, 4));
  setMinimumHeight(220);
}

void ProbabilityChart::setHistory(
    const std::map<std::string, std::vector<history::ProbabilityPoint>>& series,
    const std::function<QString(const std::string&)>& name) {
  QChart* chart = this->chart();
  chart->removeAllSeries();
  for (QAbstractAxis* axis : chart->axes()) {
    chart->removeAxis(axis);
    delete axis;
  }
  auto* time = new QDateTimeAxis;
  time->setFormat(QStringLiteral("yyyy-MM-dd"));
  auto* percent = new QValueAxis;
  percent->setRange(0, 100);
  percent->setLabelFormat(QStringLiteral("%d%"));
  percent->setTickCount(6);
  chart->addAxis(time, Qt::AlignBottom);
  chart->addAxis(percent, Qt::AlignLeft);
  qint64 first = std::numeric_limits<qint64>::max(), last = std::numeric_limits<qint64>::min();
  int index = 0;
  for (const auto& [disease, points] : series) {
    auto* line = new QLineSeries;
    // The legend renders its labels as HTML; a disease id from a shared history is not ours.
    line->setName(name(disease).toHtmlEscaped());
    QPen pen(kColors[index++ % std::size(kColors)]);
    pen.setWidthF(2.2);
    line->setPen(pen);
    line->setPointsVisible(true);
    for (const auto& point : points) {
      const qint64 when =
          QDateTime::fromString(QString::fromStdString(point.takenAt), Qt::ISODateWithMs)
              .toMSecsSinceEpoch();
      first = std::min(first, when);
      last = std::max(last, when);
      line->append(double(when), point.probability * 100);
    }
    chart->addSeries(line);
    line->attachAxis(time);
    line->attachAxis(percent);
  }
  if (first <= last) {
    // A day either side so single points and the ends are not on the frame.
    const qint64 day = 24 * 3600 * 1000;
    time->setRange(QDateTime::fromMSecsSinceEpoch(first - day),
                   QDateTime::fromMSecsSinceEpoch(last + day));
    time->setTickCount(std::clamp(int((last - first) / day) + 2, 2, 6));
  }
}

int ProbabilityChart::seriesCount() const {
  return int(chart()->series().size());
}

int ProbabilityChart::pointCount() const {
  int points = 0;
  for (QAbstractSeries* series : chart()->series())
    if (auto* line = qobject_cast<QLineSeries*>(series)) points += int(line->count());
  return points;
}

void ProbabilityChart::setNoDataText(const QString& text) {
  chart()->setTitle(text);
}

}  // namespace walness::ui
