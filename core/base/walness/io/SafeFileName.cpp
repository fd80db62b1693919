#include "walness/io/SafeFileName.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace walness::io {

QString safeFileName(const QString& text, const QString& fallback, int maxLength) {
  QString name;
  name.reserve(text.size());
  for (const QChar c : text) {
    const bool refused = c.category() == QChar::Other_Control ||
                         c.category() == QChar::Other_Format || c == QChar::LineSeparator ||
                         c == QChar::ParagraphSeparator || QStringView(u"/\\:*?\"<>|").contains(c);
    name += refused ? QLatin1Char('_') : c;
  }
  const auto trimEnds = [&name] {
    qsizetype first = 0;
    while (first < name.size() && (name[first] == QLatin1Char('.') || name[first].isSpace()))
      ++first;
    qsizetype last = name.size();
    while (last > first && (name[last - 1] == QLatin1Char('.') || name[last - 1].isSpace())) --last;
    name = name.mid(first, last - first);
  };
  trimEnds();
  if (name.size() > maxLength) {
    name.truncate(maxLength);
    if (name.back().isHighSurrogate()) name.chop(1);  // never half a character
    trimEnds();
  }
  if (name.isEmpty()) return fallback;
  // Windows refuses these as names, whatever the extension: CON, CON.txt, com1.tar.gz.
  static const QRegularExpression reserved(
      QStringLiteral("^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\\..*)?$"),
      QRegularExpression::CaseInsensitiveOption);
  if (reserved.match(name).hasMatch()) name.prepend(QLatin1Char('_'));
  return name;
}

bool isInside(const QString& path, const QString& folder) {
  // The longest part of each that exists, resolved (links, ".."), then the rest as written.
  const auto resolved = [](const QString& given) {
    QString existing = QDir::cleanPath(QFileInfo(given).absoluteFilePath());
    QString rest;
    while (!QFileInfo::exists(existing) && existing != QLatin1String("/") && !existing.isEmpty()) {
      rest =
          QFileInfo(existing).fileName() + (rest.isEmpty() ? QString() : QLatin1Char('/') + rest);
      existing = QFileInfo(existing).path();
    }
    const QString canonical = QFileInfo(existing).canonicalFilePath();
    return QDir::cleanPath((canonical.isEmpty() ? existing : canonical) +
                           (rest.isEmpty() ? QString() : QLatin1Char('/') + rest));
  };
  const QString inner = resolved(path), outer = resolved(folder);
  return inner == outer ||
         inner.startsWith(outer.endsWith(QLatin1Char('/')) ? outer : outer + QLatin1Char('/'));
}

}  // namespace walness::io
