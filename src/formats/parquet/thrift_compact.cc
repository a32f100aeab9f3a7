#include "formats/parquet/thrift_compact.h"

#include <cstring>

namespace sluice::formats::parquet {
namespace {

constexpr size_t kMaxDepth = 64;  // nested structs/lists; deeper input is rejected, not recursed

int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

}  // namespace

Status ThriftReader::Error(const std::string& what) const {
  return Status::ParseError("Thrift: " + what + " at byte " + std::to_string(pos_));
}

Result<uint64_t> ThriftReader::ReadVarint() {
  uint64_t result = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (pos_ >= bytes_.size()) return Error("truncated varint");
    uint8_t b = static_cast<uint8_t>(bytes_[pos_++]);
    result |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return result;
  }
  return Error("varint longer than 10 bytes");
}

Status ThriftReader::BeginStruct() {
  if (last_field_ids_.size() >= kMaxDepth) return Error("nesting deeper than 64");
  last_field_ids_.push_back(0);
  return Status::OK();
}

Status ThriftReader::EndStruct() {
  if (last_field_ids_.empty()) return Error("end of a struct that was not begun");
  last_field_ids_.pop_back();
  return Status::OK();
}

Result<bool> ThriftReader::NextField(ThriftField* field) {
  if (last_field_ids_.empty()) return Error("field outside a struct");
  if (pos_ >= bytes_.size()) return Error("truncated struct");
  uint8_t header = static_cast<uint8_t>(bytes_[pos_++]);
  auto type = static_cast<ThriftType>(header & 0x0F);
  if (type == ThriftType::kStop) return false;
  if (static_cast<uint8_t>(type) > static_cast<uint8_t>(ThriftType::kStruct)) {
    return Error("unknown field type " + std::to_string(header & 0x0F));
  }
  int16_t delta = header >> 4;
  if (delta != 0) {
    field->id = static_cast<int16_t>(last_field_ids_.back() + delta);
  } else {
    SLUICE_ASSIGN_OR_RAISE(field->id, ReadI16());
  }
  field->type = type;
  last_field_ids_.back() = field->id;
  return true;
}

Result<int8_t> ThriftReader::ReadByte() {
  if (pos_ >= bytes_.size()) return Error("truncated byte");
  return static_cast<int8_t>(bytes_[pos_++]);
}

Result<int16_t> ThriftReader::ReadI16() {
  SLUICE_ASSIGN_OR_RAISE(uint64_t v, ReadVarint());
  return static_cast<int16_t>(UnZigZag(v));
}

Result<int32_t> ThriftReader::ReadI32() {
  SLUICE_ASSIGN_OR_RAISE(uint64_t v, ReadVarint());
  return static_cast<int32_t>(UnZigZag(v));
}

Result<int64_t> ThriftReader::ReadI64() {
  SLUICE_ASSIGN_OR_RAISE(uint64_t v, ReadVarint());
  return UnZigZag(v);
}

Result<double> ThriftReader::ReadDouble() {
  if (bytes_.size() - pos_ < 8) return Error("truncated double");
  double v;
  std::memcpy(&v, bytes_.data() + pos_, 8);
  pos_ += 8;
  return v;
}

Result<std::string_view> ThriftReader::ReadBinary() {
  SLUICE_ASSIGN_OR_RAISE(uint64_t size, ReadVarint());
  if (size > bytes_.size() - pos_) {
    return Error("binary of " + std::to_string(size) + " bytes past the end (" +
                 std::to_string(bytes_.size() - pos_) + " left)");
  }
  std::string_view v = bytes_.substr(pos_, size);
  pos_ += size;
  return v;
}

Result<ThriftList> ThriftReader::ReadListHeader() {
  if (pos_ >= bytes_.size()) return Error("truncated list header");
  uint8_t header = static_cast<uint8_t>(bytes_[pos_++]);
  ThriftList list{static_cast<ThriftType>(header & 0x0F), static_cast<uint32_t>(header >> 4)};
  if (list.size == 15) {
    SLUICE_ASSIGN_OR_RAISE(uint64_t size, ReadVarint());
    // Every element takes at least one byte: a larger count is corrupt.
    if (size > bytes_.size() - pos_)
      return Error("list of " + std::to_string(size) + " elements past the end");
    list.size = static_cast<uint32_t>(size);
  }
  return list;
}

Result<bool> ThriftReader::ReadBoolElement() {
  SLUICE_ASSIGN_OR_RAISE(int8_t b, ReadByte());
  return b == 1;
}

Status ThriftReader::Skip(ThriftType type) {
  switch (type) {
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
      return Status::OK();
    case ThriftType::kByte:
      return ReadByte().status();
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64:
      return ReadVarint().status();
    case ThriftType::kDouble:
      return ReadDouble().status();
    case ThriftType::kBinary:
      return ReadBinary().status();
    case ThriftType::kList:
    case ThriftType::kSet: {
      if (last_field_ids_.size() >= kMaxDepth) return Error("nesting deeper than 64");
      SLUICE_ASSIGN_OR_RAISE(ThriftList list, ReadListHeader());
      last_field_ids_.push_back(0);  // counts toward the depth limit
      for (uint32_t i = 0; i < list.size; ++i) {
        Status st = list.element_type == ThriftType::kBoolTrue ||
                            list.element_type == ThriftType::kBoolFalse
                        ? ReadByte().status()
                        : Skip(list.element_type);
        if (!st.ok()) return st;
      }
      last_field_ids_.pop_back();
      return Status::OK();
    }
    case ThriftType::kMap: {
      SLUICE_ASSIGN_OR_RAISE(uint64_t size, ReadVarint());
      if (size == 0) return Status::OK();
      if (size > bytes_.size() - pos_) return Error("map past the end");
      SLUICE_ASSIGN_OR_RAISE(int8_t kinds, ReadByte());
      auto key = static_cast<ThriftType>((static_cast<uint8_t>(kinds) >> 4) & 0x0F);
      auto value = static_cast<ThriftType>(static_cast<uint8_t>(kinds) & 0x0F);
      for (uint64_t i = 0; i < size; ++i) {
        SLUICE_RETURN_NOT_OK(Skip(key));
        SLUICE_RETURN_NOT_OK(Skip(value));
      }
      return Status::OK();
    }
    case ThriftType::kStruct: {
      SLUICE_RETURN_NOT_OK(BeginStruct());
      ThriftField field;
      while (true) {
        SLUICE_ASSIGN_OR_RAISE(bool more, NextField(&field));
        if (!more) break;
        SLUICE_RETURN_NOT_OK(Skip(field.type));
      }
      return EndStruct();
    }
    case ThriftType::kStop:
      break;
  }
  return Error("cannot skip a value of type " + std::to_string(static_cast<int>(type)));
}

void ThriftWriter::WriteVarint(uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

void ThriftWriter::FieldHeader(int16_t id, ThriftType type) {
  int16_t& last = last_field_ids_.back();
  int delta = id - last;
  if (delta > 0 && delta <= 15) {
    out_.push_back(static_cast<char>((delta << 4) | static_cast<int>(type)));
  } else {
    out_.push_back(static_cast<char>(type));
    WriteVarint(ZigZag(id));
  }
  last = id;
}

void ThriftWriter::EndStruct() {
  out_.push_back(0);
  last_field_ids_.pop_back();
}

void ThriftWriter::FieldI32(int16_t id, int32_t v) {
  FieldHeader(id, ThriftType::kI32);
  WriteVarint(ZigZag(v));
}
void ThriftWriter::FieldI64(int16_t id, int64_t v) {
  FieldHeader(id, ThriftType::kI64);
  WriteVarint(ZigZag(v));
}
void ThriftWriter::FieldI16(int16_t id, int16_t v) {
  FieldHeader(id, ThriftType::kI16);
  WriteVarint(ZigZag(v));
}
void ThriftWriter::FieldByte(int16_t id, int8_t v) {
  FieldHeader(id, ThriftType::kByte);
  out_.push_back(static_cast<char>(v));
}
void ThriftWriter::FieldBool(int16_t id, bool v) {
  FieldHeader(id, v ? ThriftType::kBoolTrue : ThriftType::kBoolFalse);
}
void ThriftWriter::FieldDouble(int16_t id, double v) {
  FieldHeader(id, ThriftType::kDouble);
  char buf[8];
  std::memcpy(buf, &v, 8);
  out_.append(buf, 8);
}
void ThriftWriter::FieldBinary(int16_t id, std::string_view v) {
  FieldHeader(id, ThriftType::kBinary);
  ElementBinary(v);
}
void ThriftWriter::ElementBinary(std::string_view v) {
  WriteVarint(v.size());
  out_.append(v);
}
void ThriftWriter::FieldStructBegin(int16_t id) {
  FieldHeader(id, ThriftType::kStruct);
  BeginStruct();
}
void ThriftWriter::FieldListBegin(int16_t id, ThriftType element_type, uint32_t size) {
  FieldHeader(id, ThriftType::kList);
  if (size < 15) {
    out_.push_back(static_cast<char>((size << 4) | static_cast<uint32_t>(element_type)));
  } else {
    out_.push_back(static_cast<char>(0xF0 | static_cast<int>(element_type)));
    WriteVarint(size);
  }
}

}  // namespace sluice::formats::parquet
