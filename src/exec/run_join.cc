// Joins. Equality conjuncts between a left-only and a right-only expression become hash
// keys (the right side is built into a KeyTable, NULL keys never match); without any, every
// pair is a candidate (nested loop). Candidate pairs are gathered into batches of the
// combined row (left columns, then right) and the rest of the condition filters them;
// matched flags give the outer, semi and anti forms.
#include "exec/executor.h"
#include "exec/expression_evaluator.h"
#include "exec/key_table.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using plan::ExprPtr;
using plan::ExprType;
using plan::JoinKind;
using vector::Vector;

namespace {

void SplitConjuncts(const ExprPtr& e, std::vector<ExprPtr>& out) {
  if (e->type == ExprType::kAnd) {
    SplitConjuncts(e->children[0], out);
    SplitConjuncts(e->children[1], out);
  } else {
    out.push_back(e);
  }
}

// Which inputs an expression reads: bit 0 left, bit 1 right, bit 2 something else
// (subqueries, outer rows), which keeps it out of the keys.
int Sides(const plan::Expression& e, size_t left_width) {
  int sides = 0;
  if (e.type == ExprType::kColumn) sides |= e.column_index < left_width ? 1 : 2;
  if (e.subquery || e.type == ExprType::kOuterColumn || !e.deterministic) sides |= 4;
  for (const ExprPtr& c : e.children) sides |= Sides(*c, left_width);
  return sides;
}

ExprPtr ShiftColumns(const ExprPtr& e, size_t by) {
  auto copy = std::make_shared<plan::Expression>(*e);
  if (copy->type == ExprType::kColumn) copy->column_index -= by;
  for (ExprPtr& c : copy->children) c = ShiftColumns(c, by);
  return copy;
}

struct RowRef {
  uint32_t batch, row;
};

}  // namespace

Result<BatchList> RunJoin(Executor& ex, const plan::LogicalOperator& op, BatchList left,
                          BatchList right) {
  ExpressionEvaluator eval(ex, ex.context());
  const size_t left_width = op.children[0]->output.size();
  const size_t right_width = op.children[1]->output.size();
  std::vector<types::Field> combined_fields = op.children[0]->output;
  for (const types::Field& f : op.children[1]->output) combined_fields.push_back(f);
  auto combined_schema = std::make_shared<const types::Schema>(combined_fields);
  auto out_schema = std::make_shared<const types::Schema>(op.output);

  std::vector<ExprPtr> left_keys, right_keys, residual;
  if (op.condition) {
    std::vector<ExprPtr> conjuncts;
    SplitConjuncts(op.condition, conjuncts);
    for (const ExprPtr& c : conjuncts) {
      if (c->type == ExprType::kCall && c->function_name == "=" && c->children.size() == 2) {
        const int a = Sides(*c->children[0], left_width), b = Sides(*c->children[1], left_width);
        if (a == 1 && b == 2) {
          left_keys.push_back(c->children[0]);
          right_keys.push_back(ShiftColumns(c->children[1], left_width));
          continue;
        }
        if (a == 2 && b == 1) {
          left_keys.push_back(c->children[1]);
          right_keys.push_back(ShiftColumns(c->children[0], left_width));
          continue;
        }
      }
      residual.push_back(c);
    }
  }

  // Build: right rows by key.
  std::vector<types::LogicalType> key_types;
  for (const ExprPtr& k : right_keys) key_types.push_back(k->result_type);
  SLUICE_ASSIGN_OR_RAISE(KeyTable table, KeyTable::Make(key_types));
  std::vector<std::vector<RowRef>> rows_of_key;
  std::vector<RowRef> all_right;
  for (size_t b = 0; b < right.size(); ++b) {
    const size_t n = right[b].num_rows();
    std::vector<Vector> keys;
    for (const ExprPtr& k : right_keys) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*k, right[b], n));
      keys.push_back(std::move(v));
    }
    std::vector<const Vector*> key_ptrs;
    for (const Vector& v : keys) key_ptrs.push_back(&v);
    for (size_t r = 0; r < n; ++r) {
      const RowRef ref{static_cast<uint32_t>(b), static_cast<uint32_t>(r)};
      if (right_keys.empty()) {
        all_right.push_back(ref);
        continue;
      }
      bool any_null = false;
      for (const Vector* k : key_ptrs) any_null |= k->IsNull(r);
      if (any_null) continue;
      SLUICE_ASSIGN_OR_RAISE(uint32_t id, table.FindOrInsert(key_ptrs, r));
      if (id >= rows_of_key.size()) rows_of_key.resize(id + 1);
      rows_of_key[id].push_back(ref);
    }
  }

  std::vector<std::vector<bool>> right_matched(right.size());
  for (size_t b = 0; b < right.size(); ++b) right_matched[b].assign(right[b].num_rows(), false);
  const bool keep_left_only = op.join_kind == JoinKind::kLeft || op.join_kind == JoinKind::kFull;
  const bool keep_right_only = op.join_kind == JoinKind::kRight || op.join_kind == JoinKind::kFull;
  const bool semi = op.join_kind == JoinKind::kSemi, anti = op.join_kind == JoinKind::kAnti;

  BatchList out;
  std::vector<std::pair<RowRef, RowRef>> pairs;
  std::vector<std::vector<bool>> left_matched(left.size());
  for (size_t b = 0; b < left.size(); ++b) left_matched[b].assign(left[b].num_rows(), false);

  // Gathers pending pairs into combined rows, applies the residual condition, and
  // emits inner rows (or marks matches for semi / anti).
  auto flush = [&]() -> Status {
    if (pairs.empty()) return Status::OK();
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(combined_schema, pairs.size()));
    for (size_t i = 0; i < pairs.size(); ++i) {
      const auto& [l, r] = pairs[i];
      for (size_t c = 0; c < left_width; ++c)
        SLUICE_RETURN_NOT_OK(vector::CopyRow(left[l.batch].column(c), l.row, batch.column(c), i));
      for (size_t c = 0; c < right_width; ++c)
        SLUICE_RETURN_NOT_OK(
            vector::CopyRow(right[r.batch].column(c), r.row, batch.column(left_width + c), i));
    }
    batch.set_num_rows(pairs.size());
    std::vector<uint32_t> keep(pairs.size());
    for (size_t i = 0; i < keep.size(); ++i) keep[i] = static_cast<uint32_t>(i);
    for (const ExprPtr& c : residual) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*c, batch, pairs.size()));
      std::vector<uint32_t> next;
      for (uint32_t i : keep)
        if (!v.IsNull(i) && v.data<bool>()[i]) next.push_back(i);
      keep = std::move(next);
    }
    for (uint32_t i : keep) {
      left_matched[pairs[i].first.batch][pairs[i].first.row] = true;
      right_matched[pairs[i].second.batch][pairs[i].second.row] = true;
    }
    if (!semi && !anti && !keep.empty()) {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch kept, vector::GatherBatch(batch, keep));
      out.push_back(std::move(kept));
    }
    pairs.clear();
    return Status::OK();
  };

  for (size_t b = 0; b < left.size(); ++b) {
    const size_t n = left[b].num_rows();
    std::vector<Vector> keys;
    for (const ExprPtr& k : left_keys) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*k, left[b], n));
      keys.push_back(std::move(v));
    }
    std::vector<const Vector*> key_ptrs;
    for (const Vector& v : keys) key_ptrs.push_back(&v);
    for (size_t r = 0; r < n; ++r) {
      const RowRef lref{static_cast<uint32_t>(b), static_cast<uint32_t>(r)};
      const std::vector<RowRef>* candidates = &all_right;
      if (!left_keys.empty()) {
        bool any_null = false;
        for (const Vector* k : key_ptrs) any_null |= k->IsNull(r);
        std::optional<uint32_t> id;
        if (!any_null) id = table.Find(key_ptrs, r);
        if (!id || *id >= rows_of_key.size()) continue;
        candidates = &rows_of_key[*id];
      }
      for (const RowRef& rref : *candidates) {
        pairs.push_back({lref, rref});
        if (pairs.size() == vector::kVectorSize) SLUICE_RETURN_NOT_OK(flush());
      }
    }
  }
  SLUICE_RETURN_NOT_OK(flush());

  // Rows without a partner.
  auto emit_unmatched = [&](const BatchList& side, const std::vector<std::vector<bool>>& matched,
                            bool side_is_left, bool want_matched) -> Status {
    for (size_t b = 0; b < side.size(); ++b) {
      std::vector<uint32_t> rows;
      for (size_t r = 0; r < side[b].num_rows(); ++r)
        if (matched[b][r] == want_matched) rows.push_back(static_cast<uint32_t>(r));
      if (rows.empty()) continue;
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(out_schema, rows.size()));
      const size_t own_width = side_is_left ? left_width : right_width;
      const size_t own_offset = side_is_left ? 0 : left_width;
      for (size_t c = 0; c < op.output.size(); ++c) {
        const bool own = c >= own_offset && c < own_offset + own_width;
        for (size_t i = 0; i < rows.size(); ++i) {
          if (own)
            SLUICE_RETURN_NOT_OK(
                vector::CopyRow(side[b].column(c - own_offset), rows[i], batch.column(c), i));
          else
            batch.column(c).SetNull(i);
        }
      }
      batch.set_num_rows(rows.size());
      out.push_back(std::move(batch));
    }
    return Status::OK();
  };
  if (semi || anti) {
    SLUICE_RETURN_NOT_OK(emit_unmatched(left, left_matched, true, semi));
    return out;
  }
  if (keep_left_only) SLUICE_RETURN_NOT_OK(emit_unmatched(left, left_matched, true, false));
  if (keep_right_only) SLUICE_RETURN_NOT_OK(emit_unmatched(right, right_matched, false, false));
  return out;
}

}  // namespace sluice::exec
