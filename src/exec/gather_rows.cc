#include "exec/gather_rows.h"

#include <algorithm>

#include "vector/vector_ops.h"

namespace sluice::exec {

using types::TypeId;
using vector::Vector;

namespace {

template <typename T>
void GatherValues(const std::vector<const void*>& data, const uint64_t* refs, size_t n, T* out) {
  for (size_t i = 0; i < n; ++i)
    out[i] = static_cast<const T*>(data[refs[i] >> 32])[refs[i] & 0xFFFFFFFF];
}

struct Bytes16 {
  uint64_t lo, hi;
};

}  // namespace

ColumnGatherer::ColumnGatherer(std::vector<const Vector*> sources, const types::LogicalType& type,
                               bool share_pinned)
    : sources_(std::move(sources)) {
  const TypeId id = type.id();
  row_by_row_ =
      id == TypeId::kNull || id == TypeId::kArray || id == TypeId::kMap || id == TypeId::kStruct;
  width_ = row_by_row_ ? 0 : type.FixedWidth();
  for (const Vector* s : sources_) {
    row_by_row_ |= s->type().FixedWidth() != width_;
    all_valid_ &= s->validity().AllValid();
    data_.push_back(s->data<uint8_t>());
  }
  if (!share_pinned || row_by_row_ || (id != TypeId::kString && id != TypeId::kBinary)) return;
  std::vector<std::shared_ptr<const void>> pins;
  for (const Vector* s : sources_) {
    if (s->heap().allocated_bytes() > 0) return;  // strings of its own: copied
    pins.insert(pins.end(), s->heap().pins().begin(), s->heap().pins().end());
  }
  const auto by_address = [](const auto& a, const auto& b) { return a.get() < b.get(); };
  std::sort(pins.begin(), pins.end(), by_address);
  pins.erase(std::unique(pins.begin(), pins.end(),
                         [](const auto& a, const auto& b) { return a.get() == b.get(); }),
             pins.end());
  pinned_ = std::make_shared<const std::vector<std::shared_ptr<const void>>>(std::move(pins));
}

Status ColumnGatherer::Gather(const uint64_t* refs, size_t n, Vector& dst, size_t at,
                              vector::StringHeap* arena,
                              const std::shared_ptr<const void>& arena_pin) const {
  if (row_by_row_) {
    for (size_t i = 0; i < n; ++i)
      SLUICE_RETURN_NOT_OK(
          vector::CopyRow(*sources_[refs[i] >> 32], refs[i] & 0xFFFFFFFF, dst, at + i));
    return Status::OK();
  }
  if (!all_valid_) {
    vector::ValidityMask& mask = dst.validity();
    for (size_t i = 0; i < n; ++i)
      mask.Set(at + i, !sources_[refs[i] >> 32]->IsNull(refs[i] & 0xFFFFFFFF));
  }
  if (dst.type().id() == TypeId::kString || dst.type().id() == TypeId::kBinary) {
    vector::StringRef* out = dst.data<vector::StringRef>() + at;
    vector::StringHeap& heap = arena ? *arena : dst.heap();
    const bool share = pinned_ != nullptr && arena == nullptr;
    bool points_into_pins = false;  // inlined strings need no buffer kept alive
    for (size_t i = 0; i < n; ++i) {
      const Vector& src = *sources_[refs[i] >> 32];
      const size_t row = refs[i] & 0xFFFFFFFF;
      const vector::StringRef& s = src.data<vector::StringRef>()[row];
      if (!all_valid_ && src.IsNull(row)) {
        out[i] = vector::StringRef();
      } else if (s.IsInlined()) {
        out[i] = s;
      } else {
        out[i] = share ? s : heap.Add(s.view());
        points_into_pins = true;
      }
    }
    if (points_into_pins && share) dst.heap().Pin(pinned_);
    if (points_into_pins && arena) dst.heap().Pin(arena_pin);
    return Status::OK();
  }
  switch (width_) {
    case 1:
      GatherValues(data_, refs, n, dst.data<uint8_t>() + at);
      break;
    case 2:
      GatherValues(data_, refs, n, dst.data<uint16_t>() + at);
      break;
    case 4:
      GatherValues(data_, refs, n, dst.data<uint32_t>() + at);
      break;
    case 8:
      GatherValues(data_, refs, n, dst.data<uint64_t>() + at);
      break;
    case 16:
      GatherValues(data_, refs, n, dst.data<Bytes16>() + at);
      break;
    default:
      return Status::Internal("gather of " + dst.type().ToString());
  }
  return Status::OK();
}

Status GatherColumn(const std::vector<const Vector*>& sources, const uint64_t* refs, size_t n,
                    Vector& dst, size_t at) {
  return ColumnGatherer(sources, dst.type()).Gather(refs, n, dst, at);
}

Status AppendColumn(const Vector& src, size_t n, Vector& dst, size_t at, bool share_pinned) {
  std::vector<uint64_t> refs(n);
  for (size_t i = 0; i < n; ++i) refs[i] = i;
  return ColumnGatherer({&src}, dst.type(), share_pinned).Gather(refs.data(), n, dst, at);
}

Result<vector::Batch> GatherRows(const std::vector<vector::Batch>& batches,
                                 const std::shared_ptr<const types::Schema>& schema,
                                 const uint64_t* refs, size_t n) {
  // The gatherer writes every slot (an empty output's one slot stays zeroed).
  SLUICE_ASSIGN_OR_RAISE(vector::Batch out, n == 0 ? vector::Batch::Make(schema, 1)
                                                   : vector::Batch::MakeForOverwrite(schema, n));
  std::vector<const Vector*> sources(batches.size());
  for (size_t c = 0; c < schema->size(); ++c) {
    for (size_t b = 0; b < batches.size(); ++b) sources[b] = &batches[b].column(c);
    SLUICE_RETURN_NOT_OK(GatherColumn(sources, refs, n, out.column(c)));
  }
  out.set_num_rows(n);
  return out;
}

}  // namespace sluice::exec
