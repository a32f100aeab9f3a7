// The Thrift compact protocol, as Parquet uses it for its footer and page headers:
// a pull reader over untrusted bytes (bounds- and depth-checked, unknown fields
// skipped, errors naming the byte offset) and a writer. Both are single-owner objects,
// not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sluice::formats::parquet {

enum class ThriftType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

struct ThriftField {
  int16_t id = 0;
  ThriftType type = ThriftType::kStop;
  // For boolean fields the value travels in the header.
  bool bool_value() const { return type == ThriftType::kBoolTrue; }
};

struct ThriftList {
  ThriftType element_type;
  uint32_t size;
};

class ThriftReader {
 public:
  explicit ThriftReader(std::string_view bytes) : bytes_(bytes) {}

  Status BeginStruct();
  // The next field of the current struct; false at its end (the stop byte is consumed).
  Result<bool> NextField(ThriftField* field);
  Status EndStruct();

  Result<int8_t> ReadByte();
  Result<int16_t> ReadI16();
  Result<int32_t> ReadI32();
  Result<int64_t> ReadI64();
  Result<double> ReadDouble();
  // A view into the input bytes.
  Result<std::string_view> ReadBinary();
  Result<ThriftList> ReadListHeader();
  // A boolean list element (fields carry theirs in ThriftField).
  Result<bool> ReadBoolElement();
  // Skips a value of the given type, nested ones included.
  Status Skip(ThriftType type);

  size_t position() const { return pos_; }

 private:
  Status Error(const std::string& what) const;
  Result<uint64_t> ReadVarint();

  std::string_view bytes_;
  size_t pos_ = 0;
  std::vector<int16_t> last_field_ids_;  // one per open struct
};

class ThriftWriter {
 public:
  void BeginStruct() { last_field_ids_.push_back(0); }
  void EndStruct();  // writes the stop byte

  void FieldI32(int16_t id, int32_t v);
  void FieldI64(int16_t id, int64_t v);
  void FieldI16(int16_t id, int16_t v);
  void FieldByte(int16_t id, int8_t v);
  void FieldBool(int16_t id, bool v);
  void FieldDouble(int16_t id, double v);
  void FieldBinary(int16_t id, std::string_view v);
  // Opens a nested struct as field `id`; close it with EndStruct().
  void FieldStructBegin(int16_t id);
  // A list field header; write `size` elements after it with the element writers.
  void FieldListBegin(int16_t id, ThriftType element_type, uint32_t size);

  void ElementI32(int32_t v) { WriteVarint(ZigZag(v)); }
  void ElementI64(int64_t v) { WriteVarint(ZigZag(v)); }
  void ElementBinary(std::string_view v);
  void ElementBool(bool v) { out_.push_back(v ? 1 : 2); }
  // A struct element of a list; close it with EndStruct().
  void ElementStructBegin() { BeginStruct(); }

  const std::string& bytes() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  static uint64_t ZigZag(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  }
  void WriteVarint(uint64_t v);
  void FieldHeader(int16_t id, ThriftType type);

  std::string out_;
  std::vector<int16_t> last_field_ids_;
};

}  // namespace sluice::formats::parquet
