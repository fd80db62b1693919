#pragma once

#include <QString>

#include "walness/bundle/ModelCard.h"

namespace walness::ui {

// A model card as a person reads it (HTML): what it checks, what data it learnt from, what was
// measured on which data, and its known limits. For Settings and About.
QString modelCardHtml(const bundle::ModelCard& card, const QString& directory = {});

// One line: "dog-eye-mobilenetv2 1.0.0: dog eyes, 5 diseases, macro AUC 0.886 (val, 1,637 photos)".
QString modelCardSummary(const bundle::ModelCard& card);

}  // namespace walness::ui
