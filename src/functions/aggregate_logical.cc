// Boolean and bitwise aggregates: count_if, bool_and (every), bool_or (some, any),
// bit_and/bit_or/bit_xor (integral types, the input type back) and product (DOUBLE).
// All skip NULLs; without input rows count_if is 0 and the others NULL.
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/numeric_dispatch.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

Status RequireType(const std::string& name, const std::vector<BindArgument>& args, bool ok,
                   const char* required) {
  if (args.size() != 1)
    return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + name +
                           "` requires 1 parameters but the actual number is " +
                           std::to_string(args.size()) + ".");
  if (!ok)
    return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Parameter 1 of `" + name +
                           "` requires the " + required + " type, however it has the type \"" +
                           args[0].type.ToString() + "\".");
  return Status::OK();
}

// Folds each value into an int64 (bools as 0/1) with `op`; `empty` is the identity.
enum class Fold { kCountIf, kAnd, kOr, kBitAnd, kBitOr, kBitXor };

class FoldState : public AggregateState {
 public:
  explicit FoldState(Fold fold) : fold_(fold) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override {
    const Vector& v = *args[0];
    const int64_t x = DispatchFixedWidth(v.type().id(), [&]<typename T>() -> int64_t {
      if constexpr (std::is_same_v<T, types::Int128> || std::is_floating_point_v<T>) {
        return 0;  // not bound to these types
      } else {
        return static_cast<int64_t>(v.data<T>()[row]);
      }
    });
    Add(x, 1);
  }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const FoldState&>(other);
    if (o.count_ > 0) Add(o.acc_, o.count_);
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    if (fold_ == Fold::kCountIf) {
      Set<int64_t>(out, row, acc_);
    } else if (count_ == 0) {
      out.SetNull(row);
    } else if (fold_ == Fold::kAnd || fold_ == Fold::kOr) {
      Set<bool>(out, row, acc_ != 0);
    } else {
      DispatchFixedWidth(out.type().id(), [&]<typename T>() {
        if constexpr (std::is_integral_v<T>) Set<T>(out, row, static_cast<T>(acc_));
      });
    }
    return Status::OK();
  }

 private:
  // Folds `x`, which stands for `n` rows (n > 1 only when merging a partial result).
  void Add(int64_t x, int64_t n) {
    const bool first = count_ == 0;
    count_ += n;
    switch (fold_) {
      case Fold::kCountIf:
        acc_ += n == 1 ? (x != 0) : x;
        break;
      case Fold::kAnd:
      case Fold::kBitAnd:
        acc_ = first ? x : (acc_ & x);
        break;
      case Fold::kOr:
      case Fold::kBitOr:
        acc_ |= x;
        break;
      case Fold::kBitXor:
        acc_ ^= x;
        break;
    }
  }
  Fold fold_;
  int64_t acc_ = 0;
  int64_t count_ = 0;
};

class ProductState : public AggregateState {
 public:
  void Update(const std::vector<const Vector*>& args, size_t row) override {
    product_ *= args[0]->data<double>()[row];
    ++count_;
  }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const ProductState&>(other);
    product_ *= o.product_;
    count_ += o.count_;
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    if (count_ == 0)
      out.SetNull(row);
    else
      Set<double>(out, row, product_);
    return Status::OK();
  }

 private:
  double product_ = 1.0;
  int64_t count_ = 0;
};

void AddFold(FunctionRegistry& r, const std::string& name, Fold fold, const char* usage) {
  r.Add(AggregateFunction{
      name, usage,
      [name, fold](const FunctionContext&, const std::vector<BindArgument>& args,
                   const AggregateCallInfo&) -> Result<BoundAggregate> {
        const bool boolean = fold == Fold::kCountIf || fold == Fold::kAnd || fold == Fold::kOr;
        const bool ok = !args.empty() && (boolean ? args[0].type.id() == TypeId::kBoolean ||
                                                        args[0].type.id() == TypeId::kNull
                                                  : args[0].type.IsInteger());
        SLUICE_RETURN_NOT_OK(RequireType(name, args, ok, boolean ? "\"BOOLEAN\"" : "\"INTEGRAL\""));
        BoundAggregate b;
        b.argument_types = {boolean ? LogicalType(TypeId::kBoolean) : args[0].type};
        b.return_type = fold == Fold::kCountIf ? LogicalType(TypeId::kBigInt) : b.argument_types[0];
        b.make_state = [fold] { return std::make_unique<FoldState>(fold); };
        return b;
      }});
}

}  // namespace

void RegisterLogicalAggregates(FunctionRegistry& r) {
  AddFold(r, "count_if", Fold::kCountIf,
          "count_if(expr) - Returns the number of `TRUE` values for the expression.");
  const char* all = "bool_and(expr) - Returns true if all values of `expr` are true.";
  const char* any = "bool_or(expr) - Returns true if at least one value of `expr` is true.";
  AddFold(r, "bool_and", Fold::kAnd, all);
  AddFold(r, "every", Fold::kAnd, all);
  AddFold(r, "bool_or", Fold::kOr, any);
  AddFold(r, "some", Fold::kOr, any);
  AddFold(r, "any", Fold::kOr, any);
  AddFold(r, "bit_and", Fold::kBitAnd,
          "bit_and(expr) - Returns the bitwise AND of all non-null input values, or null if "
          "none.");
  AddFold(r, "bit_or", Fold::kBitOr,
          "bit_or(expr) - Returns the bitwise OR of all non-null input values, or null if none.");
  AddFold(r, "bit_xor", Fold::kBitXor,
          "bit_xor(expr) - Returns the bitwise XOR of all non-null input values, or null if "
          "none.");
  r.Add(AggregateFunction{
      "product", "product(expr) - Returns the product calculated from values of a group.",
      [](const FunctionContext&, const std::vector<BindArgument>& args,
         const AggregateCallInfo&) -> Result<BoundAggregate> {
        const bool ok =
            !args.empty() && (args[0].type.IsNumeric() || args[0].type.id() == TypeId::kNull);
        SLUICE_RETURN_NOT_OK(RequireType("product", args, ok, "\"NUMERIC\""));
        BoundAggregate b;
        b.argument_types = {TypeId::kDouble};
        b.return_type = TypeId::kDouble;
        b.make_state = [] { return std::make_unique<ProductState>(); };
        return b;
      }});
}

}  // namespace sluice::functions
