// Functions about the session and the execution rather than values: typeof, current_catalog,
// current_database / current_schema, current_user, version, input_file_name and its block
// offsets (empty and -1: Sluice does not track them per row yet), spark_partition_id and
// monotonically_increasing_id (one partition: 0, and 0, 1, 2, ... in the order rows reach
// the expression).
#include <atomic>
#include <cstdlib>
#include <memory>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/math_function_util.h"
#include "types/catalog_string.h"

namespace sluice::functions {

using types::TypeId;

namespace {

Result<BoundScalar> BindTypeOf(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("typeof", args, 1, 1));
  BoundScalar bound;
  bound.argument_types = {args[0].type};
  bound.return_type = TypeId::kString;
  const std::string name = types::CatalogString(args[0].type);
  bound.kernel = [name](const FunctionContext&, const std::vector<const vector::Vector*>&,
                        size_t rows, vector::Vector& out) {
    for (size_t row = 0; row < rows; ++row) Set<std::string_view>(out, row, name);
    return Status::OK();
  };
  return bound;
}

Result<BoundScalar> BindMonotonicallyIncreasingId(const FunctionContext&,
                                                  const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("monotonically_increasing_id", args, 0, 0));
  auto next = std::make_shared<std::atomic<int64_t>>(0);
  BoundScalar bound;
  bound.return_type = TypeId::kBigInt;
  bound.deterministic = false;
  bound.kernel = [next](const FunctionContext&, const std::vector<const vector::Vector*>&,
                        size_t rows, vector::Vector& out) {
    const int64_t first = next->fetch_add(static_cast<int64_t>(rows));
    for (size_t row = 0; row < rows; ++row)
      Set<int64_t>(out, row, first + static_cast<int64_t>(row));
    return Status::OK();
  };
  return bound;
}

// The session's database when the query is bound (a constant of the query, as in Spark).
Result<BoundScalar> BindCurrentDatabase(const FunctionContext& ctx,
                                        const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("current_database", args, 0, 0));
  BoundScalar bound;
  bound.return_type = TypeId::kString;
  bound.kernel = [name = ctx.current_database](const FunctionContext&,
                                               const std::vector<const vector::Vector*>&,
                                               size_t rows, vector::Vector& out) {
    for (size_t row = 0; row < rows; ++row) Set<std::string_view>(out, row, name);
    return Status::OK();
  };
  return bound;
}

}  // namespace

void RegisterMiscFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"typeof",
                       "typeof(expr) - Return DDL-formatted type string for the data "
                       "type of the input.",
                       BindTypeOf});
  const char* user = std::getenv("USER");
  r.Add(ConstantFunction<std::string>("current_user", TypeId::kString, user != nullptr ? user : "",
                                      "current_user() - user name of current execution "
                                      "context."));
  r.AddAlias("user", "current_user");
  r.AddAlias("session_user", "current_user");
  r.Add(ConstantFunction<std::string>("current_catalog", TypeId::kString, "spark_catalog",
                                      "current_catalog() - Returns the current catalog."));
  r.Add(ScalarFunction{"current_database", "current_database() - Returns the current database.",
                       BindCurrentDatabase});
  r.AddAlias("current_schema", "current_database");
  r.Add(ConstantFunction<std::string>(
      "version", TypeId::kString, "3.5.0 sluice-" SLUICE_VERSION,
      "version() - Returns the Spark version this engine follows and its own version."));
  r.Add(ConstantFunction<std::string>(
      "input_file_name", TypeId::kString, "",
      "input_file_name() - Returns the name of the file being read, or empty string if not "
      "available."));
  r.Add(ConstantFunction<int64_t>("input_file_block_start", TypeId::kBigInt, -1,
                                  "input_file_block_start() - Returns the start offset of the "
                                  "block being read, or -1 if not available."));
  r.Add(ConstantFunction<int64_t>("input_file_block_length", TypeId::kBigInt, -1,
                                  "input_file_block_length() - Returns the length of the block "
                                  "being read, or -1 if not available."));
  r.Add(ConstantFunction<int32_t>("spark_partition_id", TypeId::kInt, 0,
                                  "spark_partition_id() - Returns the current partition id."));
  r.Add(ScalarFunction{"monotonically_increasing_id",
                       "monotonically_increasing_id() - Returns monotonically increasing 64-bit "
                       "integers.",
                       BindMonotonicallyIncreasingId});
}

}  // namespace sluice::functions
