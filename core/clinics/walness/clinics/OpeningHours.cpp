#include "walness/clinics/OpeningHours.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace walness::clinics {

namespace {

struct Span {
  int start;  // minutes since midnight
  int end;    // may exceed 1440 for spans past midnight
};

struct Rule {
  std::array<bool, 8> days{};  // index 1..7
  bool closed = false;
  std::vector<Span> spans;
};

std::optional<int> dayIndex(const QString& day) {
  static const QStringList names = {
      QStringLiteral("Mo"), QStringLiteral("Tu"), QStringLiteral("We"), QStringLiteral("Th"),
      QStringLiteral("Fr"), QStringLiteral("Sa"), QStringLiteral("Su")};
  const int index = int(names.indexOf(day));
  if (index < 0) return std::nullopt;
  return index + 1;
}

std::optional<int> minutesOf(const QString& text) {
  static const QRegularExpression time(QStringLiteral("^(\\d{1,2}):(\\d{2})$"));
  const auto match = time.match(text);
  if (!match.hasMatch()) return std::nullopt;
  const int hours = match.captured(1).toInt();
  const int minutes = match.captured(2).toInt();
  if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0)) return std::nullopt;
  return hours * 60 + minutes;
}

bool parseDays(const QString& selector, std::array<bool, 8>& days) {
  for (const QString& part : selector.split(QLatin1Char(','))) {
    const QStringList range = part.split(QLatin1Char('-'));
    if (range.size() == 1) {
      auto day = dayIndex(range[0]);
      if (!day) return false;
      days[*day] = true;
    } else if (range.size() == 2) {
      auto first = dayIndex(range[0]);
      auto last = dayIndex(range[1]);
      if (!first || !last) return false;
      for (int day = *first;; day = day % 7 + 1) {  // "Sa-Mo" wraps over the week's end
        days[day] = true;
        if (day == *last) break;
      }
    } else {
      return false;
    }
  }
  return true;
}

bool parseSpans(const QString& text, std::vector<Span>& spans) {
  for (const QString& part : text.split(QLatin1Char(','))) {
    const QStringList ends = part.trimmed().split(QLatin1Char('-'));
    if (ends.size() != 2) return false;
    auto start = minutesOf(ends[0]);
    auto end = minutesOf(ends[1]);
    if (!start || !end || *start >= 1440) return false;
    spans.push_back({*start, *end <= *start ? *end + 1440 : *end});
  }
  return true;
}

std::optional<Rule> parseRule(const QString& text) {
  Rule rule;
  QString rest = text.trimmed();
  static const QRegularExpression daysFirst(
      QStringLiteral("^((?:Mo|Tu|We|Th|Fr|Sa|Su)(?:[-,](?:Mo|Tu|We|Th|Fr|Sa|Su))*)\\s*(.*)$"));
  const auto match = daysFirst.match(rest);
  if (match.hasMatch()) {
    if (!parseDays(match.captured(1), rule.days)) return std::nullopt;
    rest = match.captured(2).trimmed();
  } else {
    rule.days.fill(true);
  }
  if (rest == QLatin1String("off") || rest == QLatin1String("closed")) {
    rule.closed = true;
    return rule;
  }
  if (rest.isEmpty() || !parseSpans(rest, rule.spans)) return std::nullopt;
  return rule;
}

}  // namespace

bool isAlwaysOpen(const std::string& openingHours) {
  return QString::fromStdString(openingHours).trimmed() == QLatin1String("24/7");
}

LocalTime currentLocalTime() {
  const QDateTime now = QDateTime::currentDateTime();
  return LocalTime{now.date().dayOfWeek(), now.time().hour() * 60 + now.time().minute()};
}

OpenState evaluateOpeningHours(const std::string& openingHours, const LocalTime& when) {
  const QString text = QString::fromStdString(openingHours).trimmed();
  if (text.isEmpty()) return OpenState::Unknown;
  if (text == QLatin1String("24/7")) return OpenState::Open;
  // We cannot know today's public holidays: say so instead of guessing.
  if (text.contains(QStringLiteral("PH")) || text.contains(QStringLiteral("SH")))
    return OpenState::Unknown;

  std::vector<Rule> rules;
  for (const QString& part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
    auto rule = parseRule(part);
    if (!rule) return OpenState::Unknown;
    rules.push_back(*rule);
  }
  // The rule that governs a day is the last one naming it.
  const auto governing = [&](int day) -> const Rule* {
    const Rule* found = nullptr;
    for (const Rule& rule : rules)
      if (rule.days[day]) found = &rule;
    return found;
  };
  const int today = when.weekday;
  const int yesterday = today == 1 ? 7 : today - 1;
  if (const Rule* rule = governing(today); rule && !rule->closed)
    for (const Span& span : rule->spans)
      if (when.minutes >= span.start && when.minutes < span.end) return OpenState::Open;
  // Yesterday's spans past midnight reach into today.
  if (const Rule* rule = governing(yesterday); rule && !rule->closed)
    for (const Span& span : rule->spans)
      if (span.end > 1440 && when.minutes < span.end - 1440) return OpenState::Open;
  return OpenState::Closed;
}

}  // namespace walness::clinics
