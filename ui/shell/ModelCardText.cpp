#include "ui/shell/ModelCardText.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

#include "walness/Diseases.h"

namespace walness::ui {

namespace {

// lupdate files these free-function strings under the namespace's name.
QString tr(const char* text) {
  return QCoreApplication::translate("walness::ui", text);
}

QString escaped(const QString& text) {
  return text.toHtmlEscaped();
}

QString diseaseLabel(const std::string& id) {
  return diseaseName(id, Words::installed());
}

QString number(const QJsonValue& value, int decimals = 3) {
  return value.isDouble() ? QString::number(value.toDouble(), 'f', decimals) : QStringLiteral("–");
}

QString speciesName(Species species) {
  return species == Species::Cat ? tr("cat") : tr("dog");
}

}  // namespace

QString modelCardSummary(const bundle::ModelCard& card) {
  QString summary = tr("%1 %2: %3 eyes, %4 diseases")
                        .arg(QString::fromStdString(card.id), QString::fromStdString(card.version),
                             speciesName(card.species))
                        .arg(card.labels.size());
  // The held-out test split's number when the card has one: nothing was chosen on it.
  const QJsonObject test = card.metrics.value(QStringLiteral("test")).toObject();
  const QJsonValue macro = card.metrics.value(QStringLiteral("macro_auc"));
  if (test.value(QStringLiteral("macro_auc")).isDouble())
    summary += tr(", macro AUC %1 (held-out test, %2 photos)")
                   .arg(number(test.value(QStringLiteral("macro_auc"))))
                   .arg(QLocale().toString(test.value(QStringLiteral("n")).toInt()));
  else if (macro.isDouble())
    summary += tr(", macro AUC %1 (%2 photos)")
                   .arg(number(macro))
                   .arg(QLocale().toString(card.metrics.value(QStringLiteral("n")).toInt()));
  return summary;
}

QString modelCardHtml(const bundle::ModelCard& card, const QString& directory) {
  QString html;
  html += QStringLiteral("<h3>%1 %2</h3>")
              .arg(escaped(QString::fromStdString(card.id)),
                   escaped(QString::fromStdString(card.version)));
  QStringList checks;
  for (const auto& label : card.labels) checks << escaped(diseaseLabel(label.id));
  html += QStringLiteral("<p>") +
          tr("Checks %1 eyes for: %2. It cannot confirm that an eye is healthy.")
              .arg(speciesName(card.species), checks.join(QStringLiteral(", "))) +
          QStringLiteral("</p>");
  html += QStringLiteral("<p>") +
          tr("Architecture %1, input %2 x %2 pixels, created %3 by Walness %4.")
              .arg(escaped(QString::fromStdString(card.architecture)))
              .arg(card.input.size)
              .arg(escaped(QString::fromStdString(card.created)),
                   escaped(QString::fromStdString(card.trainerVersion))) +
          QStringLiteral("</p>");
  const QJsonObject& provenance = card.provenance;
  if (provenance.contains(QStringLiteral("train_images")))
    html += QStringLiteral("<p>") +
            tr("Learnt from %1 labelled photos.")
                .arg(QLocale().toString(provenance.value(QStringLiteral("train_images")).toInt())) +
            QStringLiteral("</p>");

  const QJsonArray members = provenance.value(QStringLiteral("ensemble"))
                                 .toObject()
                                 .value(QStringLiteral("members"))
                                 .toArray();
  if (!members.isEmpty()) {
    QStringList names;
    for (const QJsonValue& value : members) {
      const QJsonObject member = value.toObject();
      QString name = escaped(member.value(QStringLiteral("id")).toString() + QLatin1Char(' ') +
                             member.value(QStringLiteral("version")).toString());
      const QJsonValue memberTest =
          member.value(QStringLiteral("test")).toObject().value(QStringLiteral("macro_auc"));
      if (memberTest.isDouble()) name += tr(" (test macro AUC %1 alone)").arg(number(memberTest));
      names << name;
    }
    html += QStringLiteral("<p>") +
            tr("An ensemble: the mean of its members' calibrated probabilities: %1.")
                .arg(names.join(QStringLiteral(", "))) +
            QStringLiteral("</p>");
  }

  const QJsonObject test = card.metrics.value(QStringLiteral("test")).toObject();
  if (test.value(QStringLiteral("macro_auc")).isDouble()) {
    const QJsonArray interval = test.value(QStringLiteral("macro_auc_interval")).toArray();
    html += QStringLiteral("<h4>") + tr("Measured on held-out test photos") +
            QStringLiteral("</h4><p>") +
            tr("On %1 photos no choice was made on: macro AUC %2 (95% interval %3 to %4), "
               "calibration error (ECE) %5.")
                .arg(QLocale().toString(test.value(QStringLiteral("n")).toInt()))
                .arg(number(test.value(QStringLiteral("macro_auc"))), number(interval.at(0)),
                     number(interval.at(1)), number(test.value(QStringLiteral("ece")))) +
            QStringLiteral("</p>");
    const QJsonObject perLabel = test.value(QStringLiteral("per_label")).toObject();
    if (!perLabel.isEmpty()) {
      html += QStringLiteral(
                  "<table cellspacing='0' cellpadding='3' border='1'><tr><th>%1</th>"
                  "<th>AUC</th><th>%2</th></tr>")
                  .arg(tr("Disease"), tr("95% interval"));
      for (const auto& label : card.labels) {
        const QJsonObject row = perLabel.value(QString::fromStdString(label.id)).toObject();
        const QJsonArray range = row.value(QStringLiteral("auc_interval")).toArray();
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3 – %4</td></tr>")
                    .arg(escaped(diseaseLabel(label.id)), number(row.value(QStringLiteral("auc"))),
                         number(range.at(0)), number(range.at(1)));
      }
      html += QStringLiteral("</table>");
    }
  }

  const QJsonObject& metrics = card.metrics;
  if (!metrics.isEmpty()) {
    html += QStringLiteral("<h4>") + tr("Measured") + QStringLiteral("</h4><p>") +
            tr("On %1 photos (%2 split): macro AUC %3, calibration error (ECE) %4.")
                .arg(QLocale().toString(metrics.value(QStringLiteral("n")).toInt()))
                .arg(escaped(metrics.value(QStringLiteral("split")).toString()))
                .arg(number(metrics.value(QStringLiteral("macro_auc"))),
                     number(metrics.value(QStringLiteral("ece")))) +
            QStringLiteral("</p>");
    const QJsonObject perLabel = metrics.value(QStringLiteral("per_label")).toObject();
    if (!perLabel.isEmpty()) {
      html += QStringLiteral(
                  "<table cellspacing='0' cellpadding='3' border='1'><tr><th>%1</th>"
                  "<th>AUC</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                  .arg(tr("Disease"), tr("Sensitivity"), tr("Specificity"), tr("Threshold"));
      for (const auto& label : card.labels) {
        const QJsonObject row = perLabel.value(QString::fromStdString(label.id)).toObject();
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                    .arg(escaped(diseaseLabel(label.id)), number(row.value(QStringLiteral("auc"))),
                         number(row.value(QStringLiteral("sensitivity")), 2),
                         number(row.value(QStringLiteral("specificity")), 2),
                         QString::number(label.threshold, 'f', 2));
      }
      html += QStringLiteral("</table>");
    }
    const QString note = metrics.value(QStringLiteral("note")).toString();
    if (!note.isEmpty()) html += QStringLiteral("<p><i>%1</i></p>").arg(escaped(note));
  }

  const QJsonArray limits = provenance.value(QStringLiteral("known_limits")).toArray();
  if (!limits.isEmpty()) {
    html += QStringLiteral("<h4>") + tr("Known limits") + QStringLiteral("</h4><ul>");
    for (const QJsonValue& limit : limits)
      html += QStringLiteral("<li>%1</li>").arg(escaped(limit.toString()));
    html += QStringLiteral("</ul>");
  }
  if (!directory.isEmpty())
    html += QStringLiteral("<p><small>%1</small></p>").arg(escaped(directory));
  return html;
}

}  // namespace walness::ui
