// Subquery expressions: scalar, EXISTS and IN. An uncorrelated subquery runs once per
// query; a correlated one runs once per distinct tuple of the input columns it reads, with
// such a row visible to its outer column references.
#include <algorithm>
#include <bit>

#include "exec/executor.h"
#include "exec/expression_evaluator.h"
#include "exec/key_table.h"
#include "plan/outer_references.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using plan::ExprType;
using vector::Vector;

namespace {

// `probe = row i of b` column by column, in three values: 1 equal, 0 not, -1 unknown.
int RowTruth(const std::vector<Vector>& probes, size_t probe_row, const vector::Batch& b,
             size_t i) {
  int truth = 1;
  for (size_t c = 0; c < probes.size() && truth != 0; ++c) {
    const Vector& column = b.column(c);
    if (probes[c].IsNull(probe_row) || column.IsNull(i))
      truth = -1;
    else if (!vector::ValuesEqual(probes[c], probe_row, column, i))
      truth = 0;
  }
  return truth;
}

void SetBoolean(Vector& out, size_t row, bool value) {
  out.data<bool>()[row] = value;
  out.validity().SetValid(row);
}

// Writes the subquery's answer for one outer row at `row` of `out`.
Status Answer(const plan::Expression& e, const BatchList& result, const std::vector<Vector>& probes,
              bool null_in_empty_is_null, size_t probe_row, Vector& out, size_t row) {
  const size_t n = CountRows(result);
  if (e.type == ExprType::kExists) {
    SetBoolean(out, row, (n > 0) != e.negated);
    return Status::OK();
  }
  if (e.type == ExprType::kScalarSubquery) {
    if (n > 1)
      return Status::Invalid(
          "[SCALAR_SUBQUERY_TOO_MANY_ROWS] More than one row returned by a subquery used as "
          "an expression.");
    for (const vector::Batch& b : result)
      if (b.num_rows() > 0) return vector::CopyRow(b.column(0), 0, out, row);
    out.SetNull(row);
    return Status::OK();
  }
  // IN: true when some row equals the probe column by column, else NULL when some row's
  // comparison is NULL (a NULL on either side, the other columns equal), else false. Spark's
  // legacy rule makes a NULL probe's answer NULL even when there are no rows.
  bool saw_null = false;
  if (n == 0 && null_in_empty_is_null)
    for (const Vector& p : probes) saw_null |= p.IsNull(probe_row);
  for (const vector::Batch& b : result) {
    for (size_t i = 0; i < b.num_rows(); ++i) {
      const int truth = RowTruth(probes, probe_row, b, i);
      if (truth == 1) {
        SetBoolean(out, row, !e.negated);
        return Status::OK();
      }
      saw_null |= truth < 0;
    }
  }
  if (saw_null)
    out.SetNull(row);
  else
    SetBoolean(out, row, e.negated);
  return Status::OK();
}

Result<const InSubqueryLookup*> Lookup(Executor& executor, const plan::Expression& e,
                                       const BatchList& result) {
  auto& lookups = executor.in_lookups();
  if (auto it = lookups.find(&e); it != lookups.end()) return &it->second;
  std::vector<types::LogicalType> types;
  for (const plan::ExprPtr& probe : e.children) types.push_back(probe->result_type);
  SLUICE_ASSIGN_OR_RAISE(KeyTable rows, KeyTable::Make(types));
  InSubqueryLookup lookup{std::move(rows), {}};
  for (size_t b = 0; b < result.size(); ++b) {
    std::vector<const Vector*> columns;
    for (size_t c = 0; c < types.size(); ++c) columns.push_back(&result[b].column(c));
    for (size_t i = 0; i < result[b].num_rows(); ++i) {
      const bool any_null = std::any_of(columns.begin(), columns.end(),
                                        [&](const Vector* c) { return c->IsNull(i); });
      if (any_null)
        lookup.rows_with_null.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(i));
      else
        SLUICE_RETURN_NOT_OK(lookup.rows.FindOrInsert(columns, i).status());
    }
  }
  return &lookups.emplace(&e, std::move(lookup)).first->second;
}

// IN over an uncorrelated subquery's rows through its hash lookup: a probe without NULLs
// that is not in the table can only be NULL (through a row with a NULL) or false.
Status AnswerIn(const plan::Expression& e, const BatchList& result, const InSubqueryLookup& lookup,
                const std::vector<Vector>& probes, bool null_in_empty_is_null, size_t row,
                Vector& out) {
  std::vector<const Vector*> keys;
  for (const Vector& p : probes) {
    if (p.IsNull(row)) return Answer(e, result, probes, null_in_empty_is_null, row, out, row);
    keys.push_back(&p);
  }
  if (lookup.rows.Find(keys, row)) {
    SetBoolean(out, row, !e.negated);
    return Status::OK();
  }
  for (const auto& [b, i] : lookup.rows_with_null) {
    if (RowTruth(probes, row, result[b], i) != 0) {
      out.SetNull(row);
      return Status::OK();
    }
  }
  SetBoolean(out, row, e.negated);
  return Status::OK();
}

}  // namespace

Result<Vector> ExpressionEvaluator::EvaluateSubquery(const plan::Expression& e,
                                                     const vector::Batch& input, size_t rows) {
  SLUICE_ASSIGN_OR_RAISE(Vector out, Vector::Make(e.result_type, std::max<size_t>(rows, 1)));
  std::vector<Vector> probes;  // IN: the left side's columns
  for (const plan::ExprPtr& child : e.children) {
    SLUICE_ASSIGN_OR_RAISE(Vector v, Evaluate(*child, input, rows));
    probes.push_back(std::move(v));
  }
  if (!e.correlated) {
    SLUICE_ASSIGN_OR_RAISE(const BatchList* result, executor_.RunCached(*e.subquery));
    if (e.type == ExprType::kInSubquery) {
      SLUICE_ASSIGN_OR_RAISE(const InSubqueryLookup* lookup, Lookup(executor_, e, *result));
      for (size_t i = 0; i < rows; ++i)
        SLUICE_RETURN_NOT_OK(
            AnswerIn(e, *result, *lookup, probes, ctx_.null_in_empty_is_null, i, out));
      return out;
    }
    for (size_t i = 0; i < rows; ++i)
      SLUICE_RETURN_NOT_OK(Answer(e, *result, probes, ctx_.null_in_empty_is_null, i, out, i));
    return out;
  }
  // Rows that agree on the columns the subquery reads get the same answer: run it once per
  // distinct tuple of them (enclosing queries' rows stay fixed during this call).
  std::vector<size_t> read;
  SLUICE_RETURN_NOT_OK(
      plan::ForEachOuterReference(*e.subquery, [&](const plan::Expression& ref, int level) {
        if (level == 1) read.push_back(ref.column_index);
      }));
  std::sort(read.begin(), read.end());
  read.erase(std::unique(read.begin(), read.end()), read.end());
  std::vector<types::LogicalType> key_types;
  std::vector<const Vector*> keys;
  std::vector<Vector> bits;  // FLOAT / DOUBLE keys by bit pattern: -0.0 is not 0.0 here
  bits.reserve(read.size());
  for (size_t c : read) {
    const Vector& column = input.column(c);
    const types::TypeId id = column.type().id();
    if (id != types::TypeId::kFloat && id != types::TypeId::kDouble) {
      key_types.push_back(column.type());
      keys.push_back(&column);
      continue;
    }
    SLUICE_ASSIGN_OR_RAISE(Vector raw,
                           Vector::Make(types::TypeId::kBigInt, std::max<size_t>(rows, 1)));
    for (size_t i = 0; i < rows; ++i) {
      if (column.IsNull(i)) {
        raw.SetNull(i);
        continue;
      }
      raw.data<int64_t>()[i] = id == types::TypeId::kFloat
                                   ? std::bit_cast<int32_t>(column.data<float>()[i])
                                   : std::bit_cast<int64_t>(column.data<double>()[i]);
      raw.validity().SetValid(i);
    }
    key_types.push_back(types::TypeId::kBigInt);
    bits.push_back(std::move(raw));
    keys.push_back(&bits.back());
  }
  SLUICE_ASSIGN_OR_RAISE(KeyTable distinct, KeyTable::Make(key_types));
  std::vector<BatchList> results;
  for (size_t i = 0; i < rows; ++i) {
    bool inserted = false;
    SLUICE_ASSIGN_OR_RAISE(uint32_t id, distinct.FindOrInsert(keys, i, &inserted));
    if (inserted) {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch row,
                             vector::GatherBatch(input, {static_cast<uint32_t>(i)}));
      executor_.outer_rows().push_back(&row);
      Result<BatchStore> result = executor_.Run(*e.subquery);
      executor_.outer_rows().pop_back();
      SLUICE_RETURN_NOT_OK(result.status());
      SLUICE_ASSIGN_OR_RAISE(BatchList rows, result->TakeAll());
      results.push_back(std::move(rows));
    }
    SLUICE_RETURN_NOT_OK(Answer(e, results[id], probes, ctx_.null_in_empty_is_null, i, out, i));
  }
  return out;
}

}  // namespace sluice::exec
