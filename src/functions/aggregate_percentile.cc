// Percentiles: percentile (exact, optional integral frequency, one percentage or an array of
// them), median, percentile_cont / percentile_disc (... WITHIN GROUP (ORDER BY x [DESC]),
// bound by the SQL binder to (x, percentage)), and percentile_approx / approx_percentile.
// The approximate one answers exactly: Spark's quantile summary is exact until the group
// holds more values than its accuracy allows to merge, and the exact answer is always within
// the promised error. Values are kept as DOUBLE (as Spark's summaries and toDoubleValue do).
#include <algorithm>
#include <cmath>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/numeric_as_double.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

enum class Method { kContinuous, kDiscrete, kApprox };

struct PercentileSpec {
  Method method = Method::kContinuous;
  std::vector<double> percentages;
  bool array = false;       // the percentage argument was an array: the result is one too
  bool reverse = false;     // WITHIN GROUP (ORDER BY x DESC)
  bool weighted = false;    // a third argument gives each row's frequency
  double accuracy = 10000;  // percentile_approx
};

// Spark's double ordering: NaN above everything.
bool Less(double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return a < b;
}

class PercentileState : public AggregateState {
 public:
  explicit PercentileState(std::shared_ptr<const PercentileSpec> spec) : spec_(std::move(spec)) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override {
    int64_t weight = 1;
    if (spec_->weighted) {
      weight = args[2]->data<int64_t>()[row];
      if (weight < 0 && negative_ == 0) negative_ = weight;
      if (weight <= 0) return;
    }
    values_.emplace_back(NumericAsDouble(*args[0], row), weight);
  }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const PercentileState&>(other);
    values_.insert(values_.end(), o.values_.begin(), o.values_.end());
    if (negative_ == 0) negative_ = o.negative_;
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    if (negative_ != 0)
      return Status::Invalid(
          "[NEGATIVE_VALUES_IN_FREQUENCY_EXPRESSION] Found the negative value "
          "in frequency: " +
          std::to_string(negative_) + ".");
    if (values_.empty()) {
      out.SetNull(row);
      return Status::OK();
    }
    // (value, accumulated count), ascending (descending when reversed), equal values merged.
    std::vector<std::pair<double, int64_t>> sorted = values_;
    std::sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) {
      return spec_->reverse ? Less(b.first, a.first) : Less(a.first, b.first);
    });
    std::vector<std::pair<double, int64_t>> acc;
    for (const auto& [v, n] : sorted) {
      const bool same = !acc.empty() &&
                        (acc.back().first == v || (std::isnan(v) && std::isnan(acc.back().first)));
      if (same)
        acc.back().second += n;
      else
        acc.emplace_back(v, (acc.empty() ? 0 : acc.back().second) + n);
    }
    std::vector<double> results;
    for (double p : spec_->percentages) results.push_back(At(acc, p));
    // percentile_approx answers in the input's type; the others in DOUBLE.
    if (!spec_->array) {
      SetFromDouble(out, row, results[0]);
      return Status::OK();
    }
    SLUICE_ASSIGN_OR_RAISE(uint32_t at,
                           out.AppendListEntry(row, static_cast<uint32_t>(results.size())));
    out.validity().SetValid(row);
    for (size_t i = 0; i < results.size(); ++i)
      SetFromDouble(out.children()[0], at + i, results[i]);
    return Status::OK();
  }

 private:
  // The first entry whose accumulated count reaches `count`.
  static size_t Find(const std::vector<std::pair<double, int64_t>>& acc, int64_t count) {
    return std::lower_bound(acc.begin(), acc.end(), count,
                            [](const auto& e, int64_t c) { return e.second < c; }) -
           acc.begin();
  }
  double At(const std::vector<std::pair<double, int64_t>>& acc, double p) const {
    const int64_t total = acc.back().second;
    switch (spec_->method) {
      case Method::kDiscrete:  // the least value whose cumulative share reaches p
        return acc[Find(acc, static_cast<int64_t>(std::ceil(static_cast<double>(total) * p)))]
            .first;
      case Method::kApprox: {
        const double relative_error = 1.0 / spec_->accuracy;
        if (p <= relative_error) return acc.front().first;
        if (p >= 1 - relative_error) return acc.back().first;
        const auto rank = static_cast<int64_t>(std::ceil(p * static_cast<double>(total)));
        return acc[std::min(Find(acc, rank), acc.size() - 1)].first;
      }
      case Method::kContinuous:
        break;
    }
    const double position = static_cast<double>(total - 1) * p;
    const auto lower = static_cast<int64_t>(std::floor(position));
    const auto higher = static_cast<int64_t>(std::ceil(position));
    const double low = acc[Find(acc, lower + 1)].first;
    if (lower == higher) return low;
    const double high = acc[Find(acc, higher + 1)].first;
    if (high == low) return low;
    return (static_cast<double>(higher) - position) * low +
           (position - static_cast<double>(lower)) * high;
  }
  std::shared_ptr<const PercentileSpec> spec_;
  std::vector<std::pair<double, int64_t>> values_;  // (value, frequency)
  int64_t negative_ = 0;                            // the first negative frequency seen
};

Status ArgumentError(const std::string& name, const char* error_class, const char* what) {
  return Status::Invalid("[DATATYPE_MISMATCH." + std::string(error_class) + "] " + what + " in `" +
                         name + "`.");
}

// Reads the constant percentage argument (a number or an array of numbers in [0, 1]).
Status ReadPercentages(const std::string& name, const BindArgument& a, PercentileSpec& spec) {
  if (a.constant == nullptr)
    return ArgumentError(name, "NON_FOLDABLE_INPUT", "The percentage must be a constant");
  const Vector& c = *a.constant;
  if (c.IsNull(0)) return ArgumentError(name, "UNEXPECTED_NULL", "The percentage must not be NULL");
  auto read = [&](const Vector& v, size_t row) -> Status {
    if (!v.type().IsNumeric() || v.IsNull(row))
      return ArgumentError(name, "UNEXPECTED_INPUT_TYPE", "The percentage must be a number");
    const double p = NumericAsDouble(v, row);
    if (!(p >= 0.0 && p <= 1.0))
      return ArgumentError(name, "VALUE_OUT_OF_RANGE",
                           "The percentage must be between 0.0 and 1.0");
    spec.percentages.push_back(p);
    return Status::OK();
  };
  if (c.type().id() == TypeId::kArray) {
    spec.array = true;
    const vector::ListEntry e = c.data<vector::ListEntry>()[0];
    for (uint32_t i = 0; i < e.length; ++i)
      SLUICE_RETURN_NOT_OK(read(c.children()[0], e.offset + i));
    if (spec.percentages.empty() && spec.method != Method::kApprox)
      return ArgumentError(name, "UNEXPECTED_INPUT_TYPE", "The percentage array must not be empty");
    return Status::OK();
  }
  return read(c, 0);
}

bool Orderable(const LogicalType& t, Method m) {
  if (t.IsNumeric() || t.id() == TypeId::kNull || t.id() == TypeId::kString) return true;
  return m == Method::kApprox && (t.id() == TypeId::kDate || t.id() == TypeId::kTimestamp ||
                                  t.id() == TypeId::kTimestampNtz);
}

Result<BoundAggregate> BindPercentile(const std::string& name, Method method,
                                      const std::vector<BindArgument>& args,
                                      const AggregateCallInfo& info) {
  // median(col); percentile_cont/disc(col, p) after WITHIN GROUP; the others take a third
  // argument (frequency, or percentile_approx's accuracy).
  const bool median = name == "median";
  const size_t min_args = median ? 1 : 2;
  const size_t max_args = median                                                     ? 1
                          : (name == "percentile_cont" || name == "percentile_disc") ? 2
                                                                                     : 3;
  if (args.size() < min_args || args.size() > max_args)
    return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + name + "` requires " +
                           std::to_string(min_args) + " to " + std::to_string(max_args) +
                           " parameters but the actual number is " + std::to_string(args.size()) +
                           ".");
  if (!Orderable(args[0].type, method))
    return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Parameter 1 of `" + name +
                           "` requires a numeric type, however it has the type \"" +
                           args[0].type.ToString() + "\".");
  auto spec = std::make_shared<PercentileSpec>();
  spec->method = method;
  spec->reverse = info.reverse;
  LogicalType input = args[0].type;
  if (input.id() == TypeId::kNull || input.id() == TypeId::kString ||
      (method != Method::kApprox && input.id() != TypeId::kDouble))
    input = TypeId::kDouble;
  BoundAggregate b;
  b.argument_types = {input};
  if (name == "median") {
    spec->percentages = {0.5};
  } else {
    SLUICE_RETURN_NOT_OK(ReadPercentages(name, args[1], *spec));
    b.argument_types.push_back(args[1].type);
  }
  if (args.size() == 3 && method == Method::kApprox) {
    const Vector* c = args[2].constant;
    if (c == nullptr || !args[2].type.IsInteger() || c->IsNull(0) || NumericAsDouble(*c, 0) <= 0 ||
        NumericAsDouble(*c, 0) > 2147483647.0)
      return ArgumentError(name, "VALUE_OUT_OF_RANGE",
                           "The accuracy must be a positive integer literal");
    spec->accuracy = NumericAsDouble(*c, 0);
    b.argument_types.push_back(args[2].type);
  } else if (args.size() == 3) {
    if (!args[2].type.IsInteger() && args[2].type.id() != TypeId::kNull)
      return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Parameter 3 of `" + name +
                             "` requires the \"INTEGRAL\" type, however it has the type \"" +
                             args[2].type.ToString() + "\".");
    spec->weighted = true;
    b.argument_types.push_back(TypeId::kBigInt);
  }
  const LogicalType element = method == Method::kApprox ? input : LogicalType(TypeId::kDouble);
  b.return_type = spec->array ? LogicalType::Array(element) : element;
  b.make_state = [spec] { return std::make_unique<PercentileState>(spec); };
  return b;
}

void AddPercentile(FunctionRegistry& r, const std::string& name, Method method, const char* usage) {
  r.Add(AggregateFunction{
      name, usage,
      [name, method](const FunctionContext&, const std::vector<BindArgument>& args,
                     const AggregateCallInfo& info) {
        return BindPercentile(name, method, args, info);
      }});
}

}  // namespace

void RegisterPercentileAggregates(FunctionRegistry& r) {
  AddPercentile(r, "percentile", Method::kContinuous,
                "percentile(col, percentage [, frequency]) - Returns the exact percentile "
                "value of numeric column `col` at the given percentage.");
  AddPercentile(r, "median", Method::kContinuous,
                "median(col) - Returns the median of numeric column `col`.");
  AddPercentile(r, "percentile_cont", Method::kContinuous,
                "percentile_cont(percentage) WITHIN GROUP (ORDER BY col) - Returns a percentile "
                "value based on a continuous distribution of numeric column `col`.");
  AddPercentile(r, "percentile_disc", Method::kDiscrete,
                "percentile_disc(percentage) WITHIN GROUP (ORDER BY col) - Returns a percentile "
                "value based on a discrete distribution of numeric column `col`.");
  const char* approx =
      "percentile_approx(col, percentage [, accuracy]) - Returns the approximate `percentile` "
      "of the numeric column `col`: the smallest value in the ordered `col` values such that "
      "no more than `percentage` of `col` values is less than the value or equal to it.";
  AddPercentile(r, "percentile_approx", Method::kApprox, approx);
  AddPercentile(r, "approx_percentile", Method::kApprox, approx);
}

}  // namespace sluice::functions
