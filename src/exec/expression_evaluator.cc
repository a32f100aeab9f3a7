#include "exec/expression_evaluator.h"

#include "exec/executor.h"
#include "functions/cast.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using plan::ExprType;
using types::TypeId;
using vector::Vector;

namespace {

Result<Vector> MakeBooleans(size_t rows) {
  return Vector::Make(TypeId::kBoolean, std::max<size_t>(rows, 1));
}

// Three-valued truth of row `row` of a boolean vector: 1 true, 0 false, -1 NULL.
int Truth(const Vector& v, size_t row) {
  if (v.IsNull(row)) return -1;
  return v.data<bool>()[row] ? 1 : 0;
}

std::vector<uint32_t> AllRows(size_t rows) {
  std::vector<uint32_t> all(rows);
  for (size_t i = 0; i < rows; ++i) all[i] = static_cast<uint32_t>(i);
  return all;
}

void SetTruth(Vector& v, size_t row, int t) {
  if (t < 0) {
    v.SetNull(row);
  } else {
    v.data<bool>()[row] = t == 1;
    v.validity().SetValid(row);
  }
}

// IN's truth for rows [0, rows) of `value` (1 true, 0 false, -1 NULL): true if an item equals
// the row's value, else NULL if the value or an item is NULL. A constant item is read once;
// strings compare for equality (bytes), cheaper than ordering them.
std::vector<int> InListTruth(const Vector& value, size_t rows, const std::vector<Vector>& items) {
  std::vector<int> truth(rows, 0);
  for (size_t i = 0; i < rows; ++i)
    if (value.IsNull(i)) truth[i] = -1;
  for (const Vector& item : items) {
    if (item.is_constant() && item.IsNull(0)) {
      for (int& t : truth) t = t == 0 ? -1 : t;
      continue;
    }
    if (item.is_constant() && value.type().IsStringLike() && item.type() == value.type()) {
      const vector::StringRef wanted = item.data<vector::StringRef>()[0];
      const vector::StringRef* values = value.data<vector::StringRef>();
      for (size_t i = 0; i < rows; ++i)
        if (truth[i] != 1 && !value.IsNull(i) && values[i] == wanted) truth[i] = 1;
      continue;
    }
    for (size_t i = 0; i < rows; ++i) {
      if (truth[i] == 1 || value.IsNull(i)) continue;
      const size_t at = item.is_constant() ? 0 : i;
      if (item.IsNull(at))
        truth[i] = -1;  // NULL unless a later item matches
      else if (vector::ValuesEqual(value, i, item, at))
        truth[i] = 1;
    }
  }
  return truth;
}

}  // namespace

Result<Vector> ExpressionEvaluator::EvaluateConstant(const plan::Expression& e) {
  SLUICE_ASSIGN_OR_RAISE(vector::Batch empty,
                         vector::Batch::Make(std::make_shared<types::Schema>(), 1));
  empty.set_num_rows(1);
  return Evaluate(e, empty, 1);
}

Result<Vector> ExpressionEvaluator::Constant(const std::shared_ptr<const Vector>& value,
                                             size_t rows) {
  // A bound on the cache, for long IN lists.
  constexpr size_t kMaxCached = 64;
  auto it = constants_.find(value);
  if (rows <= 1 || (it == constants_.end() && constants_.size() >= kMaxCached))
    return vector::Broadcast(*value, 0, rows);
  if (it == constants_.end() || it->second.capacity() < rows) {
    SLUICE_ASSIGN_OR_RAISE(Vector filled,
                           vector::Broadcast(*value, 0, std::max(rows, vector::kVectorSize)));
    it = constants_.insert_or_assign(value, std::move(filled)).first;
  }
  return it->second.Share();
}

Result<Vector> ExpressionEvaluator::Evaluate(const plan::Expression& e, const vector::Batch& input,
                                             size_t rows) {
  switch (e.type) {
    case ExprType::kColumn:
      return input.column(e.column_index).Share();
    case ExprType::kOuterColumn: {
      auto& outer = executor_.outer_rows();
      if (e.outer_depth < 1 || static_cast<size_t>(e.outer_depth) > outer.size())
        return Status::Internal("outer reference without an outer row");
      const vector::Batch& row = *outer[outer.size() - e.outer_depth];
      return vector::Broadcast(row.column(e.column_index), 0, rows);
    }
    case ExprType::kConstant:
      return Constant(e.constant, rows);
    case ExprType::kCall: {
      if (e.higher_order_kernel) return EvaluateHigherOrder(e, input, rows);
      std::vector<Vector> values;
      values.reserve(e.children.size());
      for (const plan::ExprPtr& child : e.children) {
        SLUICE_ASSIGN_OR_RAISE(Vector v, Evaluate(*child, input, rows));
        values.push_back(std::move(v));
      }
      std::vector<const Vector*> args;
      for (const Vector& v : values) args.push_back(&v);
      SLUICE_ASSIGN_OR_RAISE(Vector out, Vector::Make(e.result_type, std::max<size_t>(rows, 1)));
      SLUICE_RETURN_NOT_OK(e.kernel(ctx_, args, rows, out));
      return out;
    }
    case ExprType::kCast: {
      SLUICE_ASSIGN_OR_RAISE(Vector in, Evaluate(*e.children[0], input, rows));
      if (in.type() == e.result_type) return in;
      SLUICE_ASSIGN_OR_RAISE(Vector out, Vector::Make(e.result_type, std::max<size_t>(rows, 1)));
      functions::CastOptions options;
      options.ansi = ctx_.ansi;
      options.try_cast = e.try_cast;
      options.zone = ctx_.zone;
      SLUICE_RETURN_NOT_OK(functions::CastVector(in, rows, out, options));
      return out;
    }
    case ExprType::kCase:
      return EvaluateCase(e, input, rows);
    case ExprType::kAnd:
    case ExprType::kOr:
    case ExprType::kNot:
      return EvaluateLogic(e, input, rows);
    case ExprType::kIsNull:
    case ExprType::kIsNotNull: {
      SLUICE_ASSIGN_OR_RAISE(Vector in, Evaluate(*e.children[0], input, rows));
      SLUICE_ASSIGN_OR_RAISE(Vector out, MakeBooleans(rows));
      const bool want_null = e.type == ExprType::kIsNull;
      for (size_t i = 0; i < rows; ++i) out.data<bool>()[i] = in.IsNull(i) == want_null;
      return out;
    }
    case ExprType::kCoalesce: {
      // Each argument runs only on the rows still NULL.
      SLUICE_ASSIGN_OR_RAISE(Vector out, Vector::Make(e.result_type, std::max<size_t>(rows, 1)));
      std::vector<uint32_t> remaining = AllRows(rows);
      for (const plan::ExprPtr& child : e.children) {
        if (remaining.empty()) break;
        SLUICE_ASSIGN_OR_RAISE(Vector v, EvaluateRows(*child, input, rows, remaining));
        std::vector<uint32_t> still_null;
        for (uint32_t i : remaining) {
          if (v.IsNull(i))
            still_null.push_back(i);
          else
            SLUICE_RETURN_NOT_OK(vector::CopyRow(v, i, out, i));
        }
        remaining = std::move(still_null);
      }
      for (uint32_t i : remaining) out.SetNull(i);
      return out;
    }
    case ExprType::kInList:
      return EvaluateInList(e, input, rows);
    case ExprType::kScalarSubquery:
    case ExprType::kExists:
    case ExprType::kInSubquery:
      return EvaluateSubquery(e, input, rows);
    case ExprType::kLambdaVariable: {
      auto it = lambda_slots_.find(e.column_index);
      if (it == lambda_slots_.end()) return Status::Internal("lambda variable out of scope");
      return it->second->Share();
    }
    case ExprType::kLambda:
      return Status::Internal("a lambda outside a higher-order function");
  }
  return Status::Internal("unknown expression");
}

Result<std::vector<uint32_t>> ExpressionEvaluator::SelectTrue(const plan::Expression& e,
                                                              const vector::Batch& input,
                                                              size_t rows) {
  SLUICE_ASSIGN_OR_RAISE(Vector v, Evaluate(e, input, rows));
  std::vector<uint32_t> selected;
  for (size_t i = 0; i < rows; ++i)
    if (Truth(v, i) == 1) selected.push_back(static_cast<uint32_t>(i));
  return selected;
}

Result<Vector> ExpressionEvaluator::EvaluateRows(const plan::Expression& e,
                                                 const vector::Batch& input, size_t rows,
                                                 const std::vector<uint32_t>& selected) {
  // Lambda parameters hold one value per row of the whole batch: no subsets inside lambdas.
  if (selected.size() == rows || !lambda_slots_.empty()) return Evaluate(e, input, rows);
  SLUICE_ASSIGN_OR_RAISE(Vector out, Vector::Make(e.result_type, std::max<size_t>(rows, 1)));
  for (size_t i = 0; i < rows; ++i) out.SetNull(i);
  if (selected.empty()) return out;
  SLUICE_ASSIGN_OR_RAISE(vector::Batch subset, vector::GatherBatch(input, selected));
  SLUICE_ASSIGN_OR_RAISE(Vector part, Evaluate(e, subset, selected.size()));
  for (size_t k = 0; k < selected.size(); ++k)
    SLUICE_RETURN_NOT_OK(vector::CopyRow(part, k, out, selected[k]));
  return out;
}

Result<Vector> ExpressionEvaluator::EvaluateCase(const plan::Expression& e,
                                                 const vector::Batch& input, size_t rows) {
  // Each WHEN runs on the rows no earlier WHEN took, each branch on the rows it gets.
  SLUICE_ASSIGN_OR_RAISE(Vector out, Vector::Make(e.result_type, std::max<size_t>(rows, 1)));
  std::vector<uint32_t> remaining = AllRows(rows);
  const size_t pairs = e.children.size() / 2;
  for (size_t p = 0; p < pairs && !remaining.empty(); ++p) {
    SLUICE_ASSIGN_OR_RAISE(Vector when, EvaluateRows(*e.children[2 * p], input, rows, remaining));
    std::vector<uint32_t> hits, misses;
    for (uint32_t i : remaining) (Truth(when, i) == 1 ? hits : misses).push_back(i);
    if (hits.empty()) continue;
    SLUICE_ASSIGN_OR_RAISE(Vector then, EvaluateRows(*e.children[2 * p + 1], input, rows, hits));
    for (uint32_t i : hits) SLUICE_RETURN_NOT_OK(vector::CopyRow(then, i, out, i));
    remaining = std::move(misses);
  }
  if (remaining.empty()) return out;
  if (e.children.size() % 2 == 0) {
    for (uint32_t i : remaining) out.SetNull(i);
    return out;
  }
  SLUICE_ASSIGN_OR_RAISE(Vector other, EvaluateRows(*e.children.back(), input, rows, remaining));
  for (uint32_t i : remaining) SLUICE_RETURN_NOT_OK(vector::CopyRow(other, i, out, i));
  return out;
}

Result<Vector> ExpressionEvaluator::EvaluateLogic(const plan::Expression& e,
                                                  const vector::Batch& input, size_t rows) {
  SLUICE_ASSIGN_OR_RAISE(Vector left, Evaluate(*e.children[0], input, rows));
  SLUICE_ASSIGN_OR_RAISE(Vector out, MakeBooleans(rows));
  if (e.type == ExprType::kNot) {
    for (size_t i = 0; i < rows; ++i) {
      int t = Truth(left, i);
      SetTruth(out, i, t < 0 ? -1 : 1 - t);
    }
    return out;
  }
  // The right side runs only where the left does not decide (false for AND, true for OR).
  const bool is_and = e.type == ExprType::kAnd;
  const int decisive = is_and ? 0 : 1;
  std::vector<uint32_t> undecided;
  for (size_t i = 0; i < rows; ++i)
    if (Truth(left, i) != decisive) undecided.push_back(static_cast<uint32_t>(i));
  SLUICE_ASSIGN_OR_RAISE(Vector right, EvaluateRows(*e.children[1], input, rows, undecided));
  for (size_t i = 0; i < rows; ++i) {
    const int a = Truth(left, i);
    if (a == decisive) {
      SetTruth(out, i, a);
      continue;
    }
    const int b = Truth(right, i);
    int t;
    if (is_and)
      t = (a == 0 || b == 0) ? 0 : ((a < 0 || b < 0) ? -1 : 1);
    else
      t = (a == 1 || b == 1) ? 1 : ((a < 0 || b < 0) ? -1 : 0);
    SetTruth(out, i, t);
  }
  return out;
}

Result<Vector> ExpressionEvaluator::EvaluateInList(const plan::Expression& e,
                                                   const vector::Batch& input, size_t rows) {
  SLUICE_ASSIGN_OR_RAISE(Vector value, Evaluate(*e.children[0], input, rows));
  std::vector<Vector> items;
  bool constant = true;
  for (size_t c = 1; c < e.children.size(); ++c) {
    SLUICE_ASSIGN_OR_RAISE(Vector item, Evaluate(*e.children[c], input, rows));
    constant = constant && item.is_constant();
    items.push_back(std::move(item));
  }
  // SQL: true if any item equals the value, else NULL if the value or any item is NULL.
  std::vector<int> truth(rows, 0);
  const vector::DictionaryCodes* dict = value.dictionary();
  if (constant && dict != nullptr && dict->codes.size() >= rows &&
      dict->dictionary.capacity() <= rows) {
    // A dictionary's values (a Parquet chunk's few distinct strings) are tested once each.
    const std::vector<int> per_code =
        InListTruth(dict->dictionary, dict->dictionary.capacity(), items);
    for (size_t i = 0; i < rows; ++i) truth[i] = value.IsNull(i) ? -1 : per_code[dict->codes[i]];
  } else {
    truth = InListTruth(value, rows, items);
  }
  SLUICE_ASSIGN_OR_RAISE(Vector out, MakeBooleans(rows));
  for (size_t i = 0; i < rows; ++i) {
    int t = truth[i];
    if (e.negated && t >= 0) t = 1 - t;
    SetTruth(out, i, t);
  }
  return out;
}

}  // namespace sluice::exec
