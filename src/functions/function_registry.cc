#include "functions/function_registry.h"

#include <algorithm>

#include "common/check.h"

namespace sluice::functions {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

const FunctionRegistry& FunctionRegistry::Builtin() {
  static const FunctionRegistry* registry = [] {
    auto* r = new FunctionRegistry();
    RegisterArithmeticFunctions(*r);
    RegisterComparisonFunctions(*r);
    RegisterBasicAggregates(*r);
    RegisterSelectionAggregates(*r);
    RegisterLogicalAggregates(*r);
    RegisterCollectAggregates(*r);
    RegisterStatisticalAggregates(*r);
    RegisterPercentileAggregates(*r);
    RegisterApproxDistinctAggregates(*r);
    RegisterHistogramAggregates(*r);
    RegisterStringFunctions(*r);
    RegisterStringSearchFunctions(*r);
    RegisterStringEncodingFunctions(*r);
    RegisterStringFormatFunctions(*r);
    RegisterStringNumberFormatFunctions(*r);
    RegisterLikeFunctions(*r);
    RegisterRegexpFunctions(*r);
    RegisterMathFunctions(*r);
    RegisterRoundingFunctions(*r);
    RegisterBitwiseFunctions(*r);
    RegisterRadixFunctions(*r);
    RegisterRandomFunctions(*r);
    RegisterConditionalFunctions(*r);
    RegisterMiscFunctions(*r);
    RegisterHashFunctions(*r);
    RegisterArrayFunctions(*r);
    RegisterArrayAccessFunctions(*r);
    RegisterArraySetFunctions(*r);
    RegisterArraySequence(*r);
    RegisterMapFunctions(*r);
    RegisterStructFunctions(*r);
    RegisterDatetimeFunctions(*r);
    RegisterDatetimeFormatFunctions(*r);
    RegisterIntervalFunctions(*r);
    return r;
  }();
  return *registry;
}

void FunctionRegistry::Add(ScalarFunction f) {
  std::string name = Lower(f.name);
  scalars_[name] = std::move(f);
}

void FunctionRegistry::Add(AggregateFunction f) {
  std::string name = Lower(f.name);
  aggregates_[name] = std::move(f);
}

void FunctionRegistry::AddAlias(std::string_view alias, std::string_view name) {
  if (auto it = scalars_.find(Lower(name)); it != scalars_.end()) {
    ScalarFunction copy = it->second;
    copy.name = Lower(alias);
    scalars_[copy.name] = std::move(copy);
    return;
  }
  auto it = aggregates_.find(Lower(name));
  SLUICE_CHECK(it != aggregates_.end());
  AggregateFunction copy = it->second;
  copy.name = Lower(alias);
  aggregates_[copy.name] = std::move(copy);
}

const ScalarFunction* FunctionRegistry::FindScalar(std::string_view name) const {
  auto it = scalars_.find(Lower(name));
  return it == scalars_.end() ? nullptr : &it->second;
}

const AggregateFunction* FunctionRegistry::FindAggregate(std::string_view name) const {
  auto it = aggregates_.find(Lower(name));
  return it == aggregates_.end() ? nullptr : &it->second;
}

std::vector<std::string> FunctionRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, f] : scalars_) names.push_back(name);
  for (const auto& [name, f] : aggregates_) names.push_back(name);
  for (const char* w : {"row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile",
                        "lag", "lead", "first_value", "last_value", "nth_value"})
    names.emplace_back(w);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<std::string> FunctionRegistry::Suggest(std::string_view name) const {
  const std::string lower = Lower(name);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const std::string& n : Names()) scored.emplace_back(EditDistance(lower, n), n);
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, n] : scored) {
    if (out.size() == 3 || d > std::max<size_t>(2, lower.size() / 3)) break;
    out.push_back(n);
  }
  return out;
}

}  // namespace sluice::functions
