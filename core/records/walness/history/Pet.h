#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "walness/Species.h"

namespace walness::history {

// An animal whose eye is screened over time.
struct Pet {
  int64_t id = 0;  // 0 until stored
  std::string name;
  Species species = Species::Dog;
  std::string breed;
  std::optional<int> birthYear;
  std::string notes;
  std::string createdAt;  // ISO 8601, UTC
};

}  // namespace walness::history
