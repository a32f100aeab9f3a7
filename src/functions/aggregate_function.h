// Aggregate functions: a binder that checks argument types, and per-group states that take
// rows, merge (partial aggregates from several threads) and produce the result.
// Bound aggregates are immutable and thread-safe; a state belongs to one thread at a time.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "functions/function_context.h"
#include "functions/scalar_function.h"
#include "types/logical_type.h"
#include "vector/vector.h"

namespace sluice::functions {

class AggregateState {
 public:
  virtual ~AggregateState() = default;
  // Adds row `row` of the arguments (already cast to the bound argument types).
  virtual void Update(const std::vector<const vector::Vector*>& args, size_t row) = 0;
  // Adds everything `other` (a state of the same binding) has seen.
  virtual void Merge(const AggregateState& other) = 0;
  // Writes the result at `row` of `out` (made with the bound return type); an error is
  // an ANSI overflow and such.
  virtual Status Finalize(const FunctionContext& ctx, vector::Vector& out, size_t row) const = 0;
};

class AggregateStates;  // aggregate_states.h

struct BoundAggregate {
  types::LogicalType return_type;
  std::vector<types::LogicalType> argument_types;
  std::function<std::unique_ptr<AggregateState>()> make_state;
  // The states of many groups in arrays (fixed-width states only; else unset).
  std::function<std::unique_ptr<AggregateStates>()> make_states;
  // Rows where any argument is NULL are not passed to Update (count(x), sum, avg, ...);
  // false for count(*), first/last without IGNORE NULLS, and the like.
  bool skip_null_rows = true;
};

// What the call looked like besides its arguments.
struct AggregateCallInfo {
  bool distinct = false;
  bool ignore_nulls = false;  // first(x) IGNORE NULLS, or first(x, true)
  bool reverse = false;       // percentile_cont(p) WITHIN GROUP (ORDER BY x DESC)
};

using AggregateBinder = std::function<Result<BoundAggregate>(const FunctionContext& ctx,
                                                             const std::vector<BindArgument>& args,
                                                             const AggregateCallInfo& info)>;

struct AggregateFunction {
  std::string name;  // lower case
  std::string usage;
  AggregateBinder bind;
};

}  // namespace sluice::functions
