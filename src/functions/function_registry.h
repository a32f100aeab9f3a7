// FunctionRegistry: the built-in scalar and aggregate functions by name (Spark's names,
// looked up ignoring case), for the binder, SHOW FUNCTIONS and DESCRIBE FUNCTION.
// Built once; read-only afterwards: thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "functions/aggregate_function.h"
#include "functions/scalar_function.h"

namespace sluice::functions {

class FunctionRegistry {
 public:
  static const FunctionRegistry& Builtin();

  void Add(ScalarFunction f);
  void Add(AggregateFunction f);
  // Another name for an existing function (Spark's aliases: substr -> substring).
  void AddAlias(std::string_view alias, std::string_view name);

  const ScalarFunction* FindScalar(std::string_view name) const;
  const AggregateFunction* FindAggregate(std::string_view name) const;
  // Every name, sorted (SHOW FUNCTIONS); includes the functions the binder builds itself
  // (binder_functions.h).
  std::vector<std::string> Names() const;
  // The usage line of any of those names (DESCRIBE FUNCTION), or none for an unknown name.
  std::optional<std::string> Usage(std::string_view name) const;
  // The closest registered names to `name` (for "did you mean").
  std::vector<std::string> Suggest(std::string_view name) const;

 private:
  std::map<std::string, ScalarFunction, std::less<>> scalars_;
  std::map<std::string, AggregateFunction, std::less<>> aggregates_;
};

// One per family file; Builtin() calls them all.
void RegisterArithmeticFunctions(FunctionRegistry& r);
void RegisterComparisonFunctions(FunctionRegistry& r);
void RegisterBasicAggregates(FunctionRegistry& r);
void RegisterSelectionAggregates(FunctionRegistry& r);
void RegisterLogicalAggregates(FunctionRegistry& r);
void RegisterCollectAggregates(FunctionRegistry& r);
void RegisterStatisticalAggregates(FunctionRegistry& r);
void RegisterPercentileAggregates(FunctionRegistry& r);
void RegisterApproxDistinctAggregates(FunctionRegistry& r);
void RegisterCountMinSketchAggregate(FunctionRegistry& r);
void RegisterHistogramAggregates(FunctionRegistry& r);
void RegisterStringFunctions(FunctionRegistry& r);
void RegisterStringSearchFunctions(FunctionRegistry& r);
void RegisterStringEncodingFunctions(FunctionRegistry& r);
void RegisterStringFormatFunctions(FunctionRegistry& r);
void RegisterStringNumberFormatFunctions(FunctionRegistry& r);
void RegisterLikeFunctions(FunctionRegistry& r);
void RegisterRegexpFunctions(FunctionRegistry& r);
void RegisterMathFunctions(FunctionRegistry& r);
void RegisterRoundingFunctions(FunctionRegistry& r);
void RegisterBitwiseFunctions(FunctionRegistry& r);
void RegisterRadixFunctions(FunctionRegistry& r);
void RegisterRandomFunctions(FunctionRegistry& r);
void RegisterConditionalFunctions(FunctionRegistry& r);
void RegisterMiscFunctions(FunctionRegistry& r);
void RegisterHashFunctions(FunctionRegistry& r);
// After the string functions: chains the ARRAY forms of concat and reverse onto theirs.
void RegisterArrayFunctions(FunctionRegistry& r);
void RegisterArrayAccessFunctions(FunctionRegistry& r);
void RegisterArraySetFunctions(FunctionRegistry& r);
void RegisterArraySequence(FunctionRegistry& r);
void RegisterMapFunctions(FunctionRegistry& r);
void RegisterStructFunctions(FunctionRegistry& r);
void RegisterDatetimeFunctions(FunctionRegistry& r);
void RegisterDatetimeFormatFunctions(FunctionRegistry& r);
void RegisterIntervalFunctions(FunctionRegistry& r);
void RegisterJsonFunctions(FunctionRegistry& r);
void RegisterJsonQueryFunctions(FunctionRegistry& r);
void RegisterCsvTextFunctions(FunctionRegistry& r);

}  // namespace sluice::functions
