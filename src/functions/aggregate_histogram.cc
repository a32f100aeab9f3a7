// histogram_numeric(expr, nb): Spark's NumericHistogram (Hive's streaming histogram of
// Ben-Haim & Tom-Tov): up to nb bins (x, count), kept sorted; a new value starts its own bin
// and, past nb bins, the two closest bins merge into their weighted mean. Equally close
// pairs are chosen between as Spark does, with java.util.Random seeded 31183 (a fresh one
// for each partial histogram and for the merged one), so results are Spark's for the same
// partial aggregates. Merging pools both histograms' bins and trims once. The result is
// ARRAY<STRUCT<x: input type, y: DOUBLE>> (spark.sql.legacy.
// histogramNumericPropagateInputType's default), NULL without input rows.
#include <algorithm>
#include <bit>
#include <cmath>

#include "functions/function_registry.h"
#include "functions/java_random.h"
#include "functions/numeric_as_double.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

constexpr int64_t kTieBreakSeed = 31183;

struct Bin {
  double x;
  double y;
};

// Java's Double.compare: -0.0 before 0.0, NaN after everything.
bool JavaDoubleLess(double a, double b) {
  if (a < b) return true;
  if (a > b) return false;
  auto bits = [](double d) {
    return std::isnan(d) ? int64_t{0x7ff8000000000000} : std::bit_cast<int64_t>(d);
  };
  return bits(a) < bits(b);
}

class HistogramState : public AggregateState {
 public:
  explicit HistogramState(size_t max_bins) : max_bins_(max_bins) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override {
    Add(NumericAsDouble(*args[0], row));
  }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const HistogramState&>(other);
    if (o.bins_.empty()) return;
    // From the first merge on this state is Spark's merged histogram: a fresh buffer that
    // took this state's bins as they were, with a tie breaker of its own.
    if (!merged_) {
      merged_ = true;
      random_ = JavaRandom(kTieBreakSeed);
    }
    if (bins_.empty()) {
      bins_ = o.bins_;
      return;
    }
    bins_.insert(bins_.end(), o.bins_.begin(), o.bins_.end());
    std::stable_sort(bins_.begin(), bins_.end(),
                     [](const Bin& a, const Bin& b) { return JavaDoubleLess(a.x, b.x); });
    Trim();
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
  void Add(double v) {
    // Spark's binary search: where v goes, or a bin equal to it.
    size_t at = 0;
    for (size_t l = 0, r = bins_.size(); l < r;) {
      at = (l + r) / 2;
      if (bins_[at].x > v) {
        r = at;
      } else if (bins_[at].x < v) {
        l = ++at;
      } else {
        break;
      }
    }
    if (at < bins_.size() && bins_[at].x == v) {
      bins_[at].y += 1.0;
      return;
    }
    bins_.insert(bins_.begin() + static_cast<ptrdiff_t>(at), Bin{v, 1.0});
    Trim();
  }
  // Merges the closest neighbours until nb bins are left. Of k equally close pairs met so
  // far, the k-th replaces the chosen one with probability 1/k (one draw per tie).
  void Trim() {
    while (bins_.size() > max_bins_) {
      double smallest = bins_[1].x - bins_[0].x;
      size_t closest = 0;
      int ties = 1;
      for (size_t i = 1; i + 1 < bins_.size(); ++i) {
        const double diff = bins_[i + 1].x - bins_[i].x;
        if (diff < smallest) {
          smallest = diff;
          closest = i;
          ties = 1;
        } else if (diff == smallest) {
          const double draw = random_.NextDouble();
          if (draw <= 1.0 / ++ties) closest = i;
        }
      }
      Bin& left = bins_[closest];
      const Bin& right = bins_[closest + 1];
      const double y = left.y + right.y;
      left.x *= left.y / y;
      left.x += right.x / y * right.y;
      left.y = y;
      bins_.erase(bins_.begin() + static_cast<ptrdiff_t>(closest) + 1);
    }
  }
  size_t max_bins_;
  std::vector<Bin> bins_;  // ascending x
  JavaRandom random_{kTieBreakSeed};
  bool merged_ = false;
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
