#include "ui/common/ReportPdf.h"

#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

namespace walness::ui {

Status writeReportPdf(const report::Report& report, const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return Error{"cannot write " + path.toStdString() + ": " + file.errorString().toStdString()};
  {
    QPdfWriter writer(&file);
    writer.setTitle(report.title);
    writer.setCreator(QStringLiteral("Walness"));
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
    writer.setResolution(300);
    QTextDocument document;
    QFont font = document.defaultFont();
    font.setPointSizeF(9.5);
    document.setDefaultFont(font);
    for (const auto& [name, png] : report.images)
      document.addResource(QTextDocument::ImageResource, QUrl(name), QImage::fromData(png, "PNG"));
    document.setHtml(report.html);
    document.print(&writer);
  }
  if (!file.commit())
    return Error{"cannot write " + path.toStdString() + ": " + file.errorString().toStdString()};
  return Ok{};
}

Status writeReportAs(const report::Report& report, const QString& path) {
  return path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)
             ? writeReportPdf(report, path)
             : report::writeReportFile(report, path);
}

}  // namespace walness::ui
