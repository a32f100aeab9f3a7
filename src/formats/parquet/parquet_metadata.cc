#include "formats/parquet/parquet_metadata.h"

#include <algorithm>
#include <functional>

#include "formats/parquet/thrift_compact.h"

namespace sluice::formats::parquet {
namespace {

using FieldFn = std::function<Status(const ThriftField&)>;

// Reads one struct, handing each field to `fn`, which reads the value or returns
// NotImplemented to have it skipped. Checks that every id in `required` was seen.
Status ReadStruct(ThriftReader& r, const char* name, std::initializer_list<int16_t> required,
                  const FieldFn& fn) {
  SLUICE_RETURN_NOT_OK(r.BeginStruct());
  uint64_t seen = 0;
  ThriftField field;
  while (true) {
    SLUICE_ASSIGN_OR_RAISE(bool more, r.NextField(&field));
    if (!more) break;
    Status st = fn(field);
    if (st.code() == StatusCode::kNotImplemented) {
      SLUICE_RETURN_NOT_OK(r.Skip(field.type));
    } else if (!st.ok()) {
      return st;
    }
    if (field.id >= 0 && field.id < 64) seen |= uint64_t{1} << field.id;
  }
  for (int16_t id : required) {
    if ((seen & (uint64_t{1} << id)) == 0) {
      return Status::ParseError(std::string("Thrift: ") + name + " lacks required field " +
                                std::to_string(id) + " (before byte " +
                                std::to_string(r.position()) + ")");
    }
  }
  return r.EndStruct();
}

Status Skip() { return Status::NotImplemented("skip"); }

Status ExpectType(const ThriftField& f, ThriftType type, ThriftReader& r) {
  bool ok = f.type == type || (type == ThriftType::kBoolTrue && f.type == ThriftType::kBoolFalse);
  if (!ok) {
    return Status::ParseError("Thrift: field " + std::to_string(f.id) + " has type " +
                              std::to_string(static_cast<int>(f.type)) + ", expected " +
                              std::to_string(static_cast<int>(type)) + " (byte " +
                              std::to_string(r.position()) + ")");
  }
  return Status::OK();
}

template <typename T>
Status ReadI32As(ThriftReader& r, const ThriftField& f, T* out) {
  SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kI32, r));
  SLUICE_ASSIGN_OR_RAISE(int32_t v, r.ReadI32());
  *out = static_cast<T>(v);
  return Status::OK();
}

Status ReadI64(ThriftReader& r, const ThriftField& f, int64_t* out) {
  SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kI64, r));
  SLUICE_ASSIGN_OR_RAISE(*out, r.ReadI64());
  return Status::OK();
}

Status ReadString(ThriftReader& r, const ThriftField& f, std::string* out) {
  SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kBinary, r));
  SLUICE_ASSIGN_OR_RAISE(std::string_view v, r.ReadBinary());
  *out = std::string(v);
  return Status::OK();
}

template <typename T, typename Fn>
Status ReadList(ThriftReader& r, const ThriftField& f, std::vector<T>* out, Fn element) {
  SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kList, r));
  SLUICE_ASSIGN_OR_RAISE(ThriftList list, r.ReadListHeader());
  out->clear();
  for (uint32_t i = 0; i < list.size; ++i) {
    T value{};
    SLUICE_RETURN_NOT_OK(element(list.element_type, &value));
    out->push_back(std::move(value));
  }
  return Status::OK();
}

Status ReadStatistics(ThriftReader& r, Statistics* s) {
  return ReadStruct(r, "Statistics", {}, [&](const ThriftField& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadString(r, f, &s->max.emplace());
      case 2:
        return ReadString(r, f, &s->min.emplace());
      case 3:
        return ReadI64(r, f, &s->null_count.emplace());
      case 4:
        return ReadI64(r, f, &s->distinct_count.emplace());
      case 5:
        return ReadString(r, f, &s->max_value.emplace());
      case 6:
        return ReadString(r, f, &s->min_value.emplace());
      default:
        return Skip();
    }
  });
}

Status ReadTimeUnit(ThriftReader& r, TimeUnit* unit) {
  return ReadStruct(r, "TimeUnit", {}, [&](const ThriftField& f) -> Status {
    if (f.id >= 1 && f.id <= 3) *unit = static_cast<TimeUnit>(f.id);
    return Skip();  // the members are empty structs
  });
}

Status ReadLogicalType(ThriftReader& r, LogicalTypeAnnotation* t) {
  return ReadStruct(r, "LogicalType", {}, [&](const ThriftField& f) -> Status {
    SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, r));
    using Kind = LogicalTypeAnnotation::Kind;
    switch (f.id) {
      case 5:
        t->kind = Kind::kDecimal;
        return ReadStruct(r, "DecimalType", {1, 2}, [&](const ThriftField& g) -> Status {
          if (g.id == 1) return ReadI32As(r, g, &t->scale);
          if (g.id == 2) return ReadI32As(r, g, &t->precision);
          return Skip();
        });
      case 7:
      case 8:
        t->kind = f.id == 7 ? Kind::kTime : Kind::kTimestamp;
        return ReadStruct(r, "TimestampType", {1, 2}, [&](const ThriftField& g) -> Status {
          if (g.id == 1) {
            SLUICE_RETURN_NOT_OK(ExpectType(g, ThriftType::kBoolTrue, r));
            t->adjusted_to_utc = g.bool_value();
            return Status::OK();
          }
          if (g.id == 2) {
            SLUICE_RETURN_NOT_OK(ExpectType(g, ThriftType::kStruct, r));
            return ReadTimeUnit(r, &t->unit);
          }
          return Skip();
        });
      case 10:
        t->kind = Kind::kInteger;
        return ReadStruct(r, "IntType", {1, 2}, [&](const ThriftField& g) -> Status {
          if (g.id == 1) {
            SLUICE_RETURN_NOT_OK(ExpectType(g, ThriftType::kByte, r));
            SLUICE_ASSIGN_OR_RAISE(t->bit_width, r.ReadByte());
            return Status::OK();
          }
          if (g.id == 2) {
            SLUICE_RETURN_NOT_OK(ExpectType(g, ThriftType::kBoolTrue, r));
            t->is_signed = g.bool_value();
            return Status::OK();
          }
          return Skip();
        });
      default:
        if (f.id >= 1 && f.id <= 15 && f.id != 9) {
          t->kind = static_cast<Kind>(f.id);
        } else {
          t->kind = Kind::kOther;
          t->other_id = f.id;
        }
        return Skip();
    }
  });
}

Status ReadSchemaElement(ThriftReader& r, SchemaElement* e) {
  return ReadStruct(r, "SchemaElement", {4}, [&](const ThriftField& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadI32As(r, f, &e->type.emplace());
      case 2:
        return ReadI32As(r, f, &e->type_length.emplace());
      case 3:
        return ReadI32As(r, f, &e->repetition.emplace());
      case 4:
        return ReadString(r, f, &e->name);
      case 5:
        return ReadI32As(r, f, &e->num_children.emplace());
      case 6:
        return ReadI32As(r, f, &e->converted_type.emplace());
      case 7:
        return ReadI32As(r, f, &e->scale.emplace());
      case 8:
        return ReadI32As(r, f, &e->precision.emplace());
      case 9:
        return ReadI32As(r, f, &e->field_id.emplace());
      case 10:
        SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, r));
        return ReadLogicalType(r, &e->logical_type);
      default:
        return Skip();
    }
  });
}

Status ReadKeyValue(ThriftReader& r, KeyValue* kv) {
  return ReadStruct(r, "KeyValue", {1}, [&](const ThriftField& f) -> Status {
    if (f.id == 1) return ReadString(r, f, &kv->key);
    if (f.id == 2) return ReadString(r, f, &kv->value.emplace());
    return Skip();
  });
}

Status ReadColumnMetaData(ThriftReader& r, ColumnMetaData* m) {
  return ReadStruct(
      r, "ColumnMetaData", {1, 2, 3, 4, 5, 6, 7, 9}, [&](const ThriftField& f) -> Status {
        switch (f.id) {
          case 1:
            return ReadI32As(r, f, &m->type);
          case 2:
            return ReadList(r, f, &m->encodings, [&](ThriftType, Encoding* e) -> Status {
              SLUICE_ASSIGN_OR_RAISE(int32_t v, r.ReadI32());
              *e = static_cast<Encoding>(v);
              return Status::OK();
            });
          case 3:
            return ReadList(r, f, &m->path_in_schema, [&](ThriftType, std::string* s) -> Status {
              SLUICE_ASSIGN_OR_RAISE(std::string_view v, r.ReadBinary());
              *s = std::string(v);
              return Status::OK();
            });
          case 4:
            return ReadI32As(r, f, &m->codec);
          case 5:
            return ReadI64(r, f, &m->num_values);
          case 6:
            return ReadI64(r, f, &m->total_uncompressed_size);
          case 7:
            return ReadI64(r, f, &m->total_compressed_size);
          case 9:
            return ReadI64(r, f, &m->data_page_offset);
          case 10:
            return ReadI64(r, f, &m->index_page_offset.emplace());
          case 11:
            return ReadI64(r, f, &m->dictionary_page_offset.emplace());
          case 12:
            SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, r));
            return ReadStatistics(r, &m->statistics.emplace());
          default:
            return Skip();
        }
      });
}

Status ReadColumnChunk(ThriftReader& r, ColumnChunk* c) {
  return ReadStruct(r, "ColumnChunk", {}, [&](const ThriftField& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadString(r, f, &c->file_path.emplace());
      case 2:
        return ReadI64(r, f, &c->file_offset);
      case 3:
        SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, r));
        return ReadColumnMetaData(r, &c->meta_data.emplace());
      case 8:
      case 9:
        c->encrypted = true;
        return Skip();
      default:
        return Skip();
    }
  });
}

Status ReadRowGroup(ThriftReader& r, RowGroup* g) {
  return ReadStruct(r, "RowGroup", {1, 2, 3}, [&](const ThriftField& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadList(r, f, &g->columns,
                        [&](ThriftType, ColumnChunk* c) { return ReadColumnChunk(r, c); });
      case 2:
        return ReadI64(r, f, &g->total_byte_size);
      case 3:
        return ReadI64(r, f, &g->num_rows);
      case 5:
        return ReadI64(r, f, &g->file_offset.emplace());
      case 6:
        return ReadI64(r, f, &g->total_compressed_size.emplace());
      case 7: {
        SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kI16, r));
        SLUICE_ASSIGN_OR_RAISE(g->ordinal.emplace(), r.ReadI16());
        return Status::OK();
      }
      default:
        return Skip();
    }
  });
}

void WriteStatistics(ThriftWriter& w, int16_t id, const Statistics& s) {
  w.FieldStructBegin(id);
  if (s.max) w.FieldBinary(1, *s.max);
  if (s.min) w.FieldBinary(2, *s.min);
  if (s.null_count) w.FieldI64(3, *s.null_count);
  if (s.distinct_count) w.FieldI64(4, *s.distinct_count);
  if (s.max_value) w.FieldBinary(5, *s.max_value);
  if (s.min_value) w.FieldBinary(6, *s.min_value);
  w.EndStruct();
}

void WriteLogicalType(ThriftWriter& w, const LogicalTypeAnnotation& t) {
  using Kind = LogicalTypeAnnotation::Kind;
  w.FieldStructBegin(10);
  w.FieldStructBegin(static_cast<int16_t>(t.kind));
  switch (t.kind) {
    case Kind::kDecimal:
      w.FieldI32(1, t.scale);
      w.FieldI32(2, t.precision);
      break;
    case Kind::kTime:
    case Kind::kTimestamp:
      w.FieldBool(1, t.adjusted_to_utc);
      w.FieldStructBegin(2);
      w.FieldStructBegin(static_cast<int16_t>(t.unit));
      w.EndStruct();
      w.EndStruct();
      break;
    case Kind::kInteger:
      w.FieldByte(1, t.bit_width);
      w.FieldBool(2, t.is_signed);
      break;
    default:
      break;
  }
  w.EndStruct();
  w.EndStruct();
}

void WriteColumnMetaData(ThriftWriter& w, const ColumnMetaData& m) {
  w.FieldStructBegin(3);
  w.FieldI32(1, static_cast<int32_t>(m.type));
  w.FieldListBegin(2, ThriftType::kI32, static_cast<uint32_t>(m.encodings.size()));
  for (Encoding e : m.encodings) w.ElementI32(static_cast<int32_t>(e));
  w.FieldListBegin(3, ThriftType::kBinary, static_cast<uint32_t>(m.path_in_schema.size()));
  for (const std::string& p : m.path_in_schema) w.ElementBinary(p);
  w.FieldI32(4, static_cast<int32_t>(m.codec));
  w.FieldI64(5, m.num_values);
  w.FieldI64(6, m.total_uncompressed_size);
  w.FieldI64(7, m.total_compressed_size);
  w.FieldI64(9, m.data_page_offset);
  if (m.index_page_offset) w.FieldI64(10, *m.index_page_offset);
  if (m.dictionary_page_offset) w.FieldI64(11, *m.dictionary_page_offset);
  if (m.statistics) WriteStatistics(w, 12, *m.statistics);
  w.EndStruct();
}

}  // namespace

Result<FileMetaData> ParseFileMetaData(std::string_view bytes) {
  ThriftReader r(bytes);
  FileMetaData m;
  SLUICE_RETURN_NOT_OK(
      ReadStruct(r, "FileMetaData", {1, 2, 3, 4}, [&](const ThriftField& f) -> Status {
        switch (f.id) {
          case 1:
            return ReadI32As(r, f, &m.version);
          case 2:
            return ReadList(r, f, &m.schema,
                            [&](ThriftType, SchemaElement* e) { return ReadSchemaElement(r, e); });
          case 3:
            return ReadI64(r, f, &m.num_rows);
          case 4:
            return ReadList(r, f, &m.row_groups,
                            [&](ThriftType, RowGroup* g) { return ReadRowGroup(r, g); });
          case 5:
            return ReadList(r, f, &m.key_value_metadata,
                            [&](ThriftType, KeyValue* kv) { return ReadKeyValue(r, kv); });
          case 6:
            return ReadString(r, f, &m.created_by.emplace());
          case 7: {
            std::vector<int> orders;
            SLUICE_RETURN_NOT_OK(ReadList(r, f, &orders, [&](ThriftType, int* order) -> Status {
              return ReadStruct(r, "ColumnOrder", {}, [&](const ThriftField& g) -> Status {
                *order = g.id;
                return Skip();
              });
            }));
            for (int o : orders) m.column_orders.push_back(o == 1);
            return Status::OK();
          }
          default:
            return Skip();
        }
      }));
  return m;
}

std::string SerializeFileMetaData(const FileMetaData& m) {
  ThriftWriter w;
  w.BeginStruct();
  w.FieldI32(1, m.version);
  w.FieldListBegin(2, ThriftType::kStruct, static_cast<uint32_t>(m.schema.size()));
  for (const SchemaElement& e : m.schema) {
    w.ElementStructBegin();
    if (e.type) w.FieldI32(1, static_cast<int32_t>(*e.type));
    if (e.type_length) w.FieldI32(2, *e.type_length);
    if (e.repetition) w.FieldI32(3, static_cast<int32_t>(*e.repetition));
    w.FieldBinary(4, e.name);
    if (e.num_children) w.FieldI32(5, *e.num_children);
    if (e.converted_type) w.FieldI32(6, static_cast<int32_t>(*e.converted_type));
    if (e.scale) w.FieldI32(7, *e.scale);
    if (e.precision) w.FieldI32(8, *e.precision);
    if (e.field_id) w.FieldI32(9, *e.field_id);
    if (e.logical_type.kind != LogicalTypeAnnotation::Kind::kNone &&
        e.logical_type.kind != LogicalTypeAnnotation::Kind::kOther) {
      WriteLogicalType(w, e.logical_type);
    }
    w.EndStruct();
  }
  w.FieldI64(3, m.num_rows);
  w.FieldListBegin(4, ThriftType::kStruct, static_cast<uint32_t>(m.row_groups.size()));
  for (const RowGroup& g : m.row_groups) {
    w.ElementStructBegin();
    w.FieldListBegin(1, ThriftType::kStruct, static_cast<uint32_t>(g.columns.size()));
    for (const ColumnChunk& c : g.columns) {
      w.ElementStructBegin();
      if (c.file_path) w.FieldBinary(1, *c.file_path);
      w.FieldI64(2, c.file_offset);
      if (c.meta_data) WriteColumnMetaData(w, *c.meta_data);
      w.EndStruct();
    }
    w.FieldI64(2, g.total_byte_size);
    w.FieldI64(3, g.num_rows);
    if (g.file_offset) w.FieldI64(5, *g.file_offset);
    if (g.total_compressed_size) w.FieldI64(6, *g.total_compressed_size);
    if (g.ordinal) w.FieldI16(7, *g.ordinal);
    w.EndStruct();
  }
  if (!m.key_value_metadata.empty()) {
    w.FieldListBegin(5, ThriftType::kStruct, static_cast<uint32_t>(m.key_value_metadata.size()));
    for (const KeyValue& kv : m.key_value_metadata) {
      w.ElementStructBegin();
      w.FieldBinary(1, kv.key);
      if (kv.value) w.FieldBinary(2, *kv.value);
      w.EndStruct();
    }
  }
  if (m.created_by) w.FieldBinary(6, *m.created_by);
  if (!m.column_orders.empty()) {
    w.FieldListBegin(7, ThriftType::kStruct, static_cast<uint32_t>(m.column_orders.size()));
    for (bool type_order : m.column_orders) {
      w.ElementStructBegin();
      if (type_order) {
        w.FieldStructBegin(1);
        w.EndStruct();
      }
      w.EndStruct();
    }
  }
  w.EndStruct();
  return w.Take();
}

Result<PageHeader> ParsePageHeader(std::string_view bytes, size_t* header_size) {
  ThriftReader r(bytes);
  PageHeader h;
  SLUICE_RETURN_NOT_OK(ReadStruct(r, "PageHeader", {1, 2, 3}, [&](const ThriftField& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadI32As(r, f, &h.type);
      case 2:
        return ReadI32As(r, f, &h.uncompressed_page_size);
      case 3:
        return ReadI32As(r, f, &h.compressed_page_size);
      case 4:
        return ReadI32As(r, f, &h.crc.emplace());
      case 5: {
        SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, r));
        DataPageHeader& d = h.data_page_header.emplace();
        return ReadStruct(r, "DataPageHeader", {1, 2, 3, 4}, [&](const ThriftField& g) -> Status {
          switch (g.id) {
            case 1:
              return ReadI32As(r, g, &d.num_values);
            case 2:
              return ReadI32As(r, g, &d.encoding);
            case 3:
              return ReadI32As(r, g, &d.definition_level_encoding);
            case 4:
              return ReadI32As(r, g, &d.repetition_level_encoding);
            case 5:
              SLUICE_RETURN_NOT_OK(ExpectType(g, ThriftType::kStruct, r));
              return ReadStatistics(r, &d.statistics.emplace());
            default:
              return Skip();
          }
        });
      }
      case 7: {
        SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, r));
        DictionaryPageHeader& d = h.dictionary_page_header.emplace();
        return ReadStruct(r, "DictionaryPageHeader", {1, 2}, [&](const ThriftField& g) -> Status {
          switch (g.id) {
            case 1:
              return ReadI32As(r, g, &d.num_values);
            case 2:
              return ReadI32As(r, g, &d.encoding);
            case 3:
              SLUICE_RETURN_NOT_OK(ExpectType(g, ThriftType::kBoolTrue, r));
              d.is_sorted = g.bool_value();
              return Status::OK();
            default:
              return Skip();
          }
        });
      }
      case 8: {
        SLUICE_RETURN_NOT_OK(ExpectType(f, ThriftType::kStruct, r));
        DataPageHeaderV2& d = h.data_page_header_v2.emplace();
        return ReadStruct(r, "DataPageHeaderV2", {1, 2, 3, 4, 5, 6},
                          [&](const ThriftField& g) -> Status {
                            switch (g.id) {
                              case 1:
                                return ReadI32As(r, g, &d.num_values);
                              case 2:
                                return ReadI32As(r, g, &d.num_nulls);
                              case 3:
                                return ReadI32As(r, g, &d.num_rows);
                              case 4:
                                return ReadI32As(r, g, &d.encoding);
                              case 5:
                                return ReadI32As(r, g, &d.definition_levels_byte_length);
                              case 6:
                                return ReadI32As(r, g, &d.repetition_levels_byte_length);
                              case 7:
                                SLUICE_RETURN_NOT_OK(ExpectType(g, ThriftType::kBoolTrue, r));
                                d.is_compressed = g.bool_value();
                                return Status::OK();
                              case 8:
                                SLUICE_RETURN_NOT_OK(ExpectType(g, ThriftType::kStruct, r));
                                return ReadStatistics(r, &d.statistics.emplace());
                              default:
                                return Skip();
                            }
                          });
      }
      default:
        return Skip();
    }
  }));
  if (h.uncompressed_page_size < 0 || h.compressed_page_size < 0) {
    return Status::ParseError("page header: negative page size");
  }
  *header_size = r.position();
  return h;
}

std::string SerializePageHeader(const PageHeader& h) {
  ThriftWriter w;
  w.BeginStruct();
  w.FieldI32(1, static_cast<int32_t>(h.type));
  w.FieldI32(2, h.uncompressed_page_size);
  w.FieldI32(3, h.compressed_page_size);
  if (h.crc) w.FieldI32(4, *h.crc);
  if (h.data_page_header) {
    const DataPageHeader& d = *h.data_page_header;
    w.FieldStructBegin(5);
    w.FieldI32(1, d.num_values);
    w.FieldI32(2, static_cast<int32_t>(d.encoding));
    w.FieldI32(3, static_cast<int32_t>(d.definition_level_encoding));
    w.FieldI32(4, static_cast<int32_t>(d.repetition_level_encoding));
    if (d.statistics) WriteStatistics(w, 5, *d.statistics);
    w.EndStruct();
  }
  if (h.dictionary_page_header) {
    const DictionaryPageHeader& d = *h.dictionary_page_header;
    w.FieldStructBegin(7);
    w.FieldI32(1, d.num_values);
    w.FieldI32(2, static_cast<int32_t>(d.encoding));
    if (d.is_sorted) w.FieldBool(3, *d.is_sorted);
    w.EndStruct();
  }
  if (h.data_page_header_v2) {
    const DataPageHeaderV2& d = *h.data_page_header_v2;
    w.FieldStructBegin(8);
    w.FieldI32(1, d.num_values);
    w.FieldI32(2, d.num_nulls);
    w.FieldI32(3, d.num_rows);
    w.FieldI32(4, static_cast<int32_t>(d.encoding));
    w.FieldI32(5, d.definition_levels_byte_length);
    w.FieldI32(6, d.repetition_levels_byte_length);
    w.FieldBool(7, d.is_compressed);
    if (d.statistics) WriteStatistics(w, 8, *d.statistics);
    w.EndStruct();
  }
  w.EndStruct();
  return w.Take();
}

}  // namespace sluice::formats::parquet

namespace sluice::formats::parquet {

namespace {

template <size_t N>
std::string NameOf(const char* const (&names)[N], int32_t value, const char* what) {
  if (value >= 0 && static_cast<size_t>(value) < N) return names[value];
  return std::string(what) + " " + std::to_string(value);
}

}  // namespace

size_t FixedValueWidth(const SchemaElement& element) {
  switch (element.type.value_or(PhysicalType::kByteArray)) {
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kFixedLenByteArray:
      return static_cast<size_t>(std::max(0, element.type_length.value_or(0)));
    default:
      return 0;
  }
}

std::string PhysicalTypeName(PhysicalType type) {
  static const char* kNames[] = {"BOOLEAN", "INT32",  "INT64",      "INT96",
                                 "FLOAT",   "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
  return NameOf(kNames, static_cast<int32_t>(type), "physical type");
}

std::string EncodingName(Encoding encoding) {
  static const char* kNames[] = {
      "PLAIN",          "GROUP_VAR_INT",       "PLAIN_DICTIONARY",        "RLE",
      "BIT_PACKED",     "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY",
      "RLE_DICTIONARY", "BYTE_STREAM_SPLIT"};
  return NameOf(kNames, static_cast<int32_t>(encoding), "encoding");
}

std::string CodecName(CompressionCodec codec) {
  static const char* kNames[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO",
                                 "BROTLI",       "LZ4",    "ZSTD", "LZ4_RAW"};
  return NameOf(kNames, static_cast<int32_t>(codec), "codec");
}

std::string RepetitionName(Repetition repetition) {
  static const char* kNames[] = {"REQUIRED", "OPTIONAL", "REPEATED"};
  return NameOf(kNames, static_cast<int32_t>(repetition), "repetition");
}

std::string LogicalTypeName(const SchemaElement& e) {
  using Kind = LogicalTypeAnnotation::Kind;
  const LogicalTypeAnnotation& t = e.logical_type;
  auto unit = [](TimeUnit u) {
    return u == TimeUnit::kMillis ? "MILLIS" : u == TimeUnit::kMicros ? "MICROS" : "NANOS";
  };
  switch (t.kind) {
    case Kind::kString:
      return "STRING";
    case Kind::kMap:
      return "MAP";
    case Kind::kList:
      return "LIST";
    case Kind::kEnum:
      return "ENUM";
    case Kind::kDecimal:
      return "DECIMAL(" + std::to_string(t.precision) + "," + std::to_string(t.scale) + ")";
    case Kind::kDate:
      return "DATE";
    case Kind::kTime:
      return std::string("TIME(") + unit(t.unit) + (t.adjusted_to_utc ? ",UTC)" : ")");
    case Kind::kTimestamp:
      return std::string("TIMESTAMP(") + unit(t.unit) + (t.adjusted_to_utc ? ",UTC)" : ")");
    case Kind::kInteger:
      return std::string(t.is_signed ? "INT(" : "UINT(") + std::to_string(t.bit_width) + ")";
    case Kind::kUnknown:
      return "UNKNOWN";
    case Kind::kJson:
      return "JSON";
    case Kind::kBson:
      return "BSON";
    case Kind::kUuid:
      return "UUID";
    case Kind::kFloat16:
      return "FLOAT16";
    case Kind::kOther:
      return "logical type " + std::to_string(t.other_id);
    case Kind::kNone:
      break;
  }
  if (!e.converted_type) return "";
  static const char* kConverted[] = {"UTF8",
                                     "MAP",
                                     "MAP_KEY_VALUE",
                                     "LIST",
                                     "ENUM",
                                     "DECIMAL",
                                     "DATE",
                                     "TIME_MILLIS",
                                     "TIME_MICROS",
                                     "TIMESTAMP_MILLIS",
                                     "TIMESTAMP_MICROS",
                                     "UINT_8",
                                     "UINT_16",
                                     "UINT_32",
                                     "UINT_64",
                                     "INT_8",
                                     "INT_16",
                                     "INT_32",
                                     "INT_64",
                                     "JSON",
                                     "BSON",
                                     "INTERVAL"};
  if (*e.converted_type == ConvertedType::kDecimal) {
    return "DECIMAL(" + std::to_string(e.precision.value_or(0)) + "," +
           std::to_string(e.scale.value_or(0)) + ")";
  }
  return NameOf(kConverted, static_cast<int32_t>(*e.converted_type), "converted type");
}

}  // namespace sluice::formats::parquet
