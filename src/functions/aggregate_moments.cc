// Statistical aggregates over DOUBLE: stddev/variance (sample and population), skewness,
// kurtosis, covariance, corr and the regr_* family. States keep Spark's streaming central
// moments (count, mean, M2..M4, co-moment) and merge them with the same pairwise formulas,
// so results match Spark's to the last bit given the same row order and the same partial
// aggregates (Spark's own last bits change with its partitioning). NULL rows are skipped;
// no rows give NULL; a division by zero (one row for a sample statistic, no spread in
// skewness/kurtosis or in a side of corr) is NULL (statisticalAggregate=false).
#include <cmath>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

struct Moments {
  double n = 0, avg = 0, m2 = 0, m3 = 0, m4 = 0;

  void Add(double x) {
    const double new_n = n + 1.0;
    const double delta = x - avg;
    const double delta_n = delta / new_n;
    const double delta2 = delta * delta, delta_n2 = delta_n * delta_n;
    const double new_m2 = m2 + delta * (delta - delta_n);
    const double new_m3 = m3 - 3.0 * delta_n * new_m2 + delta * (delta2 - delta_n2);
    m4 = m4 - 4.0 * delta_n * new_m3 - 6.0 * delta_n2 * new_m2 +
         delta * (delta * delta2 - delta_n * delta_n2);
    m3 = new_m3;
    m2 = new_m2;
    avg += delta_n;
    n = new_n;
  }
  void Merge(const Moments& o) {
    const double n1 = n, n2 = o.n, new_n = n1 + n2;
    const double delta = o.avg - avg;
    const double delta_n = new_n == 0.0 ? 0.0 : delta / new_n;
    const double new_m2 = m2 + o.m2 + delta * delta_n * n1 * n2;
    const double new_m3 = m3 + o.m3 + delta_n * delta_n * delta * n1 * n2 * (n1 - n2) +
                          3.0 * delta_n * (n1 * o.m2 - n2 * m2);
    m4 = m4 + o.m4 + delta_n * delta_n * delta_n * delta * n1 * n2 * (n1 * n1 - n1 * n2 + n2 * n2) +
         6.0 * delta_n * delta_n * (n1 * n1 * o.m2 + n2 * n2 * m2) +
         4.0 * delta_n * (n1 * o.m3 - n2 * m3);
    m3 = new_m3;
    m2 = new_m2;
    avg += delta_n * n2;
    n = new_n;
  }
};

// Co-moments of (x, y) pairs: means, the co-moment ck and each side's M2.
struct CoMoments {
  double n = 0, x_avg = 0, y_avg = 0, ck = 0, x_mk = 0, y_mk = 0;

  void Add(double x, double y) {
    const double new_n = n + 1.0;
    const double dx = x - x_avg, dy = y - y_avg;
    const double new_x_avg = x_avg + dx / new_n, new_y_avg = y_avg + dy / new_n;
    ck += dx * (y - new_y_avg);
    x_mk += dx * (x - new_x_avg);
    y_mk += dy * (y - new_y_avg);
    x_avg = new_x_avg;
    y_avg = new_y_avg;
    n = new_n;
  }
  void Merge(const CoMoments& o) {
    const double n1 = n, n2 = o.n, new_n = n1 + n2;
    const double dx = o.x_avg - x_avg, dy = o.y_avg - y_avg;
    const double dx_n = new_n == 0.0 ? 0.0 : dx / new_n;
    const double dy_n = new_n == 0.0 ? 0.0 : dy / new_n;
    x_avg += dx_n * n2;
    y_avg += dy_n * n2;
    ck += o.ck + dx * dy_n * n1 * n2;
    x_mk += o.x_mk + dx * dx_n * n1 * n2;
    y_mk += o.y_mk + dy * dy_n * n1 * n2;
    n = new_n;
  }
};

// Unary statistics first; then those of (x, y) pairs; then regr_* over (y, x) pairs, whose
// CoMoments therefore hold y's M2 in x_mk and x's in y_mk.
enum class Stat {
  kStddevSamp,
  kStddevPop,
  kVarSamp,
  kVarPop,
  kSkewness,
  kKurtosis,
  kCovarSamp,
  kCovarPop,
  kCorr,
  kRegrR2,
  kRegrSxx,
  kRegrSyy,
  kRegrSxy,
  kRegrSlope,
  kRegrIntercept,
};

bool Unary(Stat s) { return s <= Stat::kKurtosis; }

std::optional<double> Evaluate(Stat s, const Moments& m, const CoMoments& c) {
  switch (s) {
    case Stat::kStddevSamp:
    case Stat::kVarSamp:
      if (m.n == 0.0 || m.n == 1.0) return std::nullopt;
      return s == Stat::kVarSamp ? m.m2 / (m.n - 1.0) : std::sqrt(m.m2 / (m.n - 1.0));
    case Stat::kStddevPop:
    case Stat::kVarPop:
      if (m.n == 0.0) return std::nullopt;
      return s == Stat::kVarPop ? m.m2 / m.n : std::sqrt(m.m2 / m.n);
    case Stat::kSkewness:
      if (m.n == 0.0 || m.m2 == 0.0) return std::nullopt;
      return std::sqrt(m.n) * m.m3 / std::sqrt(m.m2 * m.m2 * m.m2);
    case Stat::kKurtosis:
      if (m.n == 0.0 || m.m2 == 0.0) return std::nullopt;
      return m.n * m.m4 / (m.m2 * m.m2) - 3.0;
    case Stat::kCovarSamp:
      if (c.n == 0.0 || c.n == 1.0) return std::nullopt;
      return c.ck / (c.n - 1.0);
    case Stat::kCovarPop:
      if (c.n == 0.0) return std::nullopt;
      return c.ck / c.n;
    case Stat::kCorr: {
      // Spark divides with its `/`, which gives NULL for a zero divisor (one side constant).
      const double divisor = std::sqrt(c.x_mk * c.y_mk);
      if (c.n == 0.0 || c.n == 1.0 || divisor == 0.0) return std::nullopt;
      return c.ck / divisor;
    }
    case Stat::kRegrR2: {
      if (c.n == 0.0 || c.x_mk == 0.0) return std::nullopt;
      if (c.y_mk == 0.0) return 1.0;
      const double corr = c.ck / std::sqrt(c.x_mk * c.y_mk);
      return corr * corr;
    }
    case Stat::kRegrSxx:
      if (c.n == 0.0) return std::nullopt;
      return c.y_mk;
    case Stat::kRegrSyy:
      if (c.n == 0.0) return std::nullopt;
      return c.x_mk;
    case Stat::kRegrSxy:
      if (c.n == 0.0) return std::nullopt;
      return c.ck;
    case Stat::kRegrSlope:
      if (c.y_mk == 0.0) return std::nullopt;
      return c.ck / c.y_mk;
    case Stat::kRegrIntercept:
      if (c.y_mk == 0.0) return std::nullopt;
      return c.x_avg - c.ck / c.y_mk * c.y_avg;
  }
  return std::nullopt;
}

class StatState : public AggregateState {
 public:
  explicit StatState(Stat stat) : stat_(stat) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override {
    if (Unary(stat_))
      moments_.Add(args[0]->data<double>()[row]);
    else
      co_.Add(args[0]->data<double>()[row], args[1]->data<double>()[row]);
  }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const StatState&>(other);
    moments_.Merge(o.moments_);
    co_.Merge(o.co_);
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    std::optional<double> v = Evaluate(stat_, moments_, co_);
    if (v)
      Set<double>(out, row, *v);
    else
      out.SetNull(row);
    return Status::OK();
  }

 private:
  Stat stat_;
  Moments moments_;
  CoMoments co_;
};

bool CastsToDouble(const LogicalType& t) {
  return t.IsNumeric() || t.id() == TypeId::kString || t.id() == TypeId::kNull;
}

void AddStat(FunctionRegistry& r, const std::string& name, Stat stat, const std::string& usage) {
  r.Add(AggregateFunction{
      name, usage,
      [name, stat](const FunctionContext&, const std::vector<BindArgument>& args,
                   const AggregateCallInfo&) -> Result<BoundAggregate> {
        const size_t arity = Unary(stat) ? 1 : 2;
        if (args.size() != arity)
          return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + name +
                                 "` requires " + std::to_string(arity) +
                                 " parameters but the actual number is " +
                                 std::to_string(args.size()) + ".");
        for (size_t i = 0; i < args.size(); ++i) {
          if (!CastsToDouble(args[i].type))
            return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Parameter " +
                                   std::to_string(i + 1) + " of `" + name +
                                   "` requires the \"DOUBLE\" type, however it has the type \"" +
                                   args[i].type.ToString() + "\".");
        }
        BoundAggregate b;
        b.argument_types.assign(arity, LogicalType(TypeId::kDouble));
        b.return_type = TypeId::kDouble;
        b.make_state = [stat] { return std::make_unique<StatState>(stat); };
        return b;
      }});
}

}  // namespace

void RegisterStatisticalAggregates(FunctionRegistry& r) {
  const std::string samp_sd =
      "(expr) - Returns the sample standard deviation calculated from values of a group.";
  const std::string samp_var =
      "(expr) - Returns the sample variance calculated from values of a group.";
  for (const char* n : {"stddev_samp", "stddev", "std"})
    AddStat(r, n, Stat::kStddevSamp, n + samp_sd);
  AddStat(r, "stddev_pop", Stat::kStddevPop,
          "stddev_pop(expr) - Returns the population standard deviation calculated from values "
          "of a group.");
  for (const char* n : {"var_samp", "variance"}) AddStat(r, n, Stat::kVarSamp, n + samp_var);
  AddStat(r, "var_pop", Stat::kVarPop,
          "var_pop(expr) - Returns the population variance calculated from values of a group.");
  AddStat(r, "skewness", Stat::kSkewness,
          "skewness(expr) - Returns the skewness value calculated from values of a group.");
  AddStat(r, "kurtosis", Stat::kKurtosis,
          "kurtosis(expr) - Returns the kurtosis value calculated from values of a group.");
  AddStat(r, "covar_samp", Stat::kCovarSamp,
          "covar_samp(expr1, expr2) - Returns the sample covariance of a set of number pairs.");
  AddStat(r, "covar_pop", Stat::kCovarPop,
          "covar_pop(expr1, expr2) - Returns the population covariance of a set of number "
          "pairs.");
  AddStat(r, "corr", Stat::kCorr,
          "corr(expr1, expr2) - Returns Pearson coefficient of correlation between a set of "
          "number pairs.");
  const std::string pairs =
      " for non-null pairs in a group, where `y` is the dependent variable "
      "and `x` is the independent variable.";
  AddStat(r, "regr_r2", Stat::kRegrR2,
          "regr_r2(y, x) - Returns the coefficient of determination" + pairs);
  AddStat(r, "regr_sxx", Stat::kRegrSxx,
          "regr_sxx(y, x) - Returns REGR_COUNT(y, x) * VAR_POP(x)" + pairs);
  AddStat(r, "regr_syy", Stat::kRegrSyy,
          "regr_syy(y, x) - Returns REGR_COUNT(y, x) * VAR_POP(y)" + pairs);
  AddStat(r, "regr_sxy", Stat::kRegrSxy,
          "regr_sxy(y, x) - Returns REGR_COUNT(y, x) * COVAR_POP(y, x)" + pairs);
  AddStat(r, "regr_slope", Stat::kRegrSlope,
          "regr_slope(y, x) - Returns the slope of the linear regression line" + pairs);
  AddStat(r, "regr_intercept", Stat::kRegrIntercept,
          "regr_intercept(y, x) - Returns the intercept of the univariate linear regression "
          "line" +
              pairs);
}

}  // namespace sluice::functions
