#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include "ui/diagnosis/SpeciesToggle.h"

using walness::Species;
using walness::ui::SpeciesToggle;

TEST(SpeciesToggleTest, StartsOnDogAndSwitchesOnClick) {
  SpeciesToggle toggle;
  toggle.show();
  EXPECT_EQ(toggle.species(), Species::Dog);

  QSignalSpy spy(&toggle, &SpeciesToggle::speciesChanged);
  QTest::mouseClick(toggle.findChild<QToolButton*>(QStringLiteral("catButton")), Qt::LeftButton);
  EXPECT_EQ(toggle.species(), Species::Cat);
  ASSERT_EQ(spy.count(), 1);
  EXPECT_EQ(spy.at(0).at(0).value<Species>(), Species::Cat);
}

TEST(SpeciesToggleTest, ExactlyOneSpeciesIsChecked) {
  SpeciesToggle toggle;
  auto* dog = toggle.findChild<QToolButton*>(QStringLiteral("dogButton"));
  auto* cat = toggle.findChild<QToolButton*>(QStringLiteral("catButton"));
  toggle.setSpecies(Species::Cat);
  EXPECT_FALSE(dog->isChecked());
  EXPECT_TRUE(cat->isChecked());
  // Clicking the checked button keeps it checked: there is never "no species".
  QTest::mouseClick(cat, Qt::LeftButton);
  EXPECT_TRUE(cat->isChecked());
  EXPECT_EQ(toggle.species(), Species::Cat);
}
