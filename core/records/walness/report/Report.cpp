#include "walness/report/Report.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

#include "walness/Diseases.h"
#include "walness/cam/HeatmapOverlay.h"
#include "walness/imaging/Quality.h"
#include "walness/inference/DiagnosisJson.h"
#include "walness/io/AtomicFile.h"

#include <walness/Version.h>

namespace walness::report {

namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

QString escaped(const std::string& text) {
  return qs(text).toHtmlEscaped();
}

// The report's words in English or Korean (core speaks both without Qt's translator).
class Words {
 public:
  explicit Words(const std::string& language) : korean_(language == "ko") {}
  bool korean() const { return korean_; }
  QString operator()(const char* english, const char* korean) const {
    return QString::fromUtf8(korean_ ? korean : english);
  }
  QString disease(const std::string& id) const {
    // An id the app does not know (a record from a shared history) is shown escaped, as is all
    // text from outside in the report.
    const Disease* disease = findDisease(id);
    if (!disease) return escaped(id);
    const std::string_view name = korean_ ? disease->nameKo : disease->nameEn;
    return QString::fromUtf8(name.data(), qsizetype(name.size())).toHtmlEscaped();
  }
  // For table cells: "Cataract" rather than "cataract" (Korean names are unchanged).
  QString diseaseLabel(const std::string& id) const {
    QString name = disease(id);
    if (!name.isEmpty()) name[0] = name[0].toUpper();
    return name;
  }
  QString species(Species species) const {
    return species == Species::Cat ? (*this)("cat", "고양이") : (*this)("dog", "개");
  }

 private:
  bool korean_;
};

QString localTime(const std::string& iso) {
  const QDateTime time = QDateTime::fromString(qs(iso), Qt::ISODateWithMs);
  return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                        : qs(iso).toHtmlEscaped();
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
void addPictures(const ReportItem& item, int index, Report& report, QString& html, const Words& t) {
  if (item.photo.empty()) {
    html += QStringLiteral("<p><i>%1</i></p>")
                .arg(t("The photo is not available.", "사진이 없습니다."));
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
                      .arg(photoName, t("Photo (eye region outlined)", "사진 (눈 영역 표시)"));
  if (!region.empty()) {
    const cv::Mat crop = scaledToFit(item.photo(region), 240);
    const QString regionName = QStringLiteral("region-%1.png").arg(index);
    report.images[regionName] = png(crop);
    cells += QStringLiteral("<td align='center'><img src='%1' width='170'><br>%2</td>")
                 .arg(regionName, t("Eye region the model saw", "모델이 본 눈 영역"));
    if (!item.heatmap.empty()) {
      cv::Mat heatmap;
      cv::resize(item.heatmap, heatmap, crop.size(), 0, 0, cv::INTER_LINEAR);
      const QString camName = QStringLiteral("heatmap-%1.png").arg(index);
      report.images[camName] =
          png(cam::overlayHeatmap(crop, heatmap, 0.45, cv::Rect(0, 0, crop.cols, crop.rows)));
      cells += QStringLiteral("<td align='center'><img src='%1' width='170'><br>%2</td>")
                   .arg(camName, t("Where the model looked (%1, %2)", "모델이 주목한 곳 (%1, %2)")
                                     .arg(escaped(item.camMethod), t.disease(item.camDisease)));
    }
  }
  html += QStringLiteral("<table cellpadding='4'><tr>%1</tr></table>").arg(cells);
}

QString abstentionText(const inference::Diagnosis& diagnosis, const Words& t) {
  const std::string& reason = diagnosis.abstention->reason;
  if (reason == "quality")
    return t("the photo's quality is too poor to judge.", "사진 품질이 판단하기에 너무 낮습니다.");
  if (reason == "not_an_eye")
    return t("the photo does not look like a close-up of an eye.",
             "눈을 가까이 찍은 사진이 아닌 것 같습니다.");
  if (reason == "other_species" && diagnosis.detectedSpecies) {
    const bool cat = *diagnosis.detectedSpecies == Species::Cat;
    return t("the photo looks like a %1's eye, and this model is for %2s.",
             "사진이 %1의 눈으로 보이며, 이 모델은 %2용입니다.")
        .arg(cat ? t("cat", "고양이") : t("dog", "강아지"),
             cat ? t("dog", "강아지") : t("cat", "고양이"));
  }
  return t("the photo does not look like the eye photos the model learnt from.",
           "모델이 학습한 눈 사진과 너무 다릅니다.");
}

void addFindings(const inference::Diagnosis& diagnosis, QString& html, const Words& t) {
  if (diagnosis.abstention) {
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(t("No findings:", "결과 없음:"), abstentionText(diagnosis, t));
    return;
  }
  const auto* top = diagnosis.top();
  if (top && top->positive)
    html += QStringLiteral("<p><b>%1</b></p>")
                .arg(t("Signs consistent with %1 (%2).", "%1 소견과 일치하는 징후 (%2).")
                         .arg(t.disease(top->disease), percent(top->probability)));
  else
    html += QStringLiteral("<p><b>%1</b></p>")
                .arg(t("No disease this model checks reached its threshold. This does not mean "
                       "the eye is healthy.",
                       "모델이 확인하는 질환 중 기준을 넘은 것이 없습니다. 건강한 눈이라는 뜻은 "
                       "아닙니다."));
  html += QStringLiteral(
              "<table border='1' cellspacing='0' cellpadding='3'><tr><th align='left'>%1</th>"
              "<th>%2</th><th>%3</th><th>%4</th></tr>")
              .arg(t("Disease", "질환"), t("Probability", "확률"), t("Threshold", "기준"),
                   t("Result", "판정"));
  for (const auto& finding : diagnosis.findings)
    html += QStringLiteral(
                "<tr%1><td>%2</td><td align='right'>%3</td><td align='right'>%4</td>"
                "<td>%5</td></tr>")
                .arg(finding.positive ? QStringLiteral(" bgcolor='#fde2d6'") : QString(),
                     t.diseaseLabel(finding.disease), percent(finding.probability),
                     percent(finding.threshold),
                     finding.positive ? t("above threshold", "기준 초과")
                                      : t("below threshold", "기준 미만"));
  html += QStringLiteral("</table>");
}

void addQuality(const imaging::QualityReport& quality, QString& html, const Words& t) {
  QStringList notes;
  for (const auto& check : quality.checks)
    if (check.severity != imaging::QualitySeverity::Ok)
      notes << QStringLiteral("<li>%1</li>")
                   .arg(escaped(imaging::qualityMessage(check, t.korean() ? "ko" : "en")));
  html += QStringLiteral("<p>%1</p>")
              .arg(notes.isEmpty()
                       ? t("Photo quality: no problems found (sharpness, exposure, "
                           "size of the eye region).",
                           "사진 품질: 문제 없음 (선명도, 노출, 눈 영역 크기).")
                       : t("Photo quality notes:", "사진 품질 참고:") + QStringLiteral("<ul>") +
                             notes.join(QString()) + QStringLiteral("</ul>"));
}

void addModelCard(const ReportRequest& request, QString& html, const Words& t) {
  html += QStringLiteral("<h3>%1</h3>").arg(t("About the model", "모델 정보"));
  if (!request.card) {
    const auto& diagnosis = request.items.back().diagnosis;
    html += QStringLiteral("<p>%1</p>")
                .arg(t("Model %1 %2. Its model card is not installed on this computer, so its "
                       "measured accuracy is not shown.",
                       "모델 %1 %2. 이 컴퓨터에 모델 카드가 없어 측정된 정확도를 표시할 수 "
                       "없습니다.")
                         .arg(escaped(diagnosis.modelId), escaped(diagnosis.modelVersion)));
    return;
  }
  const bundle::ModelCard& card = *request.card;
  QStringList checks;
  for (const auto& label : card.labels) checks << t.disease(label.id);
  html += QStringLiteral("<p>%1</p>")
              .arg(t("Model %1 %2 checks %3 eyes for: %4. It cannot confirm that an eye is "
                     "healthy.",
                     "모델 %1 %2는 %3의 눈에서 다음만 확인합니다: %4. 건강한 눈임을 확인할 수는 "
                     "없습니다.")
                       .arg(escaped(card.id), escaped(card.version), t.species(card.species),
                            checks.join(QStringLiteral(", "))));
  const QJsonObject perLabel = card.metrics.value(QStringLiteral("per_label")).toObject();
  if (card.metrics.value(QStringLiteral("macro_auc")).isDouble()) {
    html +=
        QStringLiteral("<p>%1</p>")
            .arg(t("Measured on %1 held-out photos: macro AUC %2.",
                   "학습에 쓰지 않은 사진 %1장에서 측정: 매크로 AUC %2.")
                     .arg(card.metrics.value(QStringLiteral("n")).toInt())
                     .arg(card.metrics.value(QStringLiteral("macro_auc")).toDouble(), 0, 'f', 3));
    html += QStringLiteral(
                "<table border='1' cellspacing='0' cellpadding='3'><tr><th align='left'>%1</th>"
                "<th>AUC</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                .arg(t("Disease", "질환"), t("Sensitivity", "민감도"), t("Specificity", "특이도"),
                     t("Threshold", "기준"));
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
    html +=
        QStringLiteral("<p>%1</p><ul>")
            .arg(t("Known limits (from the model card):", "알려진 한계 (모델 카드, 영어 원문):"));
    for (const QJsonValue& limit : limits)
      html += QStringLiteral("<li>%1</li>").arg(limit.toString().toHtmlEscaped());
    html += QStringLiteral("</ul>");
  }
}

QString statusWord(history::FindingStatus status, const Words& t) {
  switch (status) {
    case history::FindingStatus::Present:
      return t("found", "있음");
    case history::FindingStatus::Absent:
      return t("not found", "없음");
    case history::FindingStatus::NotExamined:
      break;
  }
  return t("not examined", "검사 안 함");
}

// The vet's answer beside the model's: what was found, by whom and when.
void addConfirmation(const history::Confirmation& confirmation, QString& html, const Words& t) {
  html += QStringLiteral("<h3>%1</h3><p>%2</p>")
              .arg(t("Veterinarian's confirmation", "수의사 확인"),
                   t("Examined by %1, %2 (revision %3).", "%1 확인, %2 (수정 %3번째).")
                       .arg(escaped(confirmation.confirmedBy), localTime(confirmation.confirmedAt))
                       .arg(confirmation.revision));
  html += QStringLiteral(
              "<table border='1' cellspacing='0' cellpadding='3'><tr><th align='left'>%1</th>"
              "<th>%2</th><th>%3</th></tr>")
              .arg(t("Disease", "질환"), t("Vet's finding", "수의사 소견"), t("Grade", "등급"));
  for (const history::ConfirmedFinding& finding : confirmation.findings)
    html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                .arg(t.diseaseLabel(finding.disease), statusWord(finding.status, t),
                     finding.grade.empty() ? QStringLiteral("–") : escaped(finding.grade));
  html += QStringLiteral("</table>");
  if (!confirmation.note.empty())
    html += QStringLiteral("<p>%1 %2</p>")
                .arg(t("Vet's note:", "수의사 메모:"), escaped(confirmation.note));
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
void addTimeline(const ReportRequest& request, QString& html, const Words& t) {
  std::vector<std::string> diseases;
  for (const auto& item : request.items)
    for (const auto& finding : item.diagnosis.findings)
      if (std::find(diseases.begin(), diseases.end(), finding.disease) == diseases.end())
        diseases.push_back(finding.disease);
  html +=
      QStringLiteral("<h3>%1</h3><table border='1' cellspacing='0' cellpadding='3'><tr><th>%2</th>")
          .arg(t("Over time", "시간에 따른 변화"), t("Date", "날짜"));
  for (const auto& disease : diseases)
    html += QStringLiteral("<th>%1</th>").arg(t.diseaseLabel(disease));
  html += QStringLiteral("</tr>");
  for (const auto& item : request.items) {
    html += QStringLiteral("<tr><td>%1</td>").arg(localTime(item.takenAt));
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

}  // namespace

Report buildReport(const ReportRequest& request) {
  const Words t(request.language);
  Report report;
  const std::string createdAt =
      request.createdAt.empty()
          ? QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString()
          : request.createdAt;
  report.title = request.pet
                     ? t("Eye screening history: %1", "눈 검사 기록: %1").arg(qs(request.pet->name))
                     : t("Eye screening report", "눈 검사 보고서");
  QString html = QStringLiteral(
                     "<html><head><meta charset='utf-8'><title>%1</title></head><body>"
                     "<h1>%1</h1>")
                     .arg(report.title.toHtmlEscaped());
  html += QStringLiteral("<p><b>%1</b></p>")
              .arg(t("A screening aid made by software, not a veterinary diagnosis. Only a "
                     "veterinarian's examination can diagnose or rule out eye disease.",
                     "소프트웨어가 만든 선별 검사 보조 자료이며 수의사의 진단이 아닙니다. 눈 "
                     "질환의 진단과 배제는 수의사의 진찰로만 할 수 있습니다."));
  if (request.pet) {
    const history::Pet& pet = *request.pet;
    QStringList facts{t.species(pet.species)};
    if (!pet.breed.empty()) facts << escaped(pet.breed);
    if (pet.birthYear) facts << t("born %1", "%1년생").arg(*pet.birthYear);
    html += QStringLiteral("<p>%1: <b>%2</b> (%3)</p>")
                .arg(t("Pet", "반려동물"), escaped(pet.name), facts.join(QStringLiteral(", ")));
    if (!pet.notes.empty()) html += QStringLiteral("<p>%1</p>").arg(escaped(pet.notes));
  }
  if (request.items.empty()) {
    html += QStringLiteral("<p>%1</p>").arg(t("No diagnoses saved.", "저장된 검사가 없습니다."));
  } else if (request.items.size() > 1) {
    addTimeline(request, html, t);
  }
  QJsonArray diagnoses;
  for (size_t i = 0; i < request.items.size(); ++i) {
    const ReportItem& item = request.items[i];
    html += QStringLiteral("<h2>%1</h2>").arg(localTime(item.takenAt));
    QString subtitle =
        t("Model %1 %2", "모델 %1 %2")
            .arg(escaped(item.diagnosis.modelId), escaped(item.diagnosis.modelVersion));
    if (!item.source.empty()) subtitle += QStringLiteral(" · ") + escaped(item.source);
    html += QStringLiteral("<p><small>%1</small></p>").arg(subtitle);
    addPictures(item, int(i) + 1, report, html, t);
    addFindings(item.diagnosis, html, t);
    addQuality(item.diagnosis.quality, html, t);
    if (!item.notes.empty())
      html += QStringLiteral("<p>%1 %2</p>").arg(t("Notes:", "메모:"), escaped(item.notes));
    if (item.confirmation) addConfirmation(*item.confirmation, html, t);
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
    if (item.confirmation)
      entry.insert(QStringLiteral("confirmation"), confirmationJson(*item.confirmation));
    diagnoses.append(entry);
  }
  if (!request.items.empty()) addModelCard(request, html, t);
  html += QStringLiteral("<p><small>%1</small></p></body></html>")
              .arg(t("Made %1 by Walness %2 on this computer; the photos did not leave it.",
                     "%1, 이 컴퓨터의 Walness %2가 만들었습니다. 사진은 외부로 보내지지 "
                     "않았습니다.")
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
  if (request.pet)
    json.insert(
        QStringLiteral("pet"),
        QJsonObject{{QStringLiteral("name"), qs(request.pet->name)},
                    {QStringLiteral("species"), qs(std::string(speciesId(request.pet->species)))},
                    {QStringLiteral("breed"), qs(request.pet->breed)},
                    {QStringLiteral("birth_year"), request.pet->birthYear
                                                       ? QJsonValue(*request.pet->birthYear)
                                                       : QJsonValue(QJsonValue::Null)}});
  if (request.card)
    json.insert(QStringLiteral("model"),
                QJsonObject{{QStringLiteral("id"), qs(request.card->id)},
                            {QStringLiteral("version"), qs(request.card->version)},
                            {QStringLiteral("metrics_note"),
                             QStringLiteral("per-disease AUC, sensitivity and specificity as in "
                                            "the model card")},
                            {QStringLiteral("macro_auc"),
                             request.card->metrics.value(QStringLiteral("macro_auc"))},
                            {QStringLiteral("known_limits"),
                             request.card->provenance.value(QStringLiteral("known_limits"))}});
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
