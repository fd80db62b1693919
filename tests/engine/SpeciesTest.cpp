#include <gtest/gtest.h>

#include "walness/Species.h"

using walness::Species;

TEST(SpeciesTest, IdsRoundTrip) {
  for (Species species : {Species::Dog, Species::Cat}) {
    EXPECT_EQ(walness::speciesFromId(walness::speciesId(species)), species);
  }
  EXPECT_EQ(walness::speciesId(Species::Dog), "dog");
  EXPECT_EQ(walness::speciesId(Species::Cat), "cat");
}

TEST(SpeciesTest, UnknownIdIsRejected) {
  EXPECT_FALSE(walness::speciesFromId("horse").has_value());
  EXPECT_FALSE(walness::speciesFromId("").has_value());
  EXPECT_FALSE(walness::speciesFromId("Dog").has_value());
}
