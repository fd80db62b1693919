#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace walness::history {

// What the vet found for one disease when examining the pet of a saved check.
enum class FindingStatus { Present, Absent, NotExamined };

std::string_view findingStatusId(FindingStatus status);  // "present", "absent", "not_examined"
std::optional<FindingStatus> findingStatusFromId(std::string_view id);

struct ConfirmedFinding {
  std::string disease;  // a disease id (Diseases.h): one the model checks or any other
  FindingStatus status = FindingStatus::NotExamined;
  std::string grade;  // optional severity grade, e.g. "mild"
};

// The vet's answer to one saved check. Editing adds a revision; older ones stay readable.
struct Confirmation {
  int64_t id = 0;
  int64_t diagnosisId = 0;
  int revision = 0;  // 1 for the first answer, +1 per edit
  std::vector<ConfirmedFinding> findings;
  std::string note;
  std::string confirmedBy;  // who examined the pet (required)
  std::string confirmedAt;  // ISO 8601 UTC; the time of saving when empty
  // Names this answer before it is first sent (made up when empty): a retry never adds it twice.
  std::string uid;

  // The finding for `disease`, or nullptr when the vet said nothing about it.
  const ConfirmedFinding* finding(std::string_view disease) const;
  // Present or absent for `disease` (not examined and unmentioned diseases give nullopt).
  std::optional<bool> present(std::string_view disease) const;
};

}  // namespace walness::history
