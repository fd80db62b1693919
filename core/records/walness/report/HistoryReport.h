#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/report/Report.h"

namespace walness::history {
class HistoryStore;
}

namespace walness::report {

// What a report on a pet's saved diagnoses needs: the pet, each diagnosis with its photo and
// heatmap decoded, and the model card when that model is installed here. `diagnosisIds` empty
// means the pet's whole history (oldest first).
Result<ReportRequest> requestFromHistory(const history::HistoryStore& store, int64_t petId,
                                         const std::vector<int64_t>& diagnosisIds,
                                         const std::string& language);

}  // namespace walness::report
