// Generators (explode, explode_outer, posexplode, inline, LATERAL VIEW [OUTER]): each input
// row is repeated once per element of its array or map, followed by the element's columns
// ([pos,] col | key, value | the struct's fields). OUTER keeps a row with NULLs for an
// empty or NULL collection.
#include "exec/pipeline.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

Status GenerateBatch(ExpressionEvaluator& eval, const plan::LogicalOperator& op,
                     const vector::Batch& in, const std::function<Status(vector::Batch)>& emit) {
  auto schema = std::make_shared<const types::Schema>(op.output);
  const size_t input_width = op.children[0]->output.size();
  const bool with_position = op.generator == "posexplode";
  const bool is_inline = op.generator == "inline";
  std::optional<vector::Batch> current;
  auto next_row = [&]() -> Result<size_t> {
    if (!current || current->num_rows() == vector::kVectorSize) {
      if (current) SLUICE_RETURN_NOT_OK(emit(std::move(*current)));
      SLUICE_ASSIGN_OR_RAISE(vector::Batch b, vector::Batch::Make(schema));
      current = std::move(b);
    }
    const size_t at = current->num_rows();
    current->set_num_rows(at + 1);
    return at;
  };
  SLUICE_ASSIGN_OR_RAISE(vector::Vector collection,
                         eval.Evaluate(*op.expressions[0], in, in.num_rows()));
  const bool is_map = collection.type().id() == types::TypeId::kMap;
  for (size_t r = 0; r < in.num_rows(); ++r) {
    vector::ListEntry e{0, 0};
    if (!collection.IsNull(r)) e = collection.data<vector::ListEntry>()[r];
    const bool emit_nulls = e.length == 0 && op.generator_outer;
    for (uint32_t i = 0; i < (emit_nulls ? 1 : e.length); ++i) {
      SLUICE_ASSIGN_OR_RAISE(size_t at, next_row());
      size_t c = 0;
      for (; c < input_width; ++c)
        SLUICE_RETURN_NOT_OK(vector::CopyRow(in.column(c), r, current->column(c), at));
      if (with_position) {
        if (emit_nulls) {
          current->column(c).SetNull(at);
        } else {
          current->column(c).data<int32_t>()[at] = static_cast<int32_t>(i);
          current->column(c).validity().SetValid(at);
        }
        ++c;
      }
      const vector::Vector& elements = collection.children()[0];
      if (emit_nulls) {
        for (; c < op.output.size(); ++c) current->column(c).SetNull(at);
      } else if (is_map) {
        SLUICE_RETURN_NOT_OK(vector::CopyRow(elements, e.offset + i, current->column(c++), at));
        SLUICE_RETURN_NOT_OK(
            vector::CopyRow(collection.children()[1], e.offset + i, current->column(c++), at));
      } else if (is_inline) {
        const bool null_struct = elements.IsNull(e.offset + i);
        for (size_t f = 0; f < elements.children().size(); ++f, ++c) {
          if (null_struct)
            current->column(c).SetNull(at);
          else
            SLUICE_RETURN_NOT_OK(
                vector::CopyRow(elements.children()[f], e.offset + i, current->column(c), at));
        }
      } else {
        SLUICE_RETURN_NOT_OK(vector::CopyRow(elements, e.offset + i, current->column(c++), at));
      }
    }
  }
  if (current && current->num_rows() > 0) return emit(std::move(*current));
  return Status::OK();
}

}  // namespace sluice::exec
