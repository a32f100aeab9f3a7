#include "main/result_format_table.h"

#include <algorithm>

namespace sluice::main {
namespace {

bool IsContinuationByte(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

size_t CodePoints(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return !IsContinuationByte(c); }));
}

// The first `n` characters of `s`.
std::string Prefix(const std::string& s, size_t n) {
  size_t end = 0;
  for (size_t seen = 0; end < s.size(); ++end) {
    if (!IsContinuationByte(s[end]) && seen++ == n) break;
  }
  return s.substr(0, end);
}

}  // namespace

void WriteTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, size_t truncate,
                std::ostream& out) {
  auto cut = [truncate](const std::string& s) {
    if (truncate == 0 || CodePoints(s) <= truncate) return s;
    return truncate < 4 ? Prefix(s, truncate) : Prefix(s, truncate - 3) + "...";
  };
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size() + 1);
  cells.push_back(header);
  cells.insert(cells.end(), rows.begin(), rows.end());
  std::vector<size_t> width(header.size(), 3);
  for (auto& row : cells) {
    for (size_t c = 0; c < row.size(); ++c) {
      row[c] = cut(row[c]);
      width[c] = std::max(width[c], CodePoints(row[c]));
    }
  }
  std::string rule = "+";
  for (size_t w : width) rule += std::string(w, '-') + "+";
  rule += '\n';
  out << rule;
  for (size_t r = 0; r < cells.size(); ++r) {
    std::string line = "|";
    for (size_t c = 0; c < cells[r].size(); ++c) {
      const std::string pad(width[c] - CodePoints(cells[r][c]), ' ');
      line += truncate > 0 ? pad + cells[r][c] : cells[r][c] + pad;
      line += '|';
    }
    out << line << '\n';
    if (r == 0) out << rule;
  }
  out << rule;
}

}  // namespace sluice::main
