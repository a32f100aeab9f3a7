#include "exec/hash_join.h"

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

Result<std::vector<Vector>> EvaluateAll(ExpressionEvaluator& eval,
                                        const std::vector<ExprPtr>& exprs,
                                        const vector::Batch& batch) {
  std::vector<Vector> out;
  for (const ExprPtr& e : exprs) {
    SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*e, batch, batch.num_rows()));
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<const Vector*> Pointers(const std::vector<Vector>& vectors) {
  std::vector<const Vector*> out;
  for (const Vector& v : vectors) out.push_back(&v);
  return out;
}

bool AnyNull(const std::vector<const Vector*>& keys, size_t row) {
  for (const Vector* k : keys)
    if (k->IsNull(row)) return true;
  return false;
}

}  // namespace

JoinHashTable::JoinHashTable(const plan::LogicalOperator& join, BatchList right, KeyTable keys,
                             memory::MemoryTracker& memory)
    : join_(join), right_(std::move(right)), keys_(std::move(keys)), held_(memory) {}

JoinKeys SplitJoinCondition(const plan::LogicalOperator& join) {
  const size_t left_width = join.children[0]->output.size();
  JoinKeys keys;
  if (!join.condition) return keys;
  std::vector<ExprPtr> conjuncts;
  SplitConjuncts(join.condition, conjuncts);
  for (const ExprPtr& c : conjuncts) {
    if (c->type == ExprType::kCall && c->function_name == "=" && c->children.size() == 2) {
      const int a = Sides(*c->children[0], left_width), b = Sides(*c->children[1], left_width);
      if ((a == 1 && b == 2) || (a == 2 && b == 1)) {
        keys.left.push_back(c->children[a == 1 ? 0 : 1]);
        keys.right.push_back(ShiftColumns(c->children[a == 1 ? 1 : 0], left_width));
        continue;
      }
    }
    keys.residual.push_back(c);
  }
  return keys;
}

size_t JoinHashTable::EstimateBytes(size_t bytes, uint64_t rows, size_t keys) {
  // Per row: its reference, and at most one key: its values, hash, slots and row list.
  return bytes + rows * (sizeof(RowRef) + 64 + 16 * keys);
}

Result<std::unique_ptr<JoinHashTable>> JoinHashTable::Build(ExpressionEvaluator& eval,
                                                            const plan::LogicalOperator& join,
                                                            BatchList right,
                                                            memory::MemoryTracker& memory) {
  const size_t left_width = join.children[0]->output.size();
  JoinKeys split = SplitJoinCondition(join);
  std::vector<ExprPtr>& right_keys = split.right;
  std::vector<types::LogicalType> key_types;
  for (const ExprPtr& k : right_keys) key_types.push_back(k->result_type);
  SLUICE_ASSIGN_OR_RAISE(KeyTable keys, KeyTable::Make(key_types));
  auto table = std::unique_ptr<JoinHashTable>(
      new JoinHashTable(join, std::move(right), std::move(keys), memory));
  JoinHashTable& t = *table;
  const size_t right_bytes = MemoryBytes(t.right_);
  SLUICE_RETURN_NOT_OK(t.held_.Hold(right_bytes));
  size_t refs = 0;
  t.left_width_ = left_width;
  t.right_width_ = join.children[1]->output.size();
  std::vector<types::Field> combined = join.children[0]->output;
  for (const types::Field& f : join.children[1]->output) combined.push_back(f);
  t.combined_schema_ = std::make_shared<const types::Schema>(combined);
  t.out_schema_ = std::make_shared<const types::Schema>(join.output);
  t.left_keys_ = std::move(split.left);
  t.residual_ = std::move(split.residual);
  const JoinKind kind = join.join_kind;
  t.keep_left_only_ = kind == JoinKind::kLeft || kind == JoinKind::kFull;
  t.keep_right_only_ = kind == JoinKind::kRight || kind == JoinKind::kFull;
  t.semi_ = kind == JoinKind::kSemi;
  t.anti_ = kind == JoinKind::kAnti;
  t.right_semi_ = kind == JoinKind::kRightSemi;
  t.mark_right_ = t.keep_right_only_ || t.right_semi_ || kind == JoinKind::kRightAnti;
  t.emit_pairs_ = !t.semi_ && !t.anti_ && !t.right_semi_ && kind != JoinKind::kRightAnti;

  for (size_t b = 0; b < t.right_.size(); ++b) {
    const size_t n = t.right_[b].num_rows();
    t.right_matched_.emplace_back(t.mark_right_ ? n : 0);
    SLUICE_ASSIGN_OR_RAISE(std::vector<Vector> key_values,
                           EvaluateAll(eval, right_keys, t.right_[b]));
    const std::vector<const Vector*> key_ptrs = Pointers(key_values);
    for (size_t r = 0; r < n; ++r) {
      const RowRef ref{static_cast<uint32_t>(b), static_cast<uint32_t>(r)};
      if (right_keys.empty()) {
        t.all_right_.push_back(ref);
        continue;
      }
      if (AnyNull(key_ptrs, r)) continue;
      SLUICE_ASSIGN_OR_RAISE(uint32_t id, t.keys_.FindOrInsert(key_ptrs, r));
      if (id >= t.rows_of_key_.size()) t.rows_of_key_.resize(id + 1);
      t.rows_of_key_[id].push_back(ref);
      ++refs;
    }
    SLUICE_RETURN_NOT_OK(t.held_.Hold(right_bytes + t.keys_.memory_bytes() +
                                      (refs + t.all_right_.size()) * sizeof(RowRef) +
                                      t.rows_of_key_.capacity() * sizeof(t.rows_of_key_[0])));
  }
  return table;
}

Status JoinHashTable::Probe(ExpressionEvaluator& eval, const vector::Batch& left,
                            const std::function<Status(vector::Batch)>& emit) {
  std::vector<bool> left_matched;
  SLUICE_RETURN_NOT_OK(ProbeMatches(eval, left, emit, left_matched));
  return EmitLeftOutcome(left, left_matched, emit);
}

Status JoinHashTable::ProbeMatches(ExpressionEvaluator& eval, const vector::Batch& left,
                                   const std::function<Status(vector::Batch)>& emit,
                                   std::vector<bool>& left_matched) {
  const size_t n = left.num_rows();
  SLUICE_ASSIGN_OR_RAISE(std::vector<Vector> key_values, EvaluateAll(eval, left_keys_, left));
  const std::vector<const Vector*> key_ptrs = Pointers(key_values);
  left_matched.resize(n, false);
  std::vector<std::pair<uint32_t, RowRef>> pairs;  // left row, right row

  // Gathers the pending pairs into combined rows, applies the residual condition, and
  // emits inner rows (or marks matches).
  auto flush = [&]() -> Status {
    if (pairs.empty()) return Status::OK();
    if (residual_.empty() && !emit_pairs_) {  // only the marks: no combined rows needed
      for (const auto& [l, r] : pairs) Mark(left_matched, l, r);
      pairs.clear();
      return Status::OK();
    }
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch,
                           vector::Batch::Make(combined_schema_, pairs.size()));
    for (size_t i = 0; i < pairs.size(); ++i) {
      const auto& [l, r] = pairs[i];
      for (size_t c = 0; c < left_width_; ++c)
        SLUICE_RETURN_NOT_OK(vector::CopyRow(left.column(c), l, batch.column(c), i));
      for (size_t c = 0; c < right_width_; ++c)
        SLUICE_RETURN_NOT_OK(
            vector::CopyRow(right_[r.batch].column(c), r.row, batch.column(left_width_ + c), i));
    }
    batch.set_num_rows(pairs.size());
    std::vector<uint32_t> keep(pairs.size());
    for (size_t i = 0; i < keep.size(); ++i) keep[i] = static_cast<uint32_t>(i);
    for (const ExprPtr& c : residual_) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*c, batch, pairs.size()));
      std::vector<uint32_t> next;
      for (uint32_t i : keep)
        if (!v.IsNull(i) && v.data<bool>()[i]) next.push_back(i);
      keep = std::move(next);
    }
    for (uint32_t i : keep) Mark(left_matched, pairs[i].first, pairs[i].second);
    pairs.clear();
    if (!emit_pairs_ || keep.empty()) return Status::OK();
    SLUICE_ASSIGN_OR_RAISE(vector::Batch kept, vector::GatherBatch(batch, keep));
    return emit(std::move(kept));
  };

  for (size_t r = 0; r < n; ++r) {
    const std::vector<RowRef>* candidates = &all_right_;
    if (!left_keys_.empty()) {
      std::optional<uint32_t> id;
      if (!AnyNull(key_ptrs, r)) id = keys_.Find(key_ptrs, r);
      if (!id || *id >= rows_of_key_.size()) continue;
      candidates = &rows_of_key_[*id];
    }
    for (const RowRef& right_row : *candidates) {
      pairs.push_back({static_cast<uint32_t>(r), right_row});
      if (pairs.size() == vector::kVectorSize) SLUICE_RETURN_NOT_OK(flush());
    }
  }
  return flush();
}

Status JoinHashTable::EmitLeftOutcome(const vector::Batch& left,
                                      const std::vector<bool>& left_matched,
                                      const std::function<Status(vector::Batch)>& emit) const {
  if (!semi_ && !anti_ && !keep_left_only_) return Status::OK();
  std::vector<uint32_t> rows;
  for (size_t r = 0; r < left.num_rows(); ++r)
    if (left_matched[r] == semi_) rows.push_back(static_cast<uint32_t>(r));
  if (rows.empty()) return Status::OK();
  if (semi_ || anti_) {
    SLUICE_ASSIGN_OR_RAISE(vector::Batch kept, vector::GatherBatch(left, rows));
    return emit(std::move(kept));
  }
  SLUICE_ASSIGN_OR_RAISE(vector::Batch extended, LeftOnly(left, rows));
  return emit(std::move(extended));
}

Result<vector::Batch> JoinHashTable::LeftOnly(const vector::Batch& left,
                                              const std::vector<uint32_t>& rows) const {
  SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(out_schema_, rows.size()));
  for (size_t c = 0; c < join_.output.size(); ++c) {
    if (c < left_width_) {
      SLUICE_ASSIGN_OR_RAISE(batch.column(c), vector::Gather(left.column(c), rows));
    } else {
      for (size_t i = 0; i < rows.size(); ++i) batch.column(c).SetNull(i);
    }
  }
  batch.set_num_rows(rows.size());
  return batch;
}

void JoinHashTable::Mark(std::vector<bool>& left_matched, uint32_t left_row, RowRef right_row) {
  left_matched[left_row] = true;
  if (mark_right_)
    right_matched_[right_row.batch][right_row.row].store(true, std::memory_order_relaxed);
}

Status JoinHashTable::EmitUnmatchedRight(const std::function<Status(vector::Batch)>& emit) const {
  if (!mark_right_) return Status::OK();
  for (size_t b = 0; b < right_.size(); ++b) {
    std::vector<uint32_t> rows;
    for (size_t r = 0; r < right_[b].num_rows(); ++r)
      if (right_matched_[b][r].load(std::memory_order_relaxed) == right_semi_)
        rows.push_back(static_cast<uint32_t>(r));
    if (rows.empty()) continue;
    if (!keep_right_only_) {  // right semi and anti joins: the right rows alone
      SLUICE_ASSIGN_OR_RAISE(vector::Batch kept, vector::GatherBatch(right_[b], rows));
      SLUICE_RETURN_NOT_OK(emit(std::move(kept)));
      continue;
    }
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(out_schema_, rows.size()));
    for (size_t c = 0; c < join_.output.size(); ++c) {
      if (c >= left_width_) {
        SLUICE_ASSIGN_OR_RAISE(batch.column(c),
                               vector::Gather(right_[b].column(c - left_width_), rows));
      } else {
        for (size_t i = 0; i < rows.size(); ++i) batch.column(c).SetNull(i);
      }
    }
    batch.set_num_rows(rows.size());
    SLUICE_RETURN_NOT_OK(emit(std::move(batch)));
  }
  return Status::OK();
}

}  // namespace sluice::exec
