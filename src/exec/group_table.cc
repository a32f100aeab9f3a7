#include "exec/group_table.h"

#include <algorithm>
#include <memory>

#include "vector/vector_ops.h"

namespace sluice::exec {

namespace {

constexpr uint64_t kSeed = 0x6a09e667;
constexpr uint64_t kTagMask = 0xffffffff00000000ULL;
// Rows ahead whose slot is prefetched.
constexpr size_t kPrefetchDistance = 16;

uint64_t Entry(uint64_t hash, uint32_t id) { return (hash & kTagMask) | (uint64_t{id} + 1); }

template <typename T>
void CopyValue(const vector::Vector& from, size_t row, vector::Vector& to, size_t at) {
  to.data<T>()[at] = from.data<T>()[row];
}

}  // namespace

// Types whose values are equal exactly when their bits are (or, strings, their bytes).
GroupTable::KeyKind GroupTable::KindOf(const types::LogicalType& type) {
  switch (type.id()) {
    case types::TypeId::kString:
    case types::TypeId::kBinary:
      return KeyKind::kString;
    case types::TypeId::kInt:
    case types::TypeId::kDate:
    case types::TypeId::kYearMonthInterval:
      return KeyKind::kWord4;
    case types::TypeId::kBigInt:
    case types::TypeId::kTimestamp:
    case types::TypeId::kTimestampNtz:
    case types::TypeId::kDayTimeInterval:
      return KeyKind::kWord8;
    default:
      return KeyKind::kOther;
  }
}

Result<GroupTable> GroupTable::Make(const std::vector<types::LogicalType>& key_types) {
  GroupTable t;
  for (const types::LogicalType& type : key_types) {
    SLUICE_ASSIGN_OR_RAISE(vector::Vector v, vector::Vector::Make(type, 64));
    t.columns_.push_back(std::move(v));
    t.kinds_.push_back(KindOf(type));
  }
  t.slots_.assign(16, 0);
  return t;
}

size_t GroupTable::string_bytes() const {
  size_t bytes = pinned_bytes_;
  for (size_t c = 0; c < columns_.size(); ++c)
    if (kinds_[c] == KeyKind::kString) bytes += columns_[c].memory_bytes();
  return bytes;
}

size_t GroupTable::memory_bytes() const {
  size_t bytes = (hashes_.capacity() + slots_.capacity()) * sizeof(uint64_t) + string_bytes();
  for (size_t c = 0; c < columns_.size(); ++c)
    if (kinds_[c] != KeyKind::kString) bytes += columns_[c].memory_bytes();
  return bytes;
}

size_t GroupTable::group_bytes() const {
  size_t bytes = 3 * sizeof(uint64_t);  // its hash, and two slots (at most half are used)
  for (const vector::Vector& c : columns_) bytes += c.memory_bytes() / c.capacity();
  return bytes + pinned_bytes_ / std::max<size_t>(size(), 1);
}

uint64_t GroupTable::Hash(const std::vector<const vector::Vector*>& keys, size_t row) {
  uint64_t h = kSeed;
  for (const vector::Vector* k : keys) h = vector::HashValue(*k, row, h);
  return h;
}

void GroupTable::HashAll(const std::vector<const vector::Vector*>& keys, size_t rows,
                         std::vector<uint64_t>& hashes) {
  hashes.assign(rows, kSeed);
  for (const vector::Vector* k : keys) vector::HashColumn(*k, rows, hashes.data());
}

int64_t GroupTable::Probe(const std::vector<const vector::Vector*>& keys, size_t row,
                          uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  const uint64_t tag = hash & kTagMask;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const uint64_t entry = slots_[slot];
    if (entry == 0) return ~static_cast<int64_t>(slot);
    if ((entry & kTagMask) != tag) continue;
    const uint32_t id = static_cast<uint32_t>(entry) - 1;
    bool equal = true;
    for (size_t c = 0; c < keys.size() && equal; ++c) equal = KeyEqual(*keys[c], row, c, id);
    if (equal) return id;
  }
}

bool GroupTable::KeyEqual(const vector::Vector& key, size_t row, size_t c, uint32_t id) const {
  const vector::Vector& mine = columns_[c];
  const bool null = key.IsNull(row);
  if (null || mine.IsNull(id)) return null && mine.IsNull(id);
  switch (kinds_[c]) {
    case KeyKind::kString:
      return key.data<vector::StringRef>()[row] == mine.data<vector::StringRef>()[id];
    case KeyKind::kWord4:
      return key.data<int32_t>()[row] == mine.data<int32_t>()[id];
    case KeyKind::kWord8:
      return key.data<int64_t>()[row] == mine.data<int64_t>()[id];
    case KeyKind::kOther:
      break;
  }
  return vector::ValuesEqual(key, row, mine, id);
}

Result<uint32_t> GroupTable::Insert(const std::vector<const vector::Vector*>& keys, size_t row,
                                    uint64_t hash, size_t slot) {
  const uint32_t id = static_cast<uint32_t>(hashes_.size());
  for (size_t c = 0; c < keys.size(); ++c) {
    vector::Vector& column = columns_[c];
    if (id >= column.capacity()) SLUICE_RETURN_NOT_OK(column.Reserve(column.capacity() * 2));
    if (kinds_[c] == KeyKind::kOther) {
      SLUICE_RETURN_NOT_OK(vector::CopyRow(*keys[c], row, column, id));
      continue;
    }
    if (keys[c]->IsNull(row)) {
      column.SetNull(id);
      continue;
    }
    column.validity().SetValid(id);
    if (kinds_[c] == KeyKind::kString)  // by reference: KeepStrings keeps the bytes
      CopyValue<vector::StringRef>(*keys[c], row, column, id);
    else if (kinds_[c] == KeyKind::kWord4)
      CopyValue<int32_t>(*keys[c], row, column, id);
    else
      CopyValue<int64_t>(*keys[c], row, column, id);
  }
  hashes_.push_back(hash);
  slots_[slot] = Entry(hash, id);
  if (hashes_.size() * 2 > slots_.size()) Grow();
  return id;
}

void GroupTable::Grow() {
  slots_.assign(slots_.size() * 2, 0);
  const size_t mask = slots_.size() - 1;
  for (uint32_t id = 0; id < hashes_.size(); ++id) {
    size_t slot = hashes_[id] & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = Entry(hashes_[id], id);
  }
}

Result<uint32_t> GroupTable::FindOrInsertRef(const std::vector<const vector::Vector*>& keys,
                                             size_t row, uint64_t hash) {
  const int64_t at = Probe(keys, row, hash);
  if (at >= 0) return static_cast<uint32_t>(at);
  return Insert(keys, row, hash, static_cast<size_t>(~at));
}

Result<uint32_t> GroupTable::FindOrInsert(const std::vector<const vector::Vector*>& keys,
                                          size_t row, uint64_t hash) {
  const uint32_t first = static_cast<uint32_t>(size());
  SLUICE_ASSIGN_OR_RAISE(uint32_t id, FindOrInsertRef(keys, row, hash));
  SLUICE_RETURN_NOT_OK(KeepStrings(keys, first, /*pin=*/false).status());
  return id;
}

Result<size_t> GroupTable::KeepStrings(const std::vector<const vector::Vector*>& keys,
                                       uint32_t first, bool pin) {
  size_t pinned = 0;
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (kinds_[c] != KeyKind::kString) continue;
    vector::Vector& column = columns_[c];
    const vector::Vector& read = column;  // reads keep the column as it is
    auto outside = [&](uint32_t id) {
      return !read.IsNull(id) && !read.data<vector::StringRef>()[id].IsInlined();
    };
    bool any = false;
    for (uint32_t id = first; id < size() && !any; ++id) any = outside(id);
    if (!any) continue;
    if (pin) {
      // A shared copy of the vector: its producer's later writes copy first.
      column.heap().Pin(std::make_shared<const vector::Vector>(keys[c]->Share()));
      pinned += keys[c]->memory_bytes();
      continue;
    }
    vector::StringHeap& heap = column.heap();
    vector::StringRef* refs = column.data<vector::StringRef>();
    for (uint32_t id = first; id < size(); ++id)
      if (outside(id)) refs[id] = heap.Add(refs[id].view());
  }
  return pinned;
}

Status GroupTable::MergeFrom(const GroupTable& other, const std::vector<uint32_t>& theirs,
                             std::vector<uint32_t>& ids) {
  std::vector<const vector::Vector*> keys;
  for (const vector::Vector& c : other.columns_) keys.push_back(&c);
  const uint32_t first = static_cast<uint32_t>(size());
  ids.resize(theirs.size());
  for (size_t i = 0; i < theirs.size(); ++i) {
    SLUICE_ASSIGN_OR_RAISE(ids[i], FindOrInsertRef(keys, theirs[i], other.hashes_[theirs[i]]));
  }
  SLUICE_ASSIGN_OR_RAISE(size_t pinned, KeepStrings(keys, first, /*pin=*/true));
  // The other table's groups are split among the tables merging them: each is charged its
  // share of the other's string columns (and of what they pin).
  if (pinned > 0)
    pinned_bytes_ += other.string_bytes() * theirs.size() / std::max<size_t>(other.size(), 1);
  return Status::OK();
}

Status GroupTable::FindOrInsertAll(const std::vector<const vector::Vector*>& keys, size_t rows,
                                   std::vector<uint32_t>& ids, const uint64_t* hashes) {
  const uint32_t first = static_cast<uint32_t>(size());
  if (const int c = hashes ? -1 : DictionaryKey(keys, rows); c >= 0) {
    SLUICE_RETURN_NOT_OK(dictionary_ids_.LookUp(
        keys, c, rows, ids, [&](size_t r) { return FindOrInsertRef(keys, r, Hash(keys, r)); }));
    return KeepBatchStrings(keys, rows, first);
  }
  if (!hashes) {
    HashAll(keys, rows, batch_hashes_);
    hashes = batch_hashes_.data();
  }
  ids.resize(rows);
  for (size_t r = 0; r < rows; ++r) {
    if (r + kPrefetchDistance < rows)
      __builtin_prefetch(&slots_[hashes[r + kPrefetchDistance] & (slots_.size() - 1)]);
    SLUICE_ASSIGN_OR_RAISE(ids[r], FindOrInsertRef(keys, r, hashes[r]));
  }
  return KeepBatchStrings(keys, rows, first);
}

Status GroupTable::KeepBatchStrings(const std::vector<const vector::Vector*>& keys, size_t rows,
                                    uint32_t first) {
  // Pinned when its groups fill half its key vectors (rows or room, which may be more):
  // then they cost at most about twice what copying the new strings would.
  size_t span = rows;
  for (size_t c = 0; c < keys.size(); ++c)
    if (kinds_[c] == KeyKind::kString) span = std::max(span, keys[c]->capacity());
  SLUICE_ASSIGN_OR_RAISE(size_t pinned, KeepStrings(keys, first, (size() - first) * 2 >= span));
  pinned_bytes_ += pinned;
  return Status::OK();
}

}  // namespace sluice::exec
