#include "DiagnosisPage.h"

#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

#include "DiagnosisController.h"
#include "Diseases.h"
#include "ProbabilityBars.h"
#include "SpeciesToggle.h"
#include "cam/HeatmapOverlay.h"
#include "imaging/ImageDecoder.h"

namespace walness::ui {

namespace {

QImage toQImage(const cv::Mat& rgb) {
  return QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888).copy();
}

QString percent(double probability) {
  return QStringLiteral("%1%").arg(std::lround(probability * 100));
}

QLabel* wrappingLabel(QWidget* parent, const char* name) {
  auto* label = new QLabel(parent);
  label->setObjectName(QLatin1String(name));
  label->setWordWrap(true);
  label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

}  // namespace

DiagnosisPage::DiagnosisPage(QWidget* parent)
    : QWidget(parent),
      controller_(new DiagnosisController(this)),
      speciesToggle_(new SpeciesToggle(this)),
      speciesLabel_(new QLabel(this)),
      openButton_(new QPushButton(this)),
      analyzeButton_(new QPushButton(this)),
      cancelButton_(new QPushButton(this)),
      findVetButton_(new QPushButton(this)),
      busyBar_(new QProgressBar(this)),
      photoView_(new QLabel(this)),
      heatmapLabel_(new QLabel(this)),
      heatmapDisease_(new QComboBox(this)),
      camMethod_(new QComboBox(this)),
      opacityLabel_(new QLabel(this)),
      opacity_(new QSlider(Qt::Horizontal, this)),
      resultTitle_(wrappingLabel(this, "resultTitle")),
      resultBody_(wrappingLabel(this, "resultBody")),
      bars_(new ProbabilityBars(this)),
      knowledgeText_(wrappingLabel(this, "knowledgeText")),
      coverageNote_(wrappingLabel(this, "coverageNote")),
      privacyNote_(wrappingLabel(this, "privacyNote")) {
  QFile knowledgeFile(QStringLiteral(":/knowledge/diseases.json"));
  if (knowledgeFile.open(QIODevice::ReadOnly)) {
    auto parsed = knowledge::DiseaseKnowledge::parse(knowledgeFile.readAll(), "diseases.json");
    if (parsed) knowledge_ = std::move(*parsed);
  }

  openButton_->setObjectName(QStringLiteral("openPhotoButton"));
  openButton_->setShortcut(QKeySequence::Open);
  analyzeButton_->setObjectName(QStringLiteral("analyzeButton"));
  analyzeButton_->setDefault(true);
  analyzeButton_->setShortcut(Qt::CTRL | Qt::Key_Return);
  cancelButton_->setObjectName(QStringLiteral("cancelButton"));
  for (QPushButton* button : {openButton_, analyzeButton_, cancelButton_})
    button->setMinimumHeight(36);
  busyBar_->setObjectName(QStringLiteral("busyBar"));
  busyBar_->setRange(0, 0);  // indeterminate: one screening takes well under a second
  busyBar_->setMaximumHeight(8);
  busyBar_->setTextVisible(false);
  busyBar_->hide();
  cancelButton_->hide();

  photoView_->setObjectName(QStringLiteral("photoView"));
  photoView_->setAlignment(Qt::AlignCenter);
  photoView_->setMinimumSize(320, 320);
  photoView_->setFrameShape(QFrame::StyledPanel);
  photoView_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  photoView_->setWordWrap(true);

  heatmapDisease_->setObjectName(QStringLiteral("heatmapDisease"));
  camMethod_->setObjectName(QStringLiteral("camMethod"));
  for (const auto& [id, name] : {std::pair{"gradcam", "Grad-CAM"},
                                 {"gradcampp", "Grad-CAM++"},
                                 {"hirescam", "HiResCAM"},
                                 {"layercam", "LayerCAM"}})
    camMethod_->addItem(QLatin1String(name), QLatin1String(id));
  opacity_->setObjectName(QStringLiteral("heatmapOpacity"));
  opacity_->setRange(0, 100);
  opacity_->setValue(45);
  auto* heatmapRow = new QHBoxLayout;
  heatmapRow->addWidget(heatmapLabel_);
  heatmapRow->addWidget(heatmapDisease_, 1);
  heatmapRow->addWidget(camMethod_);
  heatmapRow->addWidget(opacityLabel_);
  heatmapRow->addWidget(opacity_, 1);

  auto* left = new QVBoxLayout;
  left->addWidget(photoView_, 1);
  left->addLayout(heatmapRow);

  QFont titleFont = resultTitle_->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
  titleFont.setBold(true);
  resultTitle_->setFont(titleFont);
  auto* resultArea = new QWidget;
  resultArea->setObjectName(QStringLiteral("resultArea"));
  auto* resultLayout = new QVBoxLayout(resultArea);
  resultLayout->addWidget(resultTitle_);
  resultLayout->addWidget(resultBody_);
  resultLayout->addWidget(bars_);
  resultLayout->addWidget(knowledgeText_);
  findVetButton_->setObjectName(QStringLiteral("findVetButton"));
  findVetButton_->hide();
  resultLayout->addWidget(findVetButton_, 0, Qt::AlignLeft);
  resultLayout->addWidget(coverageNote_);
  resultLayout->addStretch(1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(resultArea);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(360);

  auto* topRow = new QHBoxLayout;
  topRow->addWidget(speciesLabel_);
  topRow->addWidget(speciesToggle_);
  topRow->addStretch(1);
  topRow->addWidget(openButton_);
  topRow->addWidget(analyzeButton_);
  topRow->addWidget(cancelButton_);

  auto* middle = new QHBoxLayout;
  middle->addLayout(left, 3);
  middle->addWidget(scroll, 2);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(topRow);
  layout->addWidget(busyBar_);
  layout->addLayout(middle, 1);
  layout->addWidget(privacyNote_);

  connect(openButton_, &QPushButton::clicked, this, &DiagnosisPage::choosePhoto);
  connect(analyzeButton_, &QPushButton::clicked, this, &DiagnosisPage::analyze);
  connect(cancelButton_, &QPushButton::clicked, controller_, &DiagnosisController::cancel);
  connect(findVetButton_, &QPushButton::clicked, this, [this] {
    bool urgent = false;
    if (result_ && knowledge_)
      for (const auto& finding : result_->diagnosis.findings)
        if (const auto* info = knowledge_->find(result_->diagnosis.species, finding.disease))
          urgent |= finding.positive && info->urgency == knowledge::Urgency::Today;
    Q_EMIT findVetRequested(urgent);
  });
  connect(speciesToggle_, &SpeciesToggle::speciesChanged, this, [this] {
    lookUpModel();
    clearResult();
    retranslate();
  });
  connect(heatmapDisease_, &QComboBox::currentIndexChanged, this, &DiagnosisPage::showPhoto);
  connect(opacity_, &QSlider::valueChanged, this, &DiagnosisPage::showPhoto);
  connect(camMethod_, &QComboBox::currentIndexChanged, this, [this] {
    if (result_) analyze();
  });
  connect(controller_, &DiagnosisController::started, this, [this] {
    statusMessage_ = tr("Analysing...");
    updateActions();
  });
  connect(controller_, &DiagnosisController::progressed, this, [this](const QString& step) {
    statusMessage_ = step;
    updateActions();
  });
  connect(controller_, &DiagnosisController::finished, this,
          [this](const inference::ExplainedDiagnosis& result, const bundle::ModelCard& card) {
            result_ = result;
            card_ = card;
            statusMessage_.clear();
            showResult();
            updateActions();
          });
  connect(controller_, &DiagnosisController::failed, this, [this](const QString& message) {
    statusMessage_.clear();
    resultTitle_->setText(tr("The photo could not be analysed"));
    resultBody_->setText(message);
    updateActions();
  });
  connect(controller_, &DiagnosisController::cancelled, this, [this] {
    statusMessage_.clear();
    resultTitle_->setText(tr("Analysis cancelled"));
    resultBody_->clear();
    updateActions();
  });
  lookUpModel();
  retranslate();
}

DiagnosisPage::~DiagnosisPage() = default;

void DiagnosisPage::lookUpModel() {
  // Reads every installed card from disk: once per species change, not on every state change.
  modelInstalled_ = DiagnosisController::installedModel(speciesToggle_->species()).has_value();
}

QString DiagnosisPage::language() const {
  //: The language code of this translation ("ko" for Korean); picks disease texts.
  return tr("en");
}

QString DiagnosisPage::diseaseName(const std::string& id) const {
  const Disease* disease = findDisease(id);
  if (!disease) return QString::fromStdString(id);
  const std::string_view name =
      language() == QLatin1String("ko") ? disease->nameKo : disease->nameEn;
  QString text = QString::fromUtf8(name.data(), qsizetype(name.size()));
  if (!text.isEmpty()) text[0] = text[0].toUpper();  // "Cataract" as a label
  return text;
}

void DiagnosisPage::choosePhoto() {
  const QString filter =
      tr("Photos (%1)")
          .arg(QStringLiteral("*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff *.heic *.heif"));
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open a photo of the eye"), QString(), filter);
  if (!path.isEmpty()) openPhoto(path);
}

bool DiagnosisPage::openPhoto(const QString& path) {
  // The same decoder the model uses: HEIC, EXIF rotation, size limits, clear errors.
  auto decoded = imaging::decodeImageFile(path.toStdString());
  if (!decoded) {
    resultTitle_->setText(tr("Could not open the photo"));
    resultBody_->setText(QString::fromStdString(decoded.message()));
    return false;
  }
  controller_->cancel();
  rgb_ = decoded->rgb;
  photo_ = toQImage(rgb_);
  photoPath_ = path;
  clearResult();
  retranslate();
  return true;
}

void DiagnosisPage::analyze() {
  if (rgb_.empty()) return;
  controller_->analyze(rgb_, speciesToggle_->species(), camMethod_->currentData().toString());
}

void DiagnosisPage::clearResult() {
  result_.reset();
  heatmapDisease_->clear();
  bars_->setRows({});
  knowledgeText_->clear();
  findVetButton_->hide();
  coverageNote_->clear();
  showPhoto();
  updateActions();
}

void DiagnosisPage::updateActions() {
  const bool busy = controller_->isBusy();
  analyzeButton_->setEnabled(!busy && !rgb_.empty() && modelInstalled_);
  openButton_->setEnabled(!busy);
  speciesToggle_->setEnabled(!busy);
  cancelButton_->setVisible(busy);
  busyBar_->setVisible(busy);
  if (busy) resultTitle_->setText(statusMessage_);
  const bool heatmaps = result_ && !result_->heatmaps.empty();
  for (QWidget* widget : std::initializer_list<QWidget*>{heatmapLabel_, heatmapDisease_, camMethod_,
                                                         opacityLabel_, opacity_})
    widget->setEnabled(heatmaps && !busy);
}

void DiagnosisPage::showPhoto() {
  if (photo_.isNull()) return;
  QImage shown = photo_;
  if (result_ && heatmapDisease_->currentIndex() >= 0) {
    const auto heatmap =
        result_->heatmaps.find(heatmapDisease_->currentData().toString().toStdString());
    if (heatmap != result_->heatmaps.end())
      shown = toQImage(
          cam::overlayHeatmap(rgb_, heatmap->second, opacity_->value() / 100.0, result_->region));
  }
  photoView_->setPixmap(QPixmap::fromImage(shown.scaled(
      photoView_->contentsRect().size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void DiagnosisPage::showResult() {
  if (!result_) return;
  const inference::Diagnosis& diagnosis = result_->diagnosis;
  const std::string lang = language().toStdString();
  const QString species = diagnosis.species == Species::Dog ? tr("dog") : tr("cat");

  QStringList notes;
  for (const auto& check : diagnosis.quality.checks)
    if (check.severity != imaging::QualitySeverity::Ok)
      notes << QString::fromStdString(imaging::qualityMessage(check, lang));

  std::vector<ProbabilityBars::Row> rows;
  QStringList checked;
  for (const auto& label : card_.labels) checked << diseaseName(label.id);
  if (diagnosis.abstention) {
    if (diagnosis.abstention->reason == "out_of_distribution") {
      resultTitle_->setText(tr("This does not look like a close-up photo of an eye"));
      notes.prepend(tr("Walness only screens close-up photos of a %1's eye, like the photos its "
                       "model learnt from. Try a sharp, well-lit photo of one eye, filling most "
                       "of the picture.")
                        .arg(species));
    } else {
      resultTitle_->setText(tr("This photo cannot be judged"));
      notes << tr("Please take the photo again and analyse the new one.");
    }
  } else {
    const inference::Finding* top = diagnosis.top();
    if (top && top->positive) {
      resultTitle_->setText(tr("Signs consistent with %1: %2")
                                .arg(diseaseName(top->disease), percent(top->probability)));
    } else {
      resultTitle_->setText(tr("No disease this model checks is above its threshold"));
      notes << tr(
          "This does not mean the eye is healthy: the model cannot confirm a healthy eye. "
          "If your pet squints, rubs the eye or the eye looks different, see a vet.");
    }
    if (!notes.isEmpty() && diagnosis.quality.hasWarnings())
      notes.prepend(tr("The photo has problems; the result may be less reliable."));
    for (const auto& finding : diagnosis.findings)
      rows.push_back(
          {diseaseName(finding.disease), finding.probability, finding.threshold, finding.positive});
  }
  resultBody_->setText(notes.join(QStringLiteral("\n")));
  bars_->setRows(rows);

  // What to do, for each positive finding, most urgent first.
  QStringList advice;
  if (knowledge_ && !diagnosis.abstention) {
    std::vector<const knowledge::DiseaseInfo*> infos;
    for (const auto& finding : diagnosis.findings)
      if (finding.positive)
        if (const auto* info = knowledge_->find(diagnosis.species, finding.disease))
          infos.push_back(info);
    std::stable_sort(infos.begin(), infos.end(), [](const auto* a, const auto* b) {
      return int(a->urgency) > int(b->urgency);
    });
    for (const auto* info : infos) {
      const QString urgency = info->urgency == knowledge::Urgency::Today ? tr("See a vet today")
                              : info->urgency == knowledge::Urgency::Days
                                  ? tr("See a vet within a few days")
                                  : tr("Mention it at the next vet visit");
      advice << QStringLiteral("<p><b>%1</b> &mdash; <b>%2</b>: %3<br>%4<br><i>%5</i> %6</p>")
                    .arg(diseaseName(info->id).toHtmlEscaped(), urgency.toHtmlEscaped(),
                         QString::fromStdString(info->urgencyReason.at(lang)).toHtmlEscaped(),
                         QString::fromStdString(info->what.at(lang)).toHtmlEscaped(),
                         tr("What to do:").toHtmlEscaped(),
                         QString::fromStdString(info->ownerAction.at(lang)).toHtmlEscaped());
    }
  }
  knowledgeText_->setText(advice.join(QString()));
  findVetButton_->setVisible(!advice.isEmpty());
  coverageNote_->setText(
      tr("Model %1 %2 checks %3 eyes for: %4. It cannot confirm that an eye is healthy. "
         "Walness is a screening aid, not a veterinary diagnosis.")
          .arg(QString::fromStdString(card_.id), QString::fromStdString(card_.version), species,
               checked.join(QStringLiteral(", "))));

  const QString previous = heatmapDisease_->currentData().toString();
  heatmapDisease_->blockSignals(true);
  heatmapDisease_->clear();
  for (const auto& finding : diagnosis.findings)
    if (result_->heatmaps.count(finding.disease))
      heatmapDisease_->addItem(diseaseName(finding.disease),
                               QString::fromStdString(finding.disease));
  const int keep = heatmapDisease_->findData(previous);
  heatmapDisease_->setCurrentIndex(keep >= 0 ? keep : 0);
  heatmapDisease_->blockSignals(false);
  showPhoto();
}

void DiagnosisPage::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  showPhoto();
}

void DiagnosisPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    showResult();
  }
  QWidget::changeEvent(event);
}

void DiagnosisPage::retranslate() {
  speciesLabel_->setText(tr("My pet is a"));
  openButton_->setText(tr("Open photo..."));
  analyzeButton_->setText(tr("Analyze"));
  cancelButton_->setText(tr("Cancel"));
  findVetButton_->setText(tr("Find a vet nearby"));
  heatmapLabel_->setText(tr("Heatmap for"));
  opacityLabel_->setText(tr("Opacity"));
  heatmapDisease_->setAccessibleName(tr("Disease shown in the heatmap"));
  camMethod_->setAccessibleName(tr("Heatmap method"));
  opacity_->setAccessibleName(tr("Heatmap opacity"));
  bars_->setAccessibleName(tr("Probability per disease"));
  const Species species = speciesToggle_->species();
  if (photo_.isNull())
    photoView_->setText(tr("No photo yet.\nOpen a close-up photo of your pet's eye."));
  if (!result_ && !controller_->isBusy()) {
    if (!modelInstalled_) {
      resultTitle_->setText(species == Species::Cat ? tr("No cat eye model yet")
                                                    : tr("No dog eye model installed"));
      resultBody_->setText(
          species == Species::Cat
              ? tr("Walness has no model for cats yet: no labelled cat eye photos were available "
                   "to train one. Choose Dog to screen a dog's eye.")
              : tr("Install a model bundle (see Help) to screen dog eyes."));
    } else if (photo_.isNull()) {
      resultTitle_->setText(tr("No result yet"));
      resultBody_->setText(
          tr("Choose dog or cat, then open a photo of the eye. Walness checks it for signs of eye "
             "disease and explains what it sees."));
    } else {
      resultTitle_->setText(tr("Photo loaded"));
      resultBody_->setText(tr("%1 (%2 x %3 pixels). Press Analyze.")
                               .arg(QFileInfo(photoPath_).fileName())
                               .arg(photo_.width())
                               .arg(photo_.height()));
    }
  }
  privacyNote_->setText(
      tr("Photos are analysed on this computer and never uploaded. Walness is a screening aid, "
         "not a veterinary diagnosis."));
  updateActions();
}

}  // namespace walness::ui
