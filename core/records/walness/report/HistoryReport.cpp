#include "walness/report/HistoryReport.h"

#include <algorithm>

#include "walness/bundle/ModelLocator.h"
#include "walness/cam/HeatmapImage.h"
#include "walness/history/HistoryStore.h"
#include "walness/imaging/ImageDecoder.h"

namespace walness::report {

Result<ReportRequest> requestFromHistory(const history::HistoryStore& store, int64_t petId,
                                         const std::vector<int64_t>& diagnosisIds,
                                         const std::string& language) {
  auto pet = store.pet(petId);
  if (!pet) return pet.error();
  auto all = store.diagnoses(petId);
  if (!all) return all.error();
  ReportRequest request;
  request.pet = *pet;
  request.language = language;
  for (const history::DiagnosisRecord& record : *all) {
    if (!diagnosisIds.empty() &&
        std::find(diagnosisIds.begin(), diagnosisIds.end(), record.id) == diagnosisIds.end())
      continue;
    ReportItem item;
    item.diagnosis = record.diagnosis;
    item.region = record.region;
    item.camMethod = record.camMethod;
    item.camDisease = record.camDisease;
    item.takenAt = record.takenAt;
    item.notes = record.notes;
    item.eyeSide = record.eyeSide;
    // A photo that went missing leaves its place in the report marked, not the report undone.
    if (auto bytes = store.photo(record.photoHash)) {
      auto decoded =
          imaging::decodeImageBytes(reinterpret_cast<const unsigned char*>(bytes->constData()),
                                    size_t(bytes->size()), record.photoHash.substr(0, 12));
      if (decoded) item.photo = decoded->rgb;
    }
    if (!record.camHash.empty())
      if (auto png = store.photo(record.camHash)) item.heatmap = cam::decodeRegionHeatmap(*png);
    auto confirmation = store.confirmation(record.id);
    if (!confirmation) return confirmation.error();
    item.confirmation = *confirmation;
    request.items.push_back(std::move(item));
  }
  if (request.items.empty()) return Error{"no diagnoses to report"};
  const inference::Diagnosis& latest = request.items.back().diagnosis;
  for (const auto& listing : bundle::listBundles(bundle::modelSearchDirectories()))
    if (listing.card.id == latest.modelId && listing.card.version == latest.modelVersion)
      request.card = listing.card;
  return request;
}

}  // namespace walness::report
