#include "walness/history/Confirmation.h"

#include <algorithm>

namespace walness::history {

std::string_view findingStatusId(FindingStatus status) {
  switch (status) {
    case FindingStatus::Present:
      return "present";
    case FindingStatus::Absent:
      return "absent";
    case FindingStatus::NotExamined:
      break;
  }
  return "not_examined";
}

std::optional<FindingStatus> findingStatusFromId(std::string_view id) {
  for (FindingStatus status :
       {FindingStatus::Present, FindingStatus::Absent, FindingStatus::NotExamined})
    if (findingStatusId(status) == id) return status;
  return std::nullopt;
}

const ConfirmedFinding* Confirmation::finding(std::string_view disease) const {
  const auto it = std::find_if(findings.begin(), findings.end(),
                               [&](const ConfirmedFinding& f) { return f.disease == disease; });
  return it == findings.end() ? nullptr : &*it;
}

std::optional<bool> Confirmation::present(std::string_view disease) const {
  const ConfirmedFinding* found = finding(disease);
  if (!found || found->status == FindingStatus::NotExamined) return std::nullopt;
  return found->status == FindingStatus::Present;
}

}  // namespace walness::history
