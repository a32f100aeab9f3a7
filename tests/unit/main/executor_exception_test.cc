// An exception thrown while a query runs (here by a table source, on a pool thread or the
// driving one) fails the query with an error, gives back every reservation, and leaves the
// pool working.
#include <gtest/gtest.h>

#include <new>
#include <stdexcept>

#include "exec/executor.h"
#include "memory/memory_tracker.h"
#include "plan/table_source.h"

namespace sluice::exec {
namespace {

const types::TimeZone kUtc = types::TimeZone::Utc();
const std::vector<types::Field> kFields = {{"id", types::TypeId::kBigInt, false}};

// 64 morsels of one batch of ids; morsel `throw_at` throws `Error` instead (none: -1).
template <typename Error>
class ThrowingSource : public plan::TableSource, public plan::TableScan {
 public:
  explicit ThrowingSource(int throw_at) : throw_at_(throw_at), schema_(kFields) {}
  const types::Schema& schema() const override { return schema_; }
  std::string description() const override { return "throwing"; }
  Result<std::unique_ptr<plan::TableScan>> OpenScan(
      const functions::FunctionContext&, const std::vector<size_t>&,
      const std::vector<plan::ExprPtr>&) const override {
    return std::unique_ptr<plan::TableScan>(std::make_unique<ThrowingSource>(throw_at_));
  }
  size_t morsel_count() const override { return 64; }
  Status ReadMorsel(size_t i, const plan::BatchConsumer& consume) override {
    if (static_cast<int>(i) == throw_at_) throw Error("morsel failed");
    SLUICE_ASSIGN_OR_RAISE(
        vector::Batch batch,
        vector::Batch::Make(std::make_shared<const types::Schema>(kFields), vector::kVectorSize));
    for (size_t r = 0; r < vector::kVectorSize; ++r)
      batch.column(0).data<int64_t>()[r] = static_cast<int64_t>(i * vector::kVectorSize + r);
    batch.set_num_rows(vector::kVectorSize);
    return consume(batch);
  }
  Status Finish() override { return Status::OK(); }

 private:
  int throw_at_;
  types::Schema schema_;
};

plan::OperatorPtr Scan(std::shared_ptr<const plan::TableSource> source) {
  auto op = std::make_shared<plan::LogicalOperator>();
  op->type = plan::OperatorType::kScan;
  op->source = std::move(source);
  op->scan_columns = {0};
  op->output = kFields;
  return op;
}

// UNION ALL of the two, so that both run at once.
plan::OperatorPtr UnionAll(plan::OperatorPtr left, plan::OperatorPtr right) {
  auto op = std::make_shared<plan::LogicalOperator>();
  op->type = plan::OperatorType::kSetOperation;
  op->set_kind = plan::SetOperationKind::kUnion;
  op->set_all = true;
  op->output = kFields;
  op->children = {std::move(left), std::move(right)};
  return op;
}

Result<size_t> RunAndCount(const plan::LogicalOperator& plan) {
  functions::FunctionContext ctx;
  ctx.zone = &kUtc;
  Executor executor(ctx);
  Result<BatchStore> rows = executor.Run(plan);
  EXPECT_EQ(executor.memory().used(), 0);
  if (!rows.ok()) return rows.status();
  return rows->row_count();
}

TEST(ExecutorExceptionTest, ExceptionsInAnyMorselFailTheQuery) {
  const int64_t process_before = memory::MemoryTracker::Process().used();
  for (int at : {0, 1, 40, 63}) {
    Result<size_t> n = RunAndCount(*Scan(std::make_shared<ThrowingSource<std::runtime_error>>(at)));
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.status().code(), StatusCode::kInternal);
    EXPECT_NE(n.status().message().find("morsel failed"), std::string::npos);

    struct OutOfMemory : std::bad_alloc {
      explicit OutOfMemory(const char*) {}
    };
    n = RunAndCount(*Scan(std::make_shared<ThrowingSource<OutOfMemory>>(at)));
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.status().code(), StatusCode::kOutOfMemory) << n.status().ToString();
  }
  EXPECT_EQ(memory::MemoryTracker::Process().used(), process_before);
}

TEST(ExecutorExceptionTest, AnExceptionInOneInputFailsTheQueryAndThePoolGoesOn) {
  auto good = std::make_shared<ThrowingSource<std::runtime_error>>(-1);
  auto bad = std::make_shared<ThrowingSource<std::runtime_error>>(30);
  Result<size_t> n = RunAndCount(*UnionAll(Scan(good), Scan(bad)));
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.status().message().find("morsel failed"), std::string::npos);
  n = RunAndCount(*UnionAll(Scan(bad), Scan(good)));
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.status().message().find("morsel failed"), std::string::npos);

  n = RunAndCount(*UnionAll(Scan(good), Scan(good)));
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 2 * 64 * vector::kVectorSize);
}

}  // namespace
}  // namespace sluice::exec
