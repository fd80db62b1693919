#include "ui/common/ProbabilityBars.h"

#include <QPainter>
#include <QPalette>

#include <cmath>

namespace walness::ui {

namespace {
constexpr int kRowHeight = 30;
}

ProbabilityBars::ProbabilityBars(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ProbabilityBars::setRows(std::vector<Row> rows) {
  rows_ = std::move(rows);
  QStringList description;
  for (const Row& row : rows_)
    description << tr("%1: %2%, threshold %3%")
                       .arg(row.name)
                       .arg(std::lround(row.probability * 100))
                       .arg(std::lround(row.threshold * 100));
  setAccessibleDescription(description.join(QStringLiteral("; ")));
  updateGeometry();
  update();
}

QSize ProbabilityBars::sizeHint() const {
  return {300, int(rows_.size()) * kRowHeight + 4};
}

void ProbabilityBars::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const QPalette& colours = palette();
  const QFontMetrics metrics = fontMetrics();
  QFont boldFont = font();
  boldFont.setBold(true);
  const QFontMetrics boldMetrics(boldFont);  // positive rows are bold, hence wider
  int nameWidth = 0;
  for (const Row& row : rows_)
    nameWidth = std::max(nameWidth, boldMetrics.horizontalAdvance(row.name));
  nameWidth = std::min(nameWidth + 12, width() / 2);
  const int percentWidth = metrics.horizontalAdvance(QStringLiteral("100%")) + 10;
  const int barLeft = nameWidth;
  const int barWidth = std::max(20, width() - barLeft - percentWidth);
  for (size_t i = 0; i < rows_.size(); ++i) {
    const Row& row = rows_[i];
    const int top = int(i) * kRowHeight + 2;
    const QRect nameRect(0, top, nameWidth - 8, kRowHeight);
    QFont font = painter.font();
    font.setBold(row.positive);
    painter.setFont(font);
    painter.setPen(colours.color(QPalette::WindowText));
    painter.drawText(nameRect, Qt::AlignVCenter | Qt::AlignLeft,
                     (row.positive ? boldMetrics : metrics)
                         .elidedText(row.name, Qt::ElideRight, nameRect.width()));
    const QRect track(barLeft, top + 8, barWidth, kRowHeight - 16);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colours.color(QPalette::Midlight));
    painter.drawRoundedRect(track, 4, 4);
    QRect fill = track;
    fill.setWidth(int(std::lround(track.width() * std::clamp(row.probability, 0.0, 1.0))));
    painter.setBrush(row.positive ? colours.color(QPalette::Highlight)
                                  : colours.color(QPalette::Mid));
    if (fill.width() > 0) painter.drawRoundedRect(fill, 4, 4);
    // The threshold: a dark mark across the track.
    const int x = track.left() + int(std::lround(track.width() * row.threshold));
    painter.setPen(QPen(colours.color(QPalette::WindowText), 2));
    painter.drawLine(x, top + 4, x, top + kRowHeight - 4);
    painter.drawText(QRect(track.right() + 6, top, percentWidth, kRowHeight),
                     Qt::AlignVCenter | Qt::AlignLeft,
                     QStringLiteral("%1%").arg(std::lround(row.probability * 100)));
  }
}

}  // namespace walness::ui
