// Group ids by dictionary code: when the only key of a batch that varies is a string column
// in dictionary form (a Parquet dictionary page; the other keys constant, such as the
// grouping-set id), a row's key is decided by its code or its NULL, so each code is looked
// up once and its other rows reuse the id. Shared by KeyTable and GroupTable.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/status.h"
#include "vector/vector.h"

namespace sluice::exec {

// The key column in dictionary form when every other key is constant; -1 otherwise, or
// when the dictionary is much larger than the batch (clearing its cache would cost more).
inline int DictionaryKey(const std::vector<const vector::Vector*>& keys, size_t rows) {
  int found = -1;
  for (size_t c = 0; c < keys.size(); ++c) {
    if (keys[c]->is_constant()) continue;
    const vector::DictionaryCodes* dict = keys[c]->dictionary();
    if (found >= 0 || dict == nullptr || dict->codes.size() < rows ||
        dict->dictionary.capacity() > 4 * rows + 64)
      return -1;
    found = static_cast<int>(c);
  }
  return found;
}

// ids[r] for rows [0, rows) of `keys`, whose column `c` is DictionaryKey's, each code's id
// from `look_up(row)` at its first row. `code_ids` is scratch space kept between batches.
template <typename LookUp>
Status LookUpByCode(const std::vector<const vector::Vector*>& keys, int c, size_t rows,
                    std::vector<uint32_t>& code_ids, std::vector<uint32_t>& ids,
                    const LookUp& look_up) {
  constexpr uint32_t kUnseen = UINT32_MAX;
  const vector::Vector& column = *keys[c];
  const uint32_t* codes = column.dictionary()->codes.data();
  code_ids.assign(column.dictionary()->dictionary.capacity(), kUnseen);
  std::optional<uint32_t> null_id;
  ids.resize(rows);
  for (size_t r = 0; r < rows; ++r) {
    uint32_t* id = column.IsNull(r) ? nullptr : &code_ids[codes[r]];
    if (id != nullptr && *id != kUnseen) {
      ids[r] = *id;
    } else if (id == nullptr && null_id) {
      ids[r] = *null_id;
    } else {
      Result<uint32_t> found = look_up(r);
      if (!found.ok()) return found.status();
      ids[r] = *found;
      (id != nullptr ? *id : null_id.emplace()) = ids[r];
    }
  }
  return Status::OK();
}

}  // namespace sluice::exec
