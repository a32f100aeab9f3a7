#include "functions/function_registry.h"

#include <algorithm>

#include "common/check.h"
#include "common/text.h"
#include "functions/binder_functions.h"

namespace sluice::functions {

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
    RegisterCountMinSketchAggregate(*r);
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
    RegisterJsonFunctions(*r);
    RegisterJsonQueryFunctions(*r);
    RegisterCsvTextFunctions(*r);
    return r;
  }();
  return *registry;
}

void FunctionRegistry::Add(ScalarFunction f) {
  std::string name = AsciiLower(f.name);
  scalars_[name] = std::move(f);
}

void FunctionRegistry::Add(AggregateFunction f) {
  std::string name = AsciiLower(f.name);
  aggregates_[name] = std::move(f);
}

void FunctionRegistry::AddAlias(std::string_view alias, std::string_view name) {
  if (auto it = scalars_.find(AsciiLower(name)); it != scalars_.end()) {
    ScalarFunction copy = it->second;
    copy.name = AsciiLower(alias);
    scalars_[copy.name] = std::move(copy);
    return;
  }
  auto it = aggregates_.find(AsciiLower(name));
  SLUICE_CHECK(it != aggregates_.end());
  AggregateFunction copy = it->second;
  copy.name = AsciiLower(alias);
  aggregates_[copy.name] = std::move(copy);
}

const ScalarFunction* FunctionRegistry::FindScalar(std::string_view name) const {
  auto it = scalars_.find(AsciiLower(name));
  return it == scalars_.end() ? nullptr : &it->second;
}

const AggregateFunction* FunctionRegistry::FindAggregate(std::string_view name) const {
  auto it = aggregates_.find(AsciiLower(name));
  return it == aggregates_.end() ? nullptr : &it->second;
}

std::vector<std::string> FunctionRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, f] : scalars_) names.push_back(name);
  for (const auto& [name, f] : aggregates_) names.push_back(name);
  for (const BinderFunction& f : BinderFunctions()) names.emplace_back(f.name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::optional<std::string> FunctionRegistry::Usage(std::string_view name) const {
  const std::string lower = AsciiLower(name);
  if (const ScalarFunction* f = FindScalar(lower)) return f->usage;
  if (const AggregateFunction* f = FindAggregate(lower)) return f->usage;
  for (const BinderFunction& f : BinderFunctions())
    if (f.name == lower) return std::string(f.usage);
  return std::nullopt;
}

std::vector<std::string> FunctionRegistry::Suggest(std::string_view name) const {
  const std::string lower = AsciiLower(name);
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
