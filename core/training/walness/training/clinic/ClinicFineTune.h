#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "walness/Result.h"
#include "walness/Species.h"
#include "walness/history/LabelExport.h"
#include "walness/history/StoreLocation.h"
#include "walness/training/BundleComparison.h"
#include "walness/training/Trainer.h"

namespace walness::training {

// "Improve with this clinic's confirmed checks": export the history's confirmed checks of one
// species, fine-tune the installed bundle on them (warm start), and measure the result against
// that bundle on the held-back pets. Photos never leave the folders given here.
struct ClinicFineTuneOptions {
  history::StoreLocation history;
  Species species = Species::Dog;
  std::string baseBundle;     // the installed bundle to start from
  std::string workDirectory;  // export/, checkpoint/ and bundle/ are made here
  std::string newVersion;     // e.g. "1.0.0-clinic.20261129"
  int epochs = 3;
  // Every feature block frozen by default: only the head learns (minutes on 2 cores), and the
  // backbone stays bit for bit the bundle's, so its eye gate is carried over unchanged.
  int freezeBlocks = 19;
  int threads = 2;
};

struct ClinicFineTuneResult {
  std::string bundleDirectory;  // the new bundle (card annotated with origin and comparison)
  bool eyeGateCarried = false;  // the base bundle's eye gate came along (identical backbone)
  history::LabelExportSummary exported;
  BundleComparison comparison;
  TrainingOutcome outcome;
};

// Runs on the calling thread; `progress` is called from it (Export, then the trainer's phases,
// then Compare). Setting `stop` stops after the current batch with an error.
Result<ClinicFineTuneResult> fineTuneOnConfirmedChecks(
    const ClinicFineTuneOptions& options, const std::atomic<bool>& stop,
    const std::function<void(const TrainingProgress&)>& progress);

}  // namespace walness::training
