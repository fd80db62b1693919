#include "walness/report/Report.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

#include "walness/Diseases.h"
#include "walness/cam/HeatmapOverlay.h"
#include "walness/history/DiagnosisRecord.h"
#include "walness/imaging/Quality.h"
#include "walness/inference/DiagnosisJson.h"
#include "walness/inference/Wording.h"
#include "walness/io/AtomicFile.h"
#include "walness/knowledge/Advice.h"
#include "walness/text/Words.h"

#include <walness/Version.h>

namespace walness::report {

namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

QString escaped(const std::string& text) {
  return qs(text).toHtmlEscaped();
}

// The report's words in its own language (not the window's): the project's Qt translation, with
// disease and species names.
class ReportWords {
 public:
  explicit ReportWords(const std::string& language)
      : words_(languageFromCode(language).value_or(Language::English)) {}
  const Words& words() const { return words_; }
  bool korean() const { return words_.language() == Language::Korean; }
  QString translate(const char* context, const char* sourceText) const {
    return words_.translate(context, sourceText);
  }
  QString disease(const std::string& id) const {
    // An id the app does not know (a record from a shared history) is shown escaped, as is all
    // text from outside in the report.
    return diseaseName(id, words_).toHtmlEscaped();
  }
  // For table cells: "Cataract" rather than "cataract" (Korean names are unchanged).
  QString diseaseLabel(const std::string& id) const {
    QString name = disease(id);
    if (!name.isEmpty()) name[0] = name[0].toUpper();
    return name;
  }
  QString species(Species species) const { return inference::speciesName(species, words_); }

 private:
  Words words_;
};

QString localTime(const std::string& iso) {
  const QDateTime time = QDateTime::fromString(qs(iso), Qt::ISODateWithMs);
  return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                        : qs(iso).toHtmlEscaped();
}

// Which of a photo's two eyes an item is; empty for an eye on its own.
QString eyeSideText(const std::string& side, const ReportWords& t) {
  if (side == history::kLeftOfPhoto) return t.translate("Report", "Eye on the left of the photo");
  if (side == history::kRightOfPhoto) return t.translate("Report", "Eye on the right of the photo");
  return QString();
}

QString percent(double probability) {
  return QString::number(probability * 100, 'f', 1) + QLatin1Char('%');
}

QByteArray png(const cv::Mat& rgb) {
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  std::vector<uchar> bytes;
  cv::imencode(".png", bgr, bytes);
  return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

cv::Mat scaledToFit(const cv::Mat& image, int longSide) {
  const double scale = double(longSide) / std::max(image.cols, image.rows);
  cv::Mat scaled;
  cv::resize(image, scaled, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
  return scaled;
}

// The photo with the eye region outlined, the region alone, and the heatmap over the region.
void addPictures(const ReportItem& item, int index, Report& report, QString& html,
                 const ReportWords& t) {
  if (item.photo.empty()) {
    html += QStringLiteral("<p><i>%1</i></p>")
                .arg(t.translate("Report", "The photo is not available."));
    return;
  }
  const cv::Rect region = item.region & cv::Rect(0, 0, item.photo.cols, item.photo.rows);
  cv::Mat outlined = item.photo.clone();
  if (!region.empty()) {
    const int thickness = std::max(2, std::max(outlined.cols, outlined.rows) / 200);
    cv::rectangle(outlined, region, cv::Scalar(255, 200, 0), thickness);
  }
  const QString photoName = QStringLiteral("photo-%1.png").arg(index);
  report.images[photoName] = png(scaledToFit(outlined, 480));
  QString cells = QStringLiteral("<td align='center'><img src='%1' width='220'><br>%2</td>")
                      .arg(photoName, t.translate("Report", "Photo (eye region outlined)"));
  if (!region.empty()) {
    const cv::Mat crop = scaledToFit(item.photo(region), 240);
    const QString regionName = QStringLiteral("region-%1.png").arg(index);
    report.images[regionName] = png(crop);
    cells += QStringLiteral("<td align='center'><img src='%1' width='170'><br>%2</td>")
                 .arg(regionName, t.translate("Report", "Eye region the model saw"));
    if (!item.heatmap.empty()) {
      cv::Mat heatmap;
      cv::resize(item.heatmap, heatmap, crop.size(), 0, 0, cv::INTER_LINEAR);
      const QString camName = QStringLiteral("heatmap-%1.png").arg(index);
      report.images[camName] =
          png(cam::overlayHeatmap(crop, heatmap, 0.45, cv::Rect(0, 0, crop.cols, crop.rows)));
      cells += QStringLiteral("<td align='center'><img src='%1' width='170'><br>%2</td>")
                   .arg(camName, t.translate("Report", "Where the model looked (%1, %2)")
                                     .arg(escaped(item.camMethod), t.disease(item.camDisease)));
    }
  }
  html += QStringLiteral("<table cellpadding='4'><tr>%1</tr></table>").arg(cells);
}

QString abstentionText(const inference::Diagnosis& diagnosis, const ReportWords& t) {
  const inference::AbstentionText text = inference::describeAbstention(diagnosis, t.words());
  return text.title.toHtmlEscaped() + QStringLiteral(". ") + text.advice.toHtmlEscaped();
}

void addFindings(const inference::Diagnosis& diagnosis, QString& html, const ReportWords& t) {
  if (diagnosis.abstention) {
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(t.translate("Report", "No findings:"), abstentionText(diagnosis, t));
    return;
  }
  const auto* top = diagnosis.top();
  if (top && top->positive)
    html += QStringLiteral("<p><b>%1</b></p>")
                .arg(t.translate("Report", "Signs consistent with %1 (%2).")
                         .arg(t.disease(top->disease), percent(top->probability)));
  else
    html += QStringLiteral("<p><b>%1</b></p>")
                .arg(t.translate(
                    "Report",
                    "No disease this model checks reached its threshold. This does not mean "
                    "the eye is healthy."));
  html += QStringLiteral(
              "<table border='1' cellspacing='0' cellpadding='3'><tr><th align='left'>%1</th>"
              "<th>%2</th><th>%3</th><th>%4</th></tr>")
              .arg(t.translate("Report", "Disease"), t.translate("Report", "Probability"),
                   t.translate("Report", "Threshold"), t.translate("Report", "Result"));
  for (const auto& finding : diagnosis.findings)
    html += QStringLiteral(
                "<tr%1><td>%2</td><td align='right'>%3</td><td align='right'>%4</td>"
                "<td>%5</td></tr>")
                .arg(finding.positive ? QStringLiteral(" bgcolor='#fde2d6'") : QString(),
                     t.diseaseLabel(finding.disease), percent(finding.probability),
                     percent(finding.threshold),
                     finding.positive ? t.translate("Report", "above threshold")
                                      : t.translate("Report", "below threshold"));
  html += QStringLiteral("</table>");
}

// What to do about each positive finding, most urgent first: the advice the eye-check page gives.
void addAdvice(const inference::Diagnosis& diagnosis, QString& html, const ReportWords& t) {
  const knowledge::DiseaseKnowledge* known = knowledge::shippedKnowledge();
  if (!known) return;
  std::vector<knowledge::Advice> advice = knowledge::adviceFor(diagnosis, *known, t.words());
  if (advice.empty()) return;
  // Capitalised as in the findings table ("Cataract"); adviceHtml escapes it.
  for (knowledge::Advice& item : advice)
    if (!item.diseaseName.isEmpty()) item.diseaseName[0] = item.diseaseName[0].toUpper();
  html += QStringLiteral("<h3>%1</h3>").arg(t.translate("Report", "What to do"));
  html += knowledge::adviceHtml(advice, t.words());
}

void addQuality(const imaging::QualityReport& quality, QString& html, const ReportWords& t) {
  QStringList notes;
  for (const auto& check : quality.checks)
    if (check.severity != imaging::QualitySeverity::Ok)
      notes << QStringLiteral("<li>%1</li>")
                   .arg(imaging::qualityMessage(check, t.words()).toHtmlEscaped());
  html += QStringLiteral("<p>%1</p>")
              .arg(notes.isEmpty()
                       ? t.translate("Report",
                                     "Photo quality: no problems found (sharpness, exposure, "
                                     "size of the eye region).")
                       : t.translate("Report", "Photo quality notes:") + QStringLiteral("<ul>") +
                             notes.join(QString()) + QStringLiteral("</ul>"));
}

void addModelCard(const ReportRequest& request, QString& html, const ReportWords& t) {
  html += QStringLiteral("<h3>%1</h3>").arg(t.translate("Report", "About the model"));
  if (!request.card) {
    const auto& diagnosis = request.items.back().diagnosis;
    html += QStringLiteral("<p>%1</p>")
                .arg(t.translate(
                          "Report",
                          "Model %1 %2. Its model card is not installed on this computer, so its "
                          "measured accuracy is not shown.")
                         .arg(escaped(diagnosis.modelId), escaped(diagnosis.modelVersion)));
    return;
  }
  const bundle::ModelCard& card = *request.card;
  QStringList checks;
  for (const auto& label : card.labels) checks << t.disease(label.id);
  html +=
      QStringLiteral("<p>%1</p>")
          .arg(t.translate("Report",
                           "Model %1 %2 checks %3 eyes for: %4. It cannot confirm that an eye is "
                           "healthy.")
                   .arg(escaped(card.id), escaped(card.version), t.species(card.species),
                        checks.join(QStringLiteral(", "))));
  const QJsonObject perLabel = card.metrics.value(QStringLiteral("per_label")).toObject();
  if (card.metrics.value(QStringLiteral("macro_auc")).isDouble()) {
    html +=
        QStringLiteral("<p>%1</p>")
            .arg(t.translate("Report", "Measured on %1 held-out photos: macro AUC %2.")
                     .arg(card.metrics.value(QStringLiteral("n")).toInt())
                     .arg(card.metrics.value(QStringLiteral("macro_auc")).toDouble(), 0, 'f', 3));
    html += QStringLiteral(
                "<table border='1' cellspacing='0' cellpadding='3'><tr><th align='left'>%1</th>"
                "<th>AUC</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                .arg(t.translate("Report", "Disease"), t.translate("Report", "Sensitivity"),
                     t.translate("Report", "Specificity"), t.translate("Report", "Threshold"));
    for (const auto& label : card.labels) {
      const QJsonObject row = perLabel.value(qs(label.id)).toObject();
      const auto number = [&](const char* key, int decimals) {
        const QJsonValue value = row.value(QLatin1String(key));
        return value.isDouble() ? QString::number(value.toDouble(), 'f', decimals)
                                : QStringLiteral("–");
      };
      html += QStringLiteral(
                  "<tr><td>%1</td><td align='right'>%2</td><td align='right'>%3</td>"
                  "<td align='right'>%4</td><td align='right'>%5</td></tr>")
                  .arg(t.diseaseLabel(label.id), number("auc", 3), number("sensitivity", 2),
                       number("specificity", 2), percent(label.threshold));
    }
    html += QStringLiteral("</table>");
  }
  const QJsonArray limits = card.provenance.value(QStringLiteral("known_limits")).toArray();
  if (!limits.isEmpty()) {
    html += QStringLiteral("<p>%1</p><ul>")
                .arg(t.translate("Report", "Known limits (from the model card):"));
    for (const QJsonValue& limit : limits)
      html += QStringLiteral("<li>%1</li>").arg(limit.toString().toHtmlEscaped());
    html += QStringLiteral("</ul>");
  }
}

QString statusWord(history::FindingStatus status, const ReportWords& t) {
  switch (status) {
    case history::FindingStatus::Present:
      return t.translate("Report", "found");
    case history::FindingStatus::Absent:
      return t.translate("Report", "not found");
    case history::FindingStatus::NotExamined:
      break;
  }
  return t.translate("Report", "not examined");
}

// The vet's answer beside the model's: what was found, by whom and when.
void addConfirmation(const history::Confirmation& confirmation, QString& html,
                     const ReportWords& t) {
  html += QStringLiteral("<h3>%1</h3><p>%2</p>")
              .arg(t.translate("Report", "Veterinarian's confirmation"),
                   t.translate("Report", "Examined by %1, %2 (revision %3).")
                       .arg(escaped(confirmation.confirmedBy), localTime(confirmation.confirmedAt))
                       .arg(confirmation.revision));
  html += QStringLiteral(
              "<table border='1' cellspacing='0' cellpadding='3'><tr><th align='left'>%1</th>"
              "<th>%2</th><th>%3</th></tr>")
              .arg(t.translate("Report", "Disease"), t.translate("Report", "Vet's finding"),
                   t.translate("Report", "Grade"));
  for (const history::ConfirmedFinding& finding : confirmation.findings)
    html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                .arg(t.diseaseLabel(finding.disease), statusWord(finding.status, t),
                     finding.grade.empty() ? QStringLiteral("–") : escaped(finding.grade));
  html += QStringLiteral("</table>");
  if (!confirmation.note.empty())
    html += QStringLiteral("<p>%1 %2</p>")
                .arg(t.translate("Report", "Vet's note:"), escaped(confirmation.note));
}

QJsonObject confirmationJson(const history::Confirmation& confirmation) {
  QJsonArray findings;
  for (const history::ConfirmedFinding& finding : confirmation.findings)
    findings.append(QJsonObject{
        {QStringLiteral("disease"), qs(finding.disease)},
        {QStringLiteral("status"), qs(std::string(history::findingStatusId(finding.status)))},
        {QStringLiteral("grade"), qs(finding.grade)}});
  return QJsonObject{{QStringLiteral("revision"), confirmation.revision},
                     {QStringLiteral("confirmed_by"), qs(confirmation.confirmedBy)},
                     {QStringLiteral("confirmed_at"), qs(confirmation.confirmedAt)},
                     {QStringLiteral("note"), qs(confirmation.note)},
                     {QStringLiteral("findings"), findings}};
}

// A pet's history at a glance: one row per diagnosis, one column per disease.
void addTimeline(const ReportRequest& request, QString& html, const ReportWords& t) {
  std::vector<std::string> diseases;
  for (const auto& item : request.items)
    for (const auto& finding : item.diagnosis.findings)
      if (std::find(diseases.begin(), diseases.end(), finding.disease) == diseases.end())
        diseases.push_back(finding.disease);
  html +=
      QStringLiteral("<h3>%1</h3><table border='1' cellspacing='0' cellpadding='3'><tr><th>%2</th>")
          .arg(t.translate("Report", "Over time"), t.translate("Report", "Date"));
  for (const auto& disease : diseases)
    html += QStringLiteral("<th>%1</th>").arg(t.diseaseLabel(disease));
  html += QStringLiteral("</tr>");
  for (const auto& item : request.items) {
    const QString side = eyeSideText(item.eyeSide, t);
    html +=
        QStringLiteral("<tr><td>%1%2</td>")
            .arg(localTime(item.takenAt),
                 side.isEmpty() ? QString() : QStringLiteral("<br><small>%1</small>").arg(side));
    for (const auto& disease : diseases) {
      const auto found =
          std::find_if(item.diagnosis.findings.begin(), item.diagnosis.findings.end(),
                       [&](const auto& f) { return f.disease == disease; });
      html += found == item.diagnosis.findings.end()
                  ? QStringLiteral("<td align='center'>–</td>")
                  : QStringLiteral("<td align='right'%1>%2</td>")
                        .arg(found->positive ? QStringLiteral(" bgcolor='#fde2d6'") : QString(),
                             percent(found->probability));
    }
    html += QStringLiteral("</tr>");
  }
  html += QStringLiteral("</table>");
}

// Who the report is about: species, breed, year of birth and the owner's notes.
void addPet(const history::Pet& pet, QString& html, const ReportWords& t) {
  QStringList facts{t.species(pet.species)};
  if (!pet.breed.empty()) facts << escaped(pet.breed);
  if (pet.birthYear) facts << t.translate("Report", "born %1").arg(*pet.birthYear);
  html +=
      QStringLiteral("<p>%1: <b>%2</b> (%3)</p>")
          .arg(t.translate("Report", "Pet"), escaped(pet.name), facts.join(QStringLiteral(", ")));
  if (!pet.notes.empty()) html += QStringLiteral("<p>%1</p>").arg(escaped(pet.notes));
}

// One diagnosis's section; `number` names its pictures.
void addItem(const ReportItem& item, int number, Report& report, QString& html,
             const ReportWords& t) {
  const QString side = eyeSideText(item.eyeSide, t);
  html += QStringLiteral("<h2>%1</h2>")
              .arg(side.isEmpty() ? localTime(item.takenAt)
                                  : localTime(item.takenAt) + QStringLiteral(" · ") + side);
  QString subtitle =
      t.translate("Report", "Model %1 %2")
          .arg(escaped(item.diagnosis.modelId), escaped(item.diagnosis.modelVersion));
  if (!item.source.empty()) subtitle += QStringLiteral(" · ") + escaped(item.source);
  html += QStringLiteral("<p><small>%1</small></p>").arg(subtitle);
  addPictures(item, number, report, html, t);
  addFindings(item.diagnosis, html, t);
  addAdvice(item.diagnosis, html, t);
  addQuality(item.diagnosis.quality, html, t);
  if (!item.notes.empty())
    html +=
        QStringLiteral("<p>%1 %2</p>").arg(t.translate("Report", "Notes:"), escaped(item.notes));
  if (item.confirmation) addConfirmation(*item.confirmation, html, t);
}

QJsonObject itemJson(const ReportItem& item) {
  QJsonObject entry{
      {QStringLiteral("taken_at"), qs(item.takenAt)},
      {QStringLiteral("region"), QJsonObject{{QStringLiteral("x"), item.region.x},
                                             {QStringLiteral("y"), item.region.y},
                                             {QStringLiteral("width"), item.region.width},
                                             {QStringLiteral("height"), item.region.height}}},
      {QStringLiteral("cam_method"), qs(item.camMethod)},
      {QStringLiteral("cam_disease"), qs(item.camDisease)},
      {QStringLiteral("notes"), qs(item.notes)},
      {QStringLiteral("result"), inference::diagnosisToJson(item.diagnosis)}};
  if (!item.source.empty()) entry.insert(QStringLiteral("file"), qs(item.source));
  // The key and values of `walness-cli diagnose --all-eyes --json`.
  if (!item.eyeSide.empty()) entry.insert(QStringLiteral("photo_side"), qs(item.eyeSide));
  if (item.confirmation)
    entry.insert(QStringLiteral("confirmation"), confirmationJson(*item.confirmation));
  return entry;
}

QJsonObject petJson(const history::Pet& pet) {
  return QJsonObject{{QStringLiteral("name"), qs(pet.name)},
                     {QStringLiteral("species"), qs(std::string(speciesId(pet.species)))},
                     {QStringLiteral("breed"), qs(pet.breed)},
                     {QStringLiteral("birth_year"),
                      pet.birthYear ? QJsonValue(*pet.birthYear) : QJsonValue(QJsonValue::Null)}};
}

QJsonObject modelJson(const bundle::ModelCard& card) {
  return QJsonObject{
      {QStringLiteral("id"), qs(card.id)},
      {QStringLiteral("version"), qs(card.version)},
      {QStringLiteral("metrics_note"),
       QStringLiteral("per-disease AUC, sensitivity and specificity as in the model card")},
      {QStringLiteral("macro_auc"), card.metrics.value(QStringLiteral("macro_auc"))},
      {QStringLiteral("known_limits"), card.provenance.value(QStringLiteral("known_limits"))}};
}

}  // namespace

Report buildReport(const ReportRequest& request) {
  const ReportWords t(request.language);
  Report report;
  const std::string createdAt =
      request.createdAt.empty()
          ? QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString()
          : request.createdAt;
  report.title = request.pet
                     ? t.translate("Report", "Eye screening history: %1").arg(qs(request.pet->name))
                     : t.translate("Report", "Eye screening report");
  QString html = QStringLiteral(
                     "<html><head><meta charset='utf-8'><title>%1</title></head><body>"
                     "<h1>%1</h1>")
                     .arg(report.title.toHtmlEscaped());
  html +=
      QStringLiteral("<p><b>%1</b></p>")
          .arg(t.translate("Report",
                           "A screening aid made by software, not a veterinary diagnosis. Only a "
                           "veterinarian's examination can diagnose or rule out eye disease."));
  if (request.pet) addPet(*request.pet, html, t);
  if (request.items.empty()) {
    html += QStringLiteral("<p>%1</p>").arg(t.translate("Report", "No diagnoses saved."));
  } else if (request.items.size() > 1) {
    addTimeline(request, html, t);
  }
  QJsonArray diagnoses;
  for (size_t i = 0; i < request.items.size(); ++i) {
    addItem(request.items[i], int(i) + 1, report, html, t);
    diagnoses.append(itemJson(request.items[i]));
  }
  if (!request.items.empty()) addModelCard(request, html, t);
  html +=
      QStringLiteral("<p><small>%1</small></p></body></html>")
          .arg(t.translate("Report",
                           "Made %1 by Walness %2 on this computer; the photos did not leave it.")
                   .arg(localTime(createdAt), QStringLiteral(WALNESS_VERSION)));
  report.html = html;

  QJsonObject json{
      {QStringLiteral("format"), QStringLiteral("walness-report")},
      {QStringLiteral("version"), 1},
      {QStringLiteral("language"), t.korean() ? QStringLiteral("ko") : QStringLiteral("en")},
      {QStringLiteral("created_at"), qs(createdAt)},
      {QStringLiteral("walness_version"), QStringLiteral(WALNESS_VERSION)},
      {QStringLiteral("notice"),
       QStringLiteral("A screening aid, not a veterinary diagnosis. It cannot "
                      "confirm that an eye is healthy.")},
      {QStringLiteral("diagnoses"), diagnoses}};
  if (request.pet) json.insert(QStringLiteral("pet"), petJson(*request.pet));
  if (request.card) json.insert(QStringLiteral("model"), modelJson(*request.card));
  report.json = json;
  return report;
}

QString Report::selfContainedHtml() const {
  QString inlined = html;
  for (const auto& [name, bytes] : images)
    inlined.replace(QStringLiteral("src='%1'").arg(name),
                    QStringLiteral("src='data:image/png;base64,%1'")
                        .arg(QString::fromLatin1(bytes.toBase64())));
  return inlined;
}

Status writeReportFile(const Report& report, const QString& path) {
  const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
  return io::writeFileAtomically(
      path, json ? QJsonDocument(report.json).toJson() : report.selfContainedHtml().toUtf8());
}

Status writeHtmlAndJson(const Report& report, const QString& basePath) {
  if (auto html = writeReportFile(report, basePath + QStringLiteral(".html")); !html) return html;
  return writeReportFile(report, basePath + QStringLiteral(".json"));
}

}  // namespace walness::report
