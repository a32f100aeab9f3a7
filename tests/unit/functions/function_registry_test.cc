// The registry's names: every function issue 8 names is listed by SHOW FUNCTIONS with a usage
// line for DESCRIBE FUNCTION, whether registered or built by the binder.
#include "functions/function_registry.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "functions/binder_functions.h"

namespace sluice::functions {
namespace {

TEST(FunctionRegistryTest, ListsEveryFunctionWithAUsage) {
  const FunctionRegistry& registry = FunctionRegistry::Builtin();
  const std::vector<std::string> names = registry.Names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
  for (const std::string& name : names) {
    const std::optional<std::string> usage = registry.Usage(name);
    ASSERT_TRUE(usage.has_value()) << name;
    EXPECT_FALSE(usage->empty()) << name;
  }
  for (const char* name : {"coalesce",
                           "nvl",
                           "nvl2",
                           "nullif",
                           "if",
                           "ifnull",
                           "isnull",
                           "isnotnull",
                           "explode",
                           "explode_outer",
                           "posexplode",
                           "inline",
                           "filter",
                           "transform",
                           "exists",
                           "forall",
                           "aggregate",
                           "reduce",
                           "zip_with",
                           "map_filter",
                           "transform_keys",
                           "transform_values",
                           "row_number",
                           "lag",
                           "nth_value",
                           "grouping_id",
                           "abs",
                           "count",
                           "json_tuple"})
    EXPECT_TRUE(std::binary_search(names.begin(), names.end(), name)) << name;
  EXPECT_FALSE(registry.Usage("no_such_function").has_value());
}

// A binder function is not also registered: DESCRIBE FUNCTION would have two usages.
TEST(FunctionRegistryTest, BinderFunctionsAreNotRegistered) {
  const FunctionRegistry& registry = FunctionRegistry::Builtin();
  for (const BinderFunction& f : BinderFunctions()) {
    EXPECT_EQ(registry.FindScalar(f.name), nullptr) << f.name;
    EXPECT_EQ(registry.FindAggregate(f.name), nullptr) << f.name;
  }
}

}  // namespace
}  // namespace sluice::functions
