#pragma once

#include <optional>
#include <string_view>

namespace walness {

// The animals Walness screens. Model bundles declare which species they were trained on.
enum class Species { Dog, Cat };

// Stable lower-case ids used in settings, model cards and the CLI: "dog", "cat".
constexpr std::string_view speciesId(Species species) {
  return species == Species::Dog ? "dog" : "cat";
}

constexpr std::optional<Species> speciesFromId(std::string_view id) {
  if (id == "dog") return Species::Dog;
  if (id == "cat") return Species::Cat;
  return std::nullopt;
}

}  // namespace walness
