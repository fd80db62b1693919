#pragma once

#include <QString>

#include "walness/Result.h"
#include "walness/report/Report.h"

namespace walness::ui {

// Prints a report (its HTML and images) to an A4 PDF through QTextDocument and QPdfWriter; the
// file is written completely or not at all. Safe on a worker thread.
Status writeReportPdf(const report::Report& report, const QString& path);

// PDF, JSON or HTML by the file's extension (.pdf, .json, anything else HTML).
Status writeReportAs(const report::Report& report, const QString& path);

}  // namespace walness::ui
