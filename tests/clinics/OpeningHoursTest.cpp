#include <gtest/gtest.h>

#include "walness/clinics/OpeningHours.h"

using namespace walness::clinics;

namespace {
constexpr int kMonday = 1, kFriday = 5, kSaturday = 6, kSunday = 7;
int hm(int hours, int minutes = 0) {
  return hours * 60 + minutes;
}
OpenState state(const char* hours, int weekday, int minutes) {
  return evaluateOpeningHours(hours, {weekday, minutes});
}
}  // namespace

TEST(OpeningHoursTest, AlwaysOpen) {
  EXPECT_EQ(state("24/7", kSunday, hm(3)), OpenState::Open);
  EXPECT_TRUE(isAlwaysOpen(" 24/7 "));
  EXPECT_FALSE(isAlwaysOpen("Mo-Fr 09:00-18:00"));
}

TEST(OpeningHoursTest, WeekdaysAndSaturdayMorning) {
  const char* hours = "Mo-Fr 09:00-18:00; Sa 09:00-13:00";
  EXPECT_EQ(state(hours, kMonday, hm(9)), OpenState::Open);
  EXPECT_EQ(state(hours, kFriday, hm(17, 59)), OpenState::Open);
  EXPECT_EQ(state(hours, kFriday, hm(18)), OpenState::Closed) << "the end is exclusive";
  EXPECT_EQ(state(hours, kMonday, hm(8, 59)), OpenState::Closed);
  EXPECT_EQ(state(hours, kSaturday, hm(12)), OpenState::Open);
  EXPECT_EQ(state(hours, kSaturday, hm(14)), OpenState::Closed);
  EXPECT_EQ(state(hours, kSunday, hm(12)), OpenState::Closed) << "days not named are closed";
}

TEST(OpeningHoursTest, LunchBreaksOffDaysAndOverrides) {
  EXPECT_EQ(state("Mo-Sa 09:00-12:30,14:00-19:00", kMonday, hm(13)), OpenState::Closed);
  EXPECT_EQ(state("Mo-Sa 09:00-12:30,14:00-19:00", kMonday, hm(15)), OpenState::Open);
  EXPECT_EQ(state("Mo-Su 10:00-20:00; We off", 3, hm(12)), OpenState::Closed);
  EXPECT_EQ(state("Mo-Su 10:00-20:00; We off", 4, hm(12)), OpenState::Open);
  EXPECT_EQ(state("10:00-20:00", kSunday, hm(12)), OpenState::Open) << "no days: every day";
  EXPECT_EQ(state("Mo,We,Fr 09:00-18:00", 2, hm(12)), OpenState::Closed);
  EXPECT_EQ(state("Sa-Mo 10:00-16:00", kSunday, hm(12)), OpenState::Open) << "wraps over Sunday";
  EXPECT_EQ(state("Mo-Fr 09:00-24:00", kMonday, hm(23, 30)), OpenState::Open);
}

TEST(OpeningHoursTest, NightsReachIntoTheNextDay) {
  const char* hours = "Fr 20:00-02:00";
  EXPECT_EQ(state(hours, kFriday, hm(23)), OpenState::Open);
  EXPECT_EQ(state(hours, kSaturday, hm(1, 30)), OpenState::Open);
  EXPECT_EQ(state(hours, kSaturday, hm(2)), OpenState::Closed);
}

TEST(OpeningHoursTest, WhatCannotBeEvaluatedIsUnknown) {
  for (const char* hours : {"", "Mo-Fr 09:00-18:00; PH off", "sunrise-sunset", "by appointment",
                            "Mo-Fr 9-18", "Jan-Mar Mo 10:00-12:00", "Mo-Fr 25:00-26:00"})
    EXPECT_EQ(state(hours, kMonday, hm(10)), OpenState::Unknown) << '"' << hours << '"';
}
