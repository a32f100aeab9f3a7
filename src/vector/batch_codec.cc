#include "vector/batch_codec.h"

#include <cstring>
#include <vector>

namespace sluice::vector {

using types::TypeId;

namespace {

template <typename T>
void Put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(value));
}

// `rows` of `v` (positions in it), in that order.
void EncodeVector(const Vector& v, const std::vector<uint32_t>& rows, std::string& out) {
  bool has_null = false;
  for (uint32_t r : rows) has_null = has_null || v.IsNull(r);
  out.push_back(has_null ? 1 : 0);
  if (has_null) {
    std::string bits((rows.size() + 7) / 8, '\0');
    for (size_t i = 0; i < rows.size(); ++i)
      if (!v.IsNull(rows[i])) bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
    out += bits;
  }
  switch (v.type().id()) {
    case TypeId::kString:
    case TypeId::kBinary: {
      const StringRef* s = v.data<StringRef>();
      for (uint32_t r : rows) Put<uint32_t>(out, v.IsNull(r) ? 0 : s[r].size());
      for (uint32_t r : rows)
        if (!v.IsNull(r)) out.append(s[r].data(), s[r].size());
      return;
    }
    case TypeId::kArray:
    case TypeId::kMap: {
      const ListEntry* entries = v.data<ListEntry>();
      std::vector<uint32_t> elements;
      for (uint32_t r : rows) {
        const uint32_t length = v.IsNull(r) ? 0 : entries[r].length;
        Put<uint32_t>(out, length);
        for (uint32_t k = 0; k < length; ++k) elements.push_back(entries[r].offset + k);
      }
      for (const Vector& child : v.children()) EncodeVector(child, elements, out);
      return;
    }
    case TypeId::kStruct:
      for (const Vector& child : v.children()) EncodeVector(child, rows, out);
      return;
    default: {
      const size_t width = v.type().FixedWidth();
      const char* data = v.data<char>();
      for (uint32_t r : rows) out.append(data + r * width, width);
    }
  }
}

// Bytes being decoded; every read checks what is left.
class Input {
 public:
  Input(const char* begin, const char* end) : at_(begin), end_(end) {}
  size_t left() const { return end_ - at_; }
  Result<const char*> Take(size_t n) {
    if (n > left())
      return Status::Invalid("spilled rows are damaged: " + std::to_string(n) +
                             " bytes expected, " + std::to_string(left()) + " left");
    const char* p = at_;
    at_ += n;
    return p;
  }
  template <typename T>
  Result<T> Get() {
    SLUICE_ASSIGN_OR_RAISE(const char* p, Take(sizeof(T)));
    T value;
    std::memcpy(&value, p, sizeof(T));
    return value;
  }

 private:
  const char* at_;
  const char* end_;
};

// Fills rows [0, rows) of `v` (room for them) from `in`; strings point into `owner`.
Status DecodeVector(Input& in, Vector& v, size_t rows,
                    const std::shared_ptr<const std::string>& owner) {
  SLUICE_ASSIGN_OR_RAISE(const uint8_t has_null, in.Get<uint8_t>());
  if (has_null > 1) return Status::Invalid("spilled rows are damaged: bad NULL flag");
  if (has_null) {
    SLUICE_ASSIGN_OR_RAISE(const char* bits, in.Take((rows + 7) / 8));
    for (size_t r = 0; r < rows; ++r)
      if (!((bits[r / 8] >> (r % 8)) & 1)) v.SetNull(r);
  }
  switch (v.type().id()) {
    case TypeId::kString:
    case TypeId::kBinary: {
      SLUICE_ASSIGN_OR_RAISE(const char* lengths, in.Take(rows * sizeof(uint32_t)));
      StringRef* out = v.data<StringRef>();
      for (size_t r = 0; r < rows; ++r) {
        uint32_t length;
        std::memcpy(&length, lengths + r * sizeof(uint32_t), sizeof(length));
        SLUICE_ASSIGN_OR_RAISE(const char* bytes, in.Take(length));
        out[r] = StringRef(bytes, length);
      }
      v.heap().Pin(owner);
      return Status::OK();
    }
    case TypeId::kArray:
    case TypeId::kMap: {
      for (size_t r = 0; r < rows; ++r) {
        SLUICE_ASSIGN_OR_RAISE(const uint32_t length, in.Get<uint32_t>());
        // Every element takes at least a bit of what is left: a damaged length cannot make
        // the children grow beyond the input.
        if (v.child_size() + length > in.left() * 8 + 64)
          return Status::Invalid("spilled rows are damaged: a list longer than the input");
        SLUICE_RETURN_NOT_OK(v.AppendListEntry(r, length).status());
      }
      const size_t elements = v.child_size();
      for (Vector& child : v.children())
        SLUICE_RETURN_NOT_OK(DecodeVector(in, child, elements, owner));
      return Status::OK();
    }
    case TypeId::kStruct:
      for (Vector& child : v.children()) SLUICE_RETURN_NOT_OK(DecodeVector(in, child, rows, owner));
      return Status::OK();
    default: {
      const size_t width = v.type().FixedWidth();
      SLUICE_ASSIGN_OR_RAISE(const char* values, in.Take(rows * width));
      if (width > 0) std::memcpy(v.data<char>(), values, rows * width);
      return Status::OK();
    }
  }
}

}  // namespace

void EncodeBatch(const Batch& batch, std::string& out) {
  std::vector<uint32_t> rows(batch.num_selected());
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(batch.selected_row(i));
  Put<uint32_t>(out, static_cast<uint32_t>(rows.size()));
  for (size_t c = 0; c < batch.num_columns(); ++c) EncodeVector(batch.column(c), rows, out);
}

Result<Batch> DecodeBatch(std::shared_ptr<const std::string> bytes,
                          std::shared_ptr<const types::Schema> schema) {
  Input in(bytes->data(), bytes->data() + bytes->size());
  SLUICE_ASSIGN_OR_RAISE(const uint32_t rows, in.Get<uint32_t>());
  // Each row of each column takes at least a bit (or the batch has no columns).
  if (schema->size() > 0 && rows > in.left() * 8 + 64)
    return Status::Invalid("spilled rows are damaged: more rows than bytes");
  SLUICE_ASSIGN_OR_RAISE(Batch batch, Batch::Make(schema, std::max<size_t>(rows, 1)));
  for (size_t c = 0; c < batch.num_columns(); ++c)
    SLUICE_RETURN_NOT_OK(DecodeVector(in, batch.column(c), rows, bytes));
  if (in.left() != 0) return Status::Invalid("spilled rows are damaged: bytes after the rows");
  batch.set_num_rows(rows);
  return batch;
}

}  // namespace sluice::vector
