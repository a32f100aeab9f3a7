// histogram_numeric(expr, nb): Spark's (Hive's) streaming histogram of Ben-Haim & Tom-Tov: up
// to nb bins (x, count), kept sorted; a new value starts its own bin and, past nb bins, the
// two closest bins merge into their weighted mean. Spark breaks ties between equally close
// pairs at random; here the leftmost pair merges, so results do not depend on chance. The
// result is ARRAY<STRUCT<x: input type, y: DOUBLE>> (spark.sql.legacy.
// histogramNumericPropagateInputType's default), NULL without input rows.
#include <algorithm>

#include "functions/function_registry.h"
#include "functions/numeric_as_double.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

struct Bin {
  double x;
  double y;
};

class HistogramState : public AggregateState {
 public:
  explicit HistogramState(size_t max_bins) : max_bins_(max_bins) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override {
    Add({NumericAsDouble(*args[0], row), 1.0});
  }
  void Merge(const AggregateState& other) override {
    for (const Bin& b : static_cast<const HistogramState&>(other).bins_) Add(b);
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    if (bins_.empty()) {
      out.SetNull(row);
      return Status::OK();
    }
    SLUICE_ASSIGN_OR_RAISE(uint32_t at,
                           out.AppendListEntry(row, static_cast<uint32_t>(bins_.size())));
    out.validity().SetValid(row);
    Vector& entries = out.children()[0];
    for (size_t i = 0; i < bins_.size(); ++i) {
      entries.validity().SetValid(at + i);
      SetFromDouble(entries.children()[0], at + i, bins_[i].x);
      Set<double>(entries.children()[1], at + i, bins_[i].y);
    }
    return Status::OK();
  }

 private:
  void Add(const Bin& bin) {
    auto it = std::lower_bound(bins_.begin(), bins_.end(), bin.x,
                               [](const Bin& b, double x) { return b.x < x; });
    if (it != bins_.end() && it->x == bin.x) {
      it->y += bin.y;
      return;
    }
    bins_.insert(it, bin);
    while (bins_.size() > max_bins_) {
      size_t closest = 0;
      for (size_t i = 1; i + 1 < bins_.size(); ++i)
        if (bins_[i + 1].x - bins_[i].x < bins_[closest + 1].x - bins_[closest].x) closest = i;
      Bin& left = bins_[closest];
      const Bin& right = bins_[closest + 1];
      const double y = left.y + right.y;
      left.x = left.x * (left.y / y) + right.x / y * right.y;
      left.y = y;
      bins_.erase(bins_.begin() + static_cast<ptrdiff_t>(closest) + 1);
    }
  }
  size_t max_bins_;
  std::vector<Bin> bins_;  // ascending x
};

Result<BoundAggregate> BindHistogram(const std::vector<BindArgument>& args) {
  if (args.size() != 2)
    return Status::Invalid(
        "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `histogram_numeric` "
        "requires 2 parameters but the actual number is " +
        std::to_string(args.size()) + ".");
  LogicalType input = args[0].type;
  if (input.id() == TypeId::kNull) input = TypeId::kDouble;
  if (!input.IsNumeric() && input.id() != TypeId::kDate && input.id() != TypeId::kTimestamp &&
      input.id() != TypeId::kTimestampNtz && !input.IsAnsiInterval())
    return Status::Invalid(
        "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Parameter 1 of "
        "`histogram_numeric` requires a numeric, date, timestamp or ANSI interval type, "
        "however it has the type \"" +
        args[0].type.ToString() + "\".");
  const Vector* nb = args[1].constant;
  if (nb == nullptr || !args[1].type.IsInteger() || nb->IsNull(0) || NumericAsDouble(*nb, 0) < 2)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] The number of histogram bins "
        "of `histogram_numeric` must be an integer literal of at least 2.");
  const auto max_bins = static_cast<size_t>(NumericAsDouble(*nb, 0));
  BoundAggregate b;
  b.argument_types = {input, args[1].type};
  b.return_type = LogicalType::Array(LogicalType::Struct(
      {types::Field{"x", input, true}, types::Field{"y", TypeId::kDouble, true}}));
  b.make_state = [max_bins] { return std::make_unique<HistogramState>(max_bins); };
  return b;
}

}  // namespace

void RegisterHistogramAggregates(FunctionRegistry& r) {
  r.Add(AggregateFunction{
      "histogram_numeric",
      "histogram_numeric(expr, nb) - Computes a histogram on numeric 'expr' using nb bins. The "
      "return value is an array of (x,y) pairs representing the centers of the histogram's "
      "bins.",
      [](const FunctionContext&, const std::vector<BindArgument>& args, const AggregateCallInfo&) {
        return BindHistogram(args);
      }});
}

}  // namespace sluice::functions
