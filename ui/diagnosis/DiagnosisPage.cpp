#include "ui/diagnosis/DiagnosisPage.h"

#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/common/SafeText.h"
#include "ui/diagnosis/BothEyesPanel.h"
#include "ui/diagnosis/DiagnosisController.h"
#include "ui/diagnosis/DiagnosisHeatmapPane.h"
#include "ui/diagnosis/DiagnosisPhotoPane.h"
#include "ui/diagnosis/DiagnosisResultPane.h"
#include "ui/diagnosis/SpeciesToggle.h"

namespace walness::ui {

DiagnosisPage::DiagnosisPage(QWidget* parent)
    : QWidget(parent),
      controller_(new DiagnosisController(this)),
      speciesToggle_(new SpeciesToggle(this)),
      speciesLabel_(new QLabel(this)),
      openButton_(new QPushButton(this)),
      recentButton_(new QToolButton(this)),
      analyzeButton_(new QPushButton(this)),
      cancelButton_(new QPushButton(this)),
      saveButton_(new QPushButton(this)),
      saveToPetButton_(new QPushButton(this)),
      busyBar_(new QProgressBar(this)),
      photoPane_(new DiagnosisPhotoPane(controller_, this)),
      heatmapPane_(new DiagnosisHeatmapPane(photoPane_, this)),
      resultPane_(new DiagnosisResultPane(this)),
      bothEyesPanel_(new BothEyesPanel(this)),
      privacyNote_(new QLabel(this)) {
  setUpActions();
  layOut();
  connectPanes();
  connectController();
  photoPane_->setSpecies(speciesToggle_->species());
  lookUpModel();
  retranslate();
}

DiagnosisPage::~DiagnosisPage() = default;

void DiagnosisPage::setUpActions() {
  openButton_->setObjectName(QStringLiteral("openPhotoButton"));
  openButton_->setShortcut(QKeySequence::Open);
  analyzeButton_->setObjectName(QStringLiteral("analyzeButton"));
  analyzeButton_->setDefault(true);
  analyzeButton_->setShortcut(Qt::CTRL | Qt::Key_Return);
  cancelButton_->setObjectName(QStringLiteral("cancelButton"));
  cancelButton_->setShortcut(Qt::Key_Escape);
  for (QPushButton* button : {openButton_, analyzeButton_, cancelButton_})
    button->setMinimumHeight(36);
  busyBar_->setObjectName(QStringLiteral("busyBar"));
  busyBar_->setRange(0, 0);  // indeterminate: one screening takes well under a second
  busyBar_->setMaximumHeight(8);
  busyBar_->setTextVisible(false);
  busyBar_->hide();
  cancelButton_->hide();

  saveButton_->setObjectName(QStringLiteral("saveResultButton"));
  saveButton_->setShortcut(QKeySequence::Save);
  saveToPetButton_->setObjectName(QStringLiteral("saveToPetButton"));
  saveToPetButton_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  saveToPetButton_->hide();  // until there is a history to save to
  recentButton_->setObjectName(QStringLiteral("recentPhotosButton"));
  recentButton_->setMenu(photoPane_->recentMenu());
  recentButton_->setPopupMode(QToolButton::InstantPopup);
  recentButton_->setMinimumHeight(36);
  setAcceptDrops(true);
  auto* paste = new QShortcut(QKeySequence::Paste, this);
  connect(paste, &QShortcut::activated, this, &DiagnosisPage::pasteFromClipboard);
}

void DiagnosisPage::layOut() {
  // Plain text: it quotes file names, pet names and error messages.
  privacyNote_->setObjectName(QStringLiteral("privacyNote"));
  showPlainText(privacyNote_);
  privacyNote_->setWordWrap(true);
  privacyNote_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  privacyNote_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* topRow = new QHBoxLayout;
  topRow->addWidget(speciesLabel_);
  topRow->addWidget(speciesToggle_);
  topRow->addStretch(1);
  topRow->addWidget(openButton_);
  topRow->addWidget(recentButton_);
  topRow->addWidget(analyzeButton_);
  topRow->addWidget(cancelButton_);
  topRow->addWidget(saveButton_);
  topRow->addWidget(saveToPetButton_);

  auto* left = new QVBoxLayout;
  left->addWidget(photoPane_, 1);
  left->addWidget(heatmapPane_);
  auto* middle = new QHBoxLayout;
  middle->addLayout(left, 3);
  middle->addWidget(resultPane_, 2);

  // The photo, heatmaps and findings scroll rather than overlap when the window is shorter than
  // they need (both eyes' cards above them, longer Korean lines); buttons and note stay in view.
  auto* body = new QWidget;
  body->setObjectName(QStringLiteral("diagnosisBody"));
  body->setLayout(middle);
  middle->setContentsMargins(0, 0, 0, 0);
  auto* scroll = new QScrollArea;
  scroll->setObjectName(QStringLiteral("diagnosisScroll"));
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidgetResizable(true);
  scroll->setWidget(body);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(topRow);
  layout->addWidget(busyBar_);
  layout->addWidget(bothEyesPanel_);
  layout->addWidget(scroll, 1);
  layout->addWidget(privacyNote_);
}

void DiagnosisPage::connectPanes() {
  connect(openButton_, &QPushButton::clicked, this, &DiagnosisPage::choosePhoto);
  connect(analyzeButton_, &QPushButton::clicked, this, &DiagnosisPage::analyze);
  connect(cancelButton_, &QPushButton::clicked, controller_, &DiagnosisController::cancel);
  connect(saveButton_, &QPushButton::clicked, this, &DiagnosisPage::chooseSaveLocation);
  connect(saveToPetButton_, &QPushButton::clicked, this, &DiagnosisPage::chooseSaveToPet);
  connect(speciesToggle_, &SpeciesToggle::speciesChanged, this, [this] {
    lookUpModel();
    clearResult();
    retranslate();
    photoPane_->setSpecies(speciesToggle_->species());
  });
  connect(photoPane_, &DiagnosisPhotoPane::photoAboutToChange, this, [this] {
    controller_->cancel();
    result_.reset();
    eyes_.clear();
  });
  connect(photoPane_, &DiagnosisPhotoPane::photoChanged, this, [this] {
    clearResult();
    retranslate();
  });
  connect(photoPane_, &DiagnosisPhotoPane::openFailed, this, [this](const QString& reason) {
    resultPane_->showMessage(tr("Could not open the photo"), reason);
  });
  connect(photoPane_, &DiagnosisPhotoPane::squareChanged, this, [this] {
    // A result belongs to the square it was computed for (showing the other screened eye moves
    // the square to that eye's).
    if (result_ && !showingEye_) {
      clearResult();
      resultPane_->showMessage(tr("Eye square changed"),
                               tr("Press Analyze to check the new square."));
    }
    heatmapPane_->showModelView();
  });
  connect(photoPane_, &DiagnosisPhotoPane::recentPhotosChanged, this,
          [this] { recentButton_->setEnabled(!photoPane_->recentMenu()->isEmpty()); });
  connect(heatmapPane_, &DiagnosisHeatmapPane::camMethodChanged, this, [this] {
    if (result_) analyze();
  });
  connect(bothEyesPanel_, &BothEyesPanel::eyeChosen, this, &DiagnosisPage::showEye);
  connect(resultPane_, &DiagnosisResultPane::retakeRequested, this, &DiagnosisPage::choosePhoto);
  connect(resultPane_, &DiagnosisResultPane::findVetRequested, this,
          &DiagnosisPage::findVetRequested);
  connect(resultPane_, &DiagnosisResultPane::switchSpeciesRequested, this, [this] {
    if (!result_ || !result_->diagnosis.detectedSpecies) return;
    speciesToggle_->setSpecies(*result_->diagnosis.detectedSpecies);
    analyze();
  });
}

void DiagnosisPage::connectController() {
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
            eyes_.clear();
            card_ = card;
            pendingSave_.reset();
            updateSaveToPetText();
            statusMessage_.clear();
            showResult();
            updateActions();
          });
  connect(controller_, &DiagnosisController::finishedEyes, this, &DiagnosisPage::showBothEyes);
  connect(controller_, &DiagnosisController::failed, this, [this](const QString& message) {
    statusMessage_.clear();
    resultPane_->showMessage(tr("The photo could not be analysed"), message);
    updateActions();
  });
  connect(controller_, &DiagnosisController::cancelled, this, [this] {
    statusMessage_.clear();
    resultPane_->showMessage(tr("Analysis cancelled"), QString());
    updateActions();
  });
}

void DiagnosisPage::refreshModels() {
  lookUpModel();
  retranslate();
}

void DiagnosisPage::lookUpModel() {
  // Reads every installed card from disk: once per species change, not on every state change.
  const auto listing = DiagnosisController::installedModel(speciesToggle_->species());
  installedCard_.reset();
  if (listing) installedCard_ = listing->card;
  heatmapPane_->setModelInput(installedCard_ ? std::optional(installedCard_->input) : std::nullopt);
}

QString DiagnosisPage::language() const {
  //: The language code of this translation ("ko" for Korean); picks disease texts.
  return tr("en");
}

QString DiagnosisPage::photoPath() const {
  return photoPane_->path();
}

PhotoView* DiagnosisPage::photoView() const {
  return photoPane_->photoView();
}

EyeFinderBar* DiagnosisPage::eyeFinderBar() const {
  return photoPane_->eyeFinderBar();
}

QStringList DiagnosisPage::recentPhotos() const {
  return photoPane_->recentPhotos();
}

void DiagnosisPage::choosePhoto() {
  const QString filter =
      tr("Photos (%1)")
          .arg(QStringLiteral("*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff *.heic *.heif"));
  const QStringList recent = recentPhotos();
  const QString folder = recent.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
                             : QFileInfo(recent.front()).absolutePath();
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open a photo of the eye"), folder, filter);
  if (!path.isEmpty()) openPhoto(path);
}

bool DiagnosisPage::openPhoto(const QString& path) {
  return photoPane_->openPhoto(path);
}

bool DiagnosisPage::openImage(const QImage& image, const QString& name) {
  return photoPane_->openImage(image, name);
}

void DiagnosisPage::pasteFromClipboard() {
  photoPane_->openFromMime(QApplication::clipboard()->mimeData(), tr("Pasted image"));
}

void DiagnosisPage::dragEnterEvent(QDragEnterEvent* event) {
  const QMimeData* data = event->mimeData();
  bool usable = data->hasImage();
  for (const QUrl& url : data->urls()) usable |= url.isLocalFile();
  if (usable && !controller_->isBusy()) event->acceptProposedAction();
}

void DiagnosisPage::dropEvent(QDropEvent* event) {
  if (openDropped(event->mimeData())) event->acceptProposedAction();
}

bool DiagnosisPage::openDropped(const QMimeData* data) {
  return photoPane_->openFromMime(data, tr("Dropped image"));
}

void DiagnosisPage::analyze() {
  if (photoPane_->rgb().empty()) return;
  // The square analysed is the one shown now: an eye finder answer still on its way must not
  // move it under the result.
  photoPane_->holdSquare();
  controller_->analyzeEyes(photoPane_->rgb(), speciesToggle_->species(), heatmapPane_->camMethod(),
                           photoPane_->eyesToScreen());
}

void DiagnosisPage::showBothEyes(const std::vector<ScreenedEye>& eyes,
                                 const bundle::ModelCard& card) {
  eyes_ = eyes;
  card_ = card;
  pendingSave_.reset();
  updateSaveToPetText();
  statusMessage_.clear();
  // The eye under the square stays the one shown in detail.
  const cv::Rect square = photoPane_->eyeSquare();
  const auto shared = [&](const ScreenedEye& eye) { return (eye.result.region & square).area(); };
  showEye(shared(eyes_[1]) > shared(eyes_[0]) ? 1 : 0);
}

void DiagnosisPage::showEye(int index) {
  if (index < 0 || index >= int(eyes_.size())) return;
  shownEye_ = index;
  result_ = eyes_[size_t(index)].result;
  const cv::Rect& region = result_->region;
  showingEye_ = true;
  photoPane_->showEyeSquare(QRect(region.x, region.y, region.width, region.height));
  showingEye_ = false;
  showResult();
  updateActions();
}

void DiagnosisPage::clearResult() {
  result_.reset();
  eyes_.clear();
  bothEyesPanel_->clear();
  pendingSave_.reset();
  updateSaveToPetText();
  heatmapPane_->clearHeatmaps();
  resultPane_->clear();
  updateActions();
}

void DiagnosisPage::updateActions() {
  const bool busy = controller_->isBusy();
  analyzeButton_->setEnabled(!busy && !photoPane_->rgb().empty() && installedCard_.has_value());
  openButton_->setEnabled(!busy);
  recentButton_->setEnabled(!busy && !photoPane_->recentMenu()->isEmpty());
  saveButton_->setEnabled(!busy && result_.has_value());
  saveToPetButton_->setEnabled(!busy && result_.has_value());
  speciesToggle_->setEnabled(!busy);
  cancelButton_->setVisible(busy);
  busyBar_->setVisible(busy);
  if (busy) resultPane_->setTitle(statusMessage_);
  const bool heatmaps = result_ && !result_->heatmaps.empty();
  heatmapPane_->setControlsEnabled(heatmaps && !busy);
}

void DiagnosisPage::showResult() {
  if (!result_) return;
  resultPane_->showResult(*result_, card_, language());
  heatmapPane_->showHeatmaps(*result_, language());
  if (eyes_.size() >= 2) {
    bothEyesPanel_->showEyes(eyes_, photoPane_->rgb(), language());
    bothEyesPanel_->setFocused(shownEye_);
  } else {
    bothEyesPanel_->clear();
  }
}

void DiagnosisPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    showResult();
    // The two pictures' placeholder texts are set where the pictures are.
    heatmapPane_->showModelView();
    heatmapPane_->showHeatmap();
  }
  QWidget::changeEvent(event);
}

void DiagnosisPage::retranslate() {
  retranslateActions();
  photoPane_->retranslate();
  heatmapPane_->retranslate();
  resultPane_->retranslate();
  if (!result_ && !controller_->isBusy()) showWaitingMessage();
  privacyNote_->setText(
      tr("Photos are analysed on this computer and never uploaded. Walness is a screening aid, "
         "not a veterinary diagnosis."));
  updateActions();
}

void DiagnosisPage::retranslateActions() {
  speciesLabel_->setText(tr("My pet is a"));
  openButton_->setText(tr("Open photo..."));
  openButton_->setToolTip(
      tr("Open a photo (Ctrl+O). You can also drop a photo here or paste one "
         "(Ctrl+V)."));
  recentButton_->setText(tr("Recent"));
  recentButton_->setAccessibleName(tr("Recent photos"));
  saveButton_->setText(tr("Save result..."));
  saveButton_->setToolTip(tr("Save the heatmap as PNG and the findings as JSON (Ctrl+S)."));
  updateSaveToPetText();
  analyzeButton_->setText(tr("Analyze"));
  cancelButton_->setText(tr("Cancel"));
}

void DiagnosisPage::showWaitingMessage() {
  const Species species = speciesToggle_->species();
  const QImage& photo = photoPane_->image();
  if (!installedCard_.has_value()) {
    resultPane_->showMessage(
        species == Species::Cat ? tr("No cat eye model yet") : tr("No dog eye model installed"),
        species == Species::Cat
            ? tr("Walness has no model for cats yet: no labelled cat eye photos were available "
                 "to train one. Choose Dog to screen a dog's eye.")
            : tr("Install a model bundle (see Help) to screen dog eyes."));
  } else if (photo.isNull()) {
    resultPane_->showMessage(
        tr("No result yet"),
        tr("Choose dog or cat, then open a photo of the eye. Walness checks it for signs of eye "
           "disease and explains what it sees."));
  } else {
    resultPane_->showMessage(tr("Photo loaded"),
                             tr("%1 (%2 x %3 pixels). Check that the square covers the eye, then "
                                "press Analyze.")
                                 .arg(photoPane_->name())
                                 .arg(photo.width())
                                 .arg(photo.height()));
  }
}

}  // namespace walness::ui
