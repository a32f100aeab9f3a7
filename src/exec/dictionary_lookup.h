// Group ids by dictionary code: when the only key of a batch that varies is a string column
// in dictionary form (a Parquet dictionary page; the other keys constant, such as the
// grouping-set id), a row's key is decided by its code or its NULL, so each code is looked
// up once and its other rows reuse the id. The ids per code are kept while the batches share
// the dictionary (every batch of a Parquet column chunk) and their constant keys, so a
// chunk's dictionary is hashed once, not once per batch. Shared by KeyTable and GroupTable.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "common/status.h"
#include "vector/vector.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

// The key column in dictionary form when every other key is constant; -1 otherwise.
inline int DictionaryKey(const std::vector<const vector::Vector*>& keys, size_t rows) {
  int found = -1;
  for (size_t c = 0; c < keys.size(); ++c) {
    if (keys[c]->is_constant()) continue;
    const vector::DictionaryCodes* dict = keys[c]->dictionary();
    if (found >= 0 || dict == nullptr || dict->codes.size() < rows) return -1;
    found = static_cast<int>(c);
  }
  return found;
}

// A table's ids by dictionary code, kept from batch to batch: a table's ids never change
// (dense, in order of first appearance; merging only adds), so a kept id holds until the
// dictionary or a constant key changes. A table made anew (after a spill) starts empty.
class DictionaryIds {
 public:
  // ids[r] for rows [0, rows) of `keys`, whose column `c` is DictionaryKey's, each code's id
  // from `look_up(row)` at its first row since the dictionary or a constant key changed.
  template <typename Find>
  Status LookUp(const std::vector<const vector::Vector*>& keys, int c, size_t rows,
                std::vector<uint32_t>& ids, const Find& look_up) {
    ids.resize(rows);
    if (rows == 0) return Status::OK();
    SLUICE_RETURN_NOT_OK(Keep(keys, c));
    const vector::Vector& column = *keys[c];
    const uint32_t* codes = column.dictionary()->codes.data();
    for (size_t r = 0; r < rows; ++r) {
      uint32_t* id = column.IsNull(r) ? nullptr : &code_ids_[codes[r]];
      if (id != nullptr && *id != kUnseen) {
        ids[r] = *id;
      } else if (id == nullptr && null_id_) {
        ids[r] = *null_id_;
      } else {
        Result<uint32_t> found = look_up(r);
        if (!found.ok()) return found.status();
        ids[r] = *found;
        (id != nullptr ? *id : null_id_.emplace()) = ids[r];
      }
    }
    return Status::OK();
  }

 private:
  static constexpr uint32_t kUnseen = UINT32_MAX;

  // Starts over unless `keys` has the dictionary and constant keys of the batches before.
  Status Keep(const std::vector<const vector::Vector*>& keys, int c) {
    const vector::Vector& dict = keys[c]->dictionary()->dictionary;
    bool same = dictionary_ && std::as_const(*dictionary_).data<vector::StringRef>() ==
                                   dict.data<vector::StringRef>();
    for (size_t k = 0, i = 0; same && k < keys.size(); ++k)
      if (static_cast<int>(k) != c) same = vector::ValuesEqual(*keys[k], 0, constants_[i++], 0);
    if (same) return Status::OK();
    // Held, the dictionary's values cannot be freed: their address names them.
    dictionary_ = dict.Share();
    constants_.clear();
    for (size_t k = 0; k < keys.size(); ++k) {
      if (static_cast<int>(k) == c) continue;
      SLUICE_ASSIGN_OR_RAISE(vector::Vector v, vector::Vector::Make(keys[k]->type(), 1));
      SLUICE_RETURN_NOT_OK(vector::CopyRow(*keys[k], 0, v, 0));
      constants_.push_back(std::move(v));
    }
    code_ids_.assign(dict.capacity(), kUnseen);
    null_id_.reset();
    return Status::OK();
  }

  std::optional<vector::Vector> dictionary_;  // the dictionary the ids are for
  std::vector<vector::Vector> constants_;     // the other keys' values (row 0 of each)
  std::vector<uint32_t> code_ids_;            // per code; kUnseen: not looked up yet
  std::optional<uint32_t> null_id_;           // a NULL row's
};

}  // namespace sluice::exec
