#include "walness/inference/Wording.h"

#include <cmath>

namespace walness::inference {

QString speciesName(Species species, const Words& words) {
  return species == Species::Cat ? words.translate("Species", "cat")
                                 : words.translate("Species", "dog");
}

AbstentionText describeAbstention(AbstentionReason reason, Species modelSpecies,
                                  std::optional<Species> detectedSpecies, const Words& words) {
  switch (reason) {
    case AbstentionReason::NotAnEye:
      return {words.translate("Abstention", "This does not look like a close-up of an eye"),
              words.translate("Abstention",
                              "Walness only screens close-up photos of one eye. Move the square "
                              "onto one eye (it should fill most of the square), or take a photo "
                              "closer to the eye. Closed eyes and very dark photos cannot be "
                              "screened either.")};
    case AbstentionReason::OtherSpecies: {
      const Species seen =
          detectedSpecies.value_or(modelSpecies == Species::Dog ? Species::Cat : Species::Dog);
      return {
          seen == Species::Cat ? words.translate("Abstention", "This looks like a cat's eye")
                               : words.translate("Abstention", "This looks like a dog's eye"),
          words
              .translate("Abstention", "This model screens %1s' eyes; a %2's eye needs a %2 model.")
              .arg(speciesName(modelSpecies, words), speciesName(seen, words))};
    }
    case AbstentionReason::OutOfDistribution:
      return {words.translate("Abstention", "This does not look like a close-up photo of an eye"),
              words
                  .translate("Abstention",
                             "Walness only screens close-up photos of a %1's eye, like the photos "
                             "its model learnt from. Try a sharp, well-lit photo of one eye, "
                             "filling most of the picture.")
                  .arg(speciesName(modelSpecies, words))};
    case AbstentionReason::EyeTooSmall:
      return {words.translate("Abstention", "The eye is too small in this photo"),
              words.translate("Abstention",
                              "Take a closer photo, about a hand's width from the eye, or use the "
                              "phone's zoom.")};
    case AbstentionReason::Quality:
    case AbstentionReason::Unrecognised:  // a newer Walness's reason: the general words
      break;
  }
  return {words.translate("Abstention", "This photo cannot be judged"),
          words.translate("Abstention", "Please take the photo again and analyse the new one.")};
}

AbstentionText describeAbstention(const Diagnosis& diagnosis, const Words& words) {
  if (!diagnosis.abstention) return {};
  const Abstention& abstention = *diagnosis.abstention;
  AbstentionText text =
      describeAbstention(abstention.reason, diagnosis.species, diagnosis.detectedSpecies, words);
  if (abstention.reason == AbstentionReason::EyeTooSmall && abstention.eyePixels > 0)
    text.advice = words
                      .translate("Abstention",
                                 "The eye is only %1 pixels across in this photo; screening needs "
                                 "at least %2, or the model sees a blurred enlargement. Take a "
                                 "closer photo, about a hand's width from the eye, or use the "
                                 "phone's zoom.")
                      .arg(std::lround(abstention.eyePixels))
                      .arg(std::lround(abstention.neededPixels));
  return text;
}

}  // namespace walness::inference
