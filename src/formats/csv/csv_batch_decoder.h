// CsvBatchDecoder: turns one block of lexed rows into a Batch of the output schema and
// the list of problems that make rows malformed (field count, unterminated quote,
// unparsable value, invalid UTF-8, extra column, partition mismatch), filling the
// corrupt-record and rescued-data columns. One per worker thread; not thread-safe.
#pragma once

#include <string>
#include <vector>

#include "formats/csv/column_decoder.h"
#include "formats/csv/csv_file_plan.h"
#include "vector/batch.h"

namespace sluice::formats::csv {

// What the reader decided about the output columns, shared by all workers.
struct CsvColumnLayout {
  std::shared_ptr<const types::Schema> schema;  // the output schema
  std::vector<ColumnDecoder> decoders;          // one per output column
  int corrupt_record_column = -1;
  int rescued_data_column = -1;
  std::vector<int> partition_index;  // per output column: partition column index or -1
  std::vector<bool> parsed;          // per output column: read from the file (else NULL)
};

struct RowProblem {
  uint32_t row;
  int column;  // output column, or -1 for the whole row
  const char* category;
  std::string reason;
};

class CsvBatchDecoder {
 public:
  CsvBatchDecoder(const CsvColumnLayout& layout, const CsvLexer& lexer)
      : layout_(layout), lexer_(lexer) {}

  // Decodes rows [first, first + count) of the block into `batch` (reset first).
  Status Decode(const RowBlock& block, vector::Batch* batch);
  // Problems of the last Decode, ordered by row.
  const std::vector<RowProblem>& problems() const { return problems_; }

 private:
  void DecodeColumn(const RowBlock& block, size_t field, size_t column, vector::Batch* batch);
  Status FillPartitionColumn(const RowBlock& block, size_t column, bool file_has_column,
                             vector::Batch* batch);
  void AddRescued(uint32_t row, const std::string& name, std::string_view value);

  const CsvColumnLayout& layout_;
  const CsvLexer& lexer_;
  std::vector<RowProblem> problems_;
  std::vector<std::string> rescued_;  // per row: JSON members so far
  std::string scratch_;
};

}  // namespace sluice::formats::csv
