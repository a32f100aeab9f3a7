// min / max of strings (and binary values) for every group of a hash aggregate: each group's
// value in a std::string (short ones inline), not in a one-row Vector of its own, so a group
// costs about 40 bytes and no allocation rather than a few hundred bytes and several.
// Values compare by their bytes, unsigned, as Spark compares UTF-8 strings.
#pragma once

#include <memory>

#include "functions/aggregate_states.h"

namespace sluice::functions {

std::unique_ptr<AggregateStates> MakeStringExtremeStates(bool max);

}  // namespace sluice::functions
