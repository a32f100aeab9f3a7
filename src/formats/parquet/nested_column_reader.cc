#include "formats/parquet/nested_column_reader.h"

#include <cstring>

namespace sluice::formats::parquet {

using NodeKind = SchemaNode::Kind;

NestedColumnReader::NestedColumnReader(const ParquetSchema& schema, const SchemaNode& node,
                                       std::vector<std::unique_ptr<ColumnChunkReader>> leaves,
                                       std::string context)
    : schema_(schema),
      root_(node),
      leaves_(std::move(leaves)),
      context_(std::move(context)),
      levels_(leaves_.size()) {}

Status NestedColumnReader::Error(const std::string& what) const {
  return Status::ParseError(context_ + ", records " + std::to_string(records_done_) + " to " +
                            std::to_string(records_done_ + batch_records_ - 1) + ": " + what);
}

Status NestedColumnReader::Read(size_t n, vector::Vector* out) {
  records_done_ += batch_records_;
  batch_records_ = n;
  for (LeafLevels& levels : levels_) levels.Clear();
  SLUICE_RETURN_NOT_OK(ReadLeaves(root_, out, n));
  // Records start at repetition level 0 in every leaf.
  Instances records(leaves_.size());
  for (size_t l = 0; l < leaves_.size(); ++l) {
    const std::vector<uint8_t>& rep = levels_[l].repetition;
    for (size_t i = 0; i < rep.size(); ++i) {
      if (rep[i] == 0) {
        records[l].push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i)});
      }
      records[l].back().end = static_cast<uint32_t>(i + 1);
    }
    if (records[l].size() != n) {
      return Error("leaf '" + schema_.leaves()[root_.first_leaf + l].path + "' holds " +
                   std::to_string(records[l].size()) + " records where " + std::to_string(n) +
                   " were expected");
    }
  }
  return Assemble(root_, records, out);
}

Status NestedColumnReader::ReadLeaves(const SchemaNode& node, vector::Vector* out, size_t n) {
  if (node.kind == NodeKind::kPrimitive) {
    const size_t l = node.leaf - root_.first_leaf;
    return leaves_[l]->ReadRecords(n, &levels_[l], out);
  }
  for (size_t i = 0; i < node.children.size(); ++i)
    SLUICE_RETURN_NOT_OK(ReadLeaves(node.children[i], &out->children()[i], n));
  return Status::OK();
}

Status NestedColumnReader::Assemble(const SchemaNode& node, const Instances& instances,
                                    vector::Vector* out) {
  switch (node.kind) {
    case NodeKind::kPrimitive:
      return AssembleLeaf(node, instances[node.leaf - root_.first_leaf], out);
    case NodeKind::kList:
    case NodeKind::kMap:
      return AssembleList(node, instances, out);
    case NodeKind::kStruct: {
      // Any leaf tells whether the struct is there: all share its levels down to it.
      const size_t l = node.first_leaf - root_.first_leaf;
      const std::vector<uint8_t>& def = levels_[l].definition;
      const std::vector<Range>& mine = instances[l];
      for (size_t k = 0; k < mine.size(); ++k) {
        if (def[mine[k].begin] < static_cast<uint32_t>(node.definition_level)) out->SetNull(k);
      }
      for (size_t i = 0; i < node.children.size(); ++i)
        SLUICE_RETURN_NOT_OK(Assemble(node.children[i], instances, &out->children()[i]));
      return Status::OK();
    }
  }
  return Status::OK();
}

Status NestedColumnReader::AssembleList(const SchemaNode& node, const Instances& instances,
                                        vector::Vector* out) {
  const uint32_t null_below = static_cast<uint32_t>(node.definition_level);
  const uint32_t empty_below = static_cast<uint32_t>(node.element_definition_level);
  const uint32_t element_rep = static_cast<uint32_t>(node.repetition_level);
  const size_t base = root_.first_leaf;
  Instances elements(instances.size());
  const size_t count = instances[node.first_leaf - base].size();
  for (size_t k = 0; k < count; ++k) {
    uint32_t length = 0;
    for (size_t leaf = node.first_leaf; leaf < node.end_leaf; ++leaf) {
      const size_t l = leaf - base;
      const Range r = instances[l][k];
      const LeafLevels& levels = levels_[l];
      if (levels.definition[r.begin] < empty_below) {
        if (leaf == node.first_leaf && levels.definition[r.begin] < null_below) out->SetNull(k);
        continue;  // NULL or empty: no elements
      }
      // An element starts at each entry repeated at this list's level.
      const size_t before = elements[l].size();
      for (uint32_t i = r.begin; i < r.end; ++i) {
        if (i == r.begin || levels.repetition[i] <= element_rep) {
          elements[l].push_back({i, i});
        }
        elements[l].back().end = i + 1;
      }
      const auto found = static_cast<uint32_t>(elements[l].size() - before);
      if (leaf == node.first_leaf) {
        length = found;
      } else if (found != length) {
        return Error("leaves '" + schema_.leaves()[node.first_leaf].path + "' and '" +
                     schema_.leaves()[leaf].path + "' disagree on the length of list " +
                     std::to_string(k) + " at this level");
      }
    }
    SLUICE_RETURN_NOT_OK(out->AppendListEntry(k, length).status());
  }
  for (size_t i = 0; i < node.children.size(); ++i)
    SLUICE_RETURN_NOT_OK(Assemble(node.children[i], elements, &out->children()[i]));
  return Status::OK();
}

Status NestedColumnReader::AssembleLeaf(const SchemaNode& node, const std::vector<Range>& instances,
                                        vector::Vector* out) {
  const LeafColumn& leaf = schema_.leaves()[node.leaf];
  const LeafLevels& levels = levels_[node.leaf - root_.first_leaf];
  const auto present = static_cast<uint32_t>(leaf.max_definition_level);
  targets_.clear();
  SLUICE_RETURN_NOT_OK(out->Reserve(instances.size()));
  for (size_t k = 0; k < instances.size(); ++k) {
    const Range r = instances[k];
    if (r.end - r.begin != 1) {
      return Error("leaf '" + leaf.path + "' repeats a value outside any repeated group");
    }
    if (levels.definition[r.begin] == present) {
      targets_.push_back(static_cast<uint32_t>(k));
    } else {
      out->SetNull(k);
    }
  }
  if (targets_.size() != levels.values) {
    return Error("leaf '" + leaf.path + "' has " + std::to_string(levels.values) +
                 " values but its levels place " + std::to_string(targets_.size()));
  }
  // Spread the dense values to their rows, last first: row targets_[j] >= j.
  const size_t width = static_cast<size_t>(out->type().FixedWidth());
  auto* data = out->data<uint8_t>();
  for (size_t j = targets_.size(); j-- > 0;) {
    if (targets_[j] != j) std::memmove(data + targets_[j] * width, data + j * width, width);
  }
  return Status::OK();
}

}  // namespace sluice::formats::parquet
