// count_min_sketch(x, eps, confidence, seed): Spark's CountMinSketchImpl, serialized as its
// writeTo does (big-endian: version 1, total count, depth, width, the depth row hashes, then
// the table row by row). Width ceil(2 / eps), depth ceil(-log(1 - confidence) / log 2), row
// hashes from java.util.Random(seed).nextInt(Integer.MAX_VALUE); integers go to a bucket by
// the row hash modulo 2^31 - 1, strings and binaries by Spark's Murmur3 double hashing.
#include <cmath>
#include <cstdint>

#include "functions/function_registry.h"
#include "functions/java_random.h"
#include "functions/kernel_util.h"
#include "functions/numeric_as_double.h"
#include "functions/spark_murmur3.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

struct SketchShape {
  int32_t depth = 0, width = 0;
  std::vector<int64_t> hash_a;
};

class CountMinSketchState : public AggregateState {
 public:
  explicit CountMinSketchState(std::shared_ptr<const SketchShape> shape)
      : shape_(std::move(shape)),
        table_(static_cast<size_t>(shape_->depth) * static_cast<size_t>(shape_->width), 0) {}

  void Update(const std::vector<const Vector*>& args, size_t row) override {
    const Vector& v = *args[0];
    const int32_t width = shape_->width;
    if (v.type().id() == TypeId::kString || v.type().id() == TypeId::kBinary) {
      const std::string_view s = v.data<vector::StringRef>()[row].view();
      const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
      const auto h1 = static_cast<int32_t>(Murmur3::Bytes(bytes, s.size(), 0));
      const auto h2 = static_cast<int32_t>(Murmur3::Bytes(bytes, s.size(), h1));
      for (int32_t i = 0; i < shape_->depth; ++i) {
        // Java int arithmetic: wraps, and % keeps the dividend's sign.
        const auto combined = static_cast<int32_t>(
            static_cast<uint32_t>(h1) + static_cast<uint32_t>(i) * static_cast<uint32_t>(h2));
        Add(i, std::abs(combined % width));
      }
    } else {
      const int64_t item = GetIntegral(v, row);
      for (int32_t i = 0; i < shape_->depth; ++i) {
        // Java's long arithmetic wraps: unsigned here (>> on the signed value, as Java's).
        const auto product = static_cast<int64_t>(static_cast<uint64_t>(shape_->hash_a[i]) *
                                                  static_cast<uint64_t>(item));
        const uint64_t hash =
            (static_cast<uint64_t>(product) + static_cast<uint64_t>(product >> 32)) &
            ((uint64_t{1} << 31) - 1);
        Add(i, static_cast<int32_t>(hash) % width);
      }
    }
    ++total_;
  }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const CountMinSketchState&>(other);
    for (size_t i = 0; i < table_.size(); ++i) table_[i] += o.table_[i];
    total_ += o.total_;
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    std::string bytes;
    auto put = [&bytes](uint64_t v, int n) {
      for (int i = n - 1; i >= 0; --i) bytes += static_cast<char>((v >> (8 * i)) & 0xff);
    };
    put(1, 4);  // version
    put(static_cast<uint64_t>(total_), 8);
    put(static_cast<uint32_t>(shape_->depth), 4);
    put(static_cast<uint32_t>(shape_->width), 4);
    for (int64_t a : shape_->hash_a) put(static_cast<uint64_t>(a), 8);
    for (int64_t c : table_) put(static_cast<uint64_t>(c), 8);
    Set(out, row, std::string_view(bytes));
    return Status::OK();
  }

 private:
  void Add(int32_t depth_row, int32_t bucket) {
    ++table_[static_cast<size_t>(depth_row) * static_cast<size_t>(shape_->width) +
             static_cast<size_t>(bucket)];
  }

  std::shared_ptr<const SketchShape> shape_;
  std::vector<int64_t> table_;
  int64_t total_ = 0;
};

Result<BoundAggregate> BindCountMinSketch(const std::vector<BindArgument>& args) {
  if (args.size() != 4)
    return Status::Invalid(
        "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `count_min_sketch` requires 4 parameters but "
        "the actual number is " +
        std::to_string(args.size()) + ".");
  const TypeId id = args[0].type.id();
  const bool integral = id == TypeId::kTinyInt || id == TypeId::kSmallInt || id == TypeId::kInt ||
                        id == TypeId::kBigInt;
  if (!integral && id != TypeId::kString && id != TypeId::kBinary && id != TypeId::kNull)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Parameter 1 of count_min_sketch requires an "
        "integral, string or binary type, however it has the type \"" +
        args[0].type.ToString() + "\".");
  for (size_t i = 1; i < 4; ++i)
    if (args[i].constant == nullptr || !args[i].type.IsNumeric() || args[i].constant->IsNull(0))
      return Status::Invalid(
          "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] The eps, confidence or seed of "
          "count_min_sketch must be numeric literals.");
  const double eps = NumericAsDouble(*args[1].constant, 0);
  const double confidence = NumericAsDouble(*args[2].constant, 0);
  if (!(eps > 0))
    return Status::Invalid(
        "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] The relative error eps of count_min_sketch "
        "must be positive.");
  if (!(confidence > 0 && confidence < 1))
    return Status::Invalid(
        "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] The confidence of count_min_sketch must be "
        "between 0.0 and 1.0 (exclusive).");
  auto shape = std::make_shared<SketchShape>();
  shape->width = static_cast<int32_t>(std::ceil(2 / eps));
  shape->depth = static_cast<int32_t>(std::ceil(-std::log(1 - confidence) / std::log(2.0)));
  JavaRandom random(static_cast<int32_t>(NumericAsDouble(*args[3].constant, 0)));
  for (int32_t i = 0; i < shape->depth; ++i) shape->hash_a.push_back(random.NextInt(INT32_MAX));
  BoundAggregate b;
  b.argument_types = {id == TypeId::kNull ? LogicalType(TypeId::kString) : args[0].type,
                      args[1].type, args[2].type, args[3].type};
  b.return_type = TypeId::kBinary;
  std::shared_ptr<const SketchShape> shared = std::move(shape);
  b.make_state = [shared] { return std::make_unique<CountMinSketchState>(shared); };
  return b;
}

}  // namespace

void RegisterCountMinSketchAggregate(FunctionRegistry& r) {
  r.Add(AggregateFunction{
      "count_min_sketch",
      "count_min_sketch(col, eps, confidence, seed) - Returns a count-min sketch of a column "
      "with the given esp, confidence and seed, as Spark serializes it (binary).",
      [](const FunctionContext&, const std::vector<BindArgument>& args, const AggregateCallInfo&) {
        return BindCountMinSketch(args);
      }});
}

}  // namespace sluice::functions
