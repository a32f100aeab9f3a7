// `sluice inspect FILE.parquet`: prints a Parquet file's metadata: schema, row groups,
// column chunks with their encodings, codecs, sizes and statistics.
#include "commands.h"
#include "common/json_text.h"
#include "formats/parquet/parquet_footer.h"
#include "memory/memory_tracker.h"

namespace sluice::cli {
namespace {

using namespace formats::parquet;

std::string Json(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

// The leaf schema elements, in column-chunk order, with their dotted paths.
std::vector<std::pair<std::string, const SchemaElement*>> Leaves(const FileMetaData& m) {
  std::vector<std::pair<std::string, const SchemaElement*>> leaves;
  std::vector<std::pair<std::string, int>> stack;  // (path prefix, children left)
  for (size_t i = 1; i < m.schema.size(); ++i) {
    const SchemaElement& e = m.schema[i];
    while (!stack.empty() && stack.back().second == 0) stack.pop_back();
    std::string path = (stack.empty() ? "" : stack.back().first + ".") + e.name;
    if (!stack.empty()) --stack.back().second;
    if (e.num_children.value_or(0) > 0) {
      stack.emplace_back(path, *e.num_children);
    } else {
      leaves.emplace_back(path, &e);
    }
  }
  return leaves;
}

std::string Encodings(const ColumnMetaData& meta) {
  std::string out;
  for (Encoding e : meta.encodings) out += (out.empty() ? "" : ",") + EncodingName(e);
  return out;
}

void PrintText(const std::string& path, const FileMetaData& m) {
  auto leaves = Leaves(m);
  std::printf("file        %s\ncreated by  %s\nversion     %d\nrows        %lld\nrow groups  %zu\n",
              path.c_str(), m.created_by.value_or("(unknown)").c_str(), m.version,
              static_cast<long long>(m.num_rows), m.row_groups.size());
  std::printf("schema\n");
  std::vector<int> children_left;  // of each open group, to indent nested fields
  for (size_t i = 1; i < m.schema.size(); ++i) {
    const SchemaElement& e = m.schema[i];
    while (!children_left.empty() && children_left.back() == 0) children_left.pop_back();
    if (!children_left.empty()) --children_left.back();
    const std::string name = std::string(2 * children_left.size(), ' ') + e.name;
    if (e.num_children.value_or(0) > 0) children_left.push_back(*e.num_children);
    std::string type = e.type ? PhysicalTypeName(*e.type)
                              : "group(" + std::to_string(e.num_children.value_or(0)) + ")";
    if (e.type == PhysicalType::kFixedLenByteArray)
      type += "(" + std::to_string(e.type_length.value_or(0)) + ")";
    std::printf("  %-24s %-24s %-9s %s\n", name.c_str(), type.c_str(),
                e.repetition ? RepetitionName(*e.repetition).c_str() : "",
                LogicalTypeName(e).c_str());
  }
  for (const KeyValue& kv : m.key_value_metadata) {
    std::string value = kv.value.value_or("");
    if (value.size() > 80) value = value.substr(0, 77) + "...";
    std::printf("metadata    %s = %s\n", kv.key.c_str(), value.c_str());
  }
  for (size_t g = 0; g < m.row_groups.size(); ++g) {
    const RowGroup& group = m.row_groups[g];
    std::printf("row group %zu: %lld rows, %s\n", g, static_cast<long long>(group.num_rows),
                memory::FormatBytes(group.total_byte_size).c_str());
    for (size_t c = 0; c < group.columns.size(); ++c) {
      if (!group.columns[c].meta_data) continue;
      const ColumnMetaData& meta = *group.columns[c].meta_data;
      std::string name = c < leaves.size() ? leaves[c].first : std::to_string(c);
      std::printf(
          "  %-20s %-20s %-12s %-32s %s -> %s, first page at %lld", name.c_str(),
          PhysicalTypeName(meta.type).c_str(), CodecName(meta.codec).c_str(),
          Encodings(meta).c_str(), memory::FormatBytes(meta.total_uncompressed_size).c_str(),
          memory::FormatBytes(meta.total_compressed_size).c_str(),
          static_cast<long long>(meta.dictionary_page_offset.value_or(meta.data_page_offset)));
      if (meta.statistics && c < leaves.size()) {
        const Statistics& s = *meta.statistics;
        if (s.null_count) std::printf(", nulls %lld", static_cast<long long>(*s.null_count));
        const auto& min = s.min_value ? s.min_value : s.min;
        const auto& max = s.max_value ? s.max_value : s.max;
        if (min) std::printf(", min %s", FormatStatisticsValue(*min, *leaves[c].second).c_str());
        if (max) std::printf(", max %s", FormatStatisticsValue(*max, *leaves[c].second).c_str());
      }
      std::printf("\n");
    }
  }
}

void PrintJson(const std::string& path, const FileMetaData& m) {
  auto leaves = Leaves(m);
  std::string out = "{\"file\":" + Json(path) +
                    ",\"created_by\":" + (m.created_by ? Json(*m.created_by) : "null") +
                    ",\"version\":" + std::to_string(m.version) +
                    ",\"num_rows\":" + std::to_string(m.num_rows) + ",\"schema\":[";
  for (size_t i = 1; i < m.schema.size(); ++i) {
    const SchemaElement& e = m.schema[i];
    if (i > 1) out += ',';
    out += "{\"name\":" + Json(e.name) +
           ",\"physical_type\":" + (e.type ? Json(PhysicalTypeName(*e.type)) : "null") +
           ",\"repetition\":" + (e.repetition ? Json(RepetitionName(*e.repetition)) : "null") +
           ",\"logical_type\":" + Json(LogicalTypeName(e)) +
           ",\"num_children\":" + std::to_string(e.num_children.value_or(0)) + "}";
  }
  out += "],\"row_groups\":[";
  for (size_t g = 0; g < m.row_groups.size(); ++g) {
    const RowGroup& group = m.row_groups[g];
    if (g > 0) out += ',';
    out += "{\"num_rows\":" + std::to_string(group.num_rows) +
           ",\"total_byte_size\":" + std::to_string(group.total_byte_size) + ",\"columns\":[";
    for (size_t c = 0; c < group.columns.size(); ++c) {
      if (c > 0) out += ',';
      const auto& meta = group.columns[c].meta_data;
      if (!meta) {
        out += "null";
        continue;
      }
      std::string encodings;
      for (Encoding e : meta->encodings)
        encodings += (encodings.empty() ? "" : ",") + Json(EncodingName(e));
      std::string path_in_schema;
      for (const std::string& p : meta->path_in_schema)
        path_in_schema += (path_in_schema.empty() ? "" : ".") + p;
      out +=
          "{\"path\":" + Json(path_in_schema) +
          ",\"physical_type\":" + Json(PhysicalTypeName(meta->type)) +
          ",\"codec\":" + Json(CodecName(meta->codec)) + ",\"encodings\":[" + encodings + "]" +
          ",\"num_values\":" + std::to_string(meta->num_values) +
          ",\"total_compressed_size\":" + std::to_string(meta->total_compressed_size) +
          ",\"total_uncompressed_size\":" + std::to_string(meta->total_uncompressed_size) +
          ",\"data_page_offset\":" + std::to_string(meta->data_page_offset) +
          ",\"dictionary_page_offset\":" +
          (meta->dictionary_page_offset ? std::to_string(*meta->dictionary_page_offset) : "null");
      const Statistics* s = meta->statistics ? &*meta->statistics : nullptr;
      const SchemaElement* leaf = c < leaves.size() ? leaves[c].second : nullptr;
      auto stat = [&](const std::optional<std::string>& exact,
                      const std::optional<std::string>& legacy) {
        const auto& v = exact ? exact : legacy;
        return v && leaf ? Json(FormatStatisticsValue(*v, *leaf)) : std::string("null");
      };
      out += ",\"null_count\":" +
             (s && s->null_count ? std::to_string(*s->null_count) : std::string("null"));
      out += ",\"min\":" + (s ? stat(s->min_value, s->min) : "null");
      out += ",\"max\":" + (s ? stat(s->max_value, s->max) : "null") + "}";
    }
    out += "]}";
  }
  std::printf("%s]}\n", out.c_str());
}

}  // namespace

void AddInspectCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("inspect",
                                 "Print a Parquet file's metadata: schema, row groups, encodings, "
                                 "codecs, sizes, statistics");
  auto path = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  cmd->add_option("file", *path, "A .parquet file")->required();
  cmd->add_option("--format,-f", *format, "text or json");
  cmd->callback([path, format] {
    if (*format != "text" && *format != "json") {
      ExitCode() = Fail("--format must be text or json, found '" + *format + "'");
      return;
    }
    auto file = io::LocalFileSystem()->OpenRead(*path);
    if (!file.ok()) {
      ExitCode() = Fail(file.status().message());
      return;
    }
    auto footer = ReadParquetFooter(**file);
    if (!footer.ok()) {
      ExitCode() = Fail(footer.status().message());
      return;
    }
    if (*format == "json") {
      PrintJson(*path, *footer);
    } else {
      PrintText(*path, *footer);
    }
  });
}

}  // namespace sluice::cli
