#include "main/statement_results.h"

#include <functional>

#include "common/text.h"
#include "exec/executor.h"
#include "functions/kernel_util.h"

namespace sluice::main {

std::string QuotedName(const std::vector<std::string>& name) {
  std::string out;
  for (const std::string& p : name) out += (out.empty() ? "`" : ".`") + p + "`";
  return out;
}

Status TableNotFound(const std::vector<std::string>& name) {
  return Status::Invalid("[TABLE_OR_VIEW_NOT_FOUND] The table or view " + QuotedName(name) +
                         " cannot be found.");
}

bool MatchesShowPattern(const std::string& pattern, const std::string& name) {
  size_t start = 0;
  while (start <= pattern.size()) {
    size_t end = pattern.find('|', start);
    if (end == std::string::npos) end = pattern.size();
    std::string alternative = AsciiLower(pattern.substr(start, end - start));
    // Trim, then match with * as a wildcard.
    alternative.erase(0, alternative.find_first_not_of(' '));
    alternative.erase(alternative.find_last_not_of(' ') + 1);
    std::function<bool(size_t, size_t)> match = [&](size_t p, size_t n) -> bool {
      if (p == alternative.size()) return n == name.size();
      if (alternative[p] == '*') {
        for (size_t k = n; k <= name.size(); ++k)
          if (match(p + 1, k)) return true;
        return false;
      }
      return n < name.size() &&
             alternative[p] == std::tolower(static_cast<unsigned char>(name[n])) &&
             match(p + 1, n + 1);
    };
    if (match(0, 0)) return true;
    start = end + 1;
  }
  return false;
}

QueryResult CommandResult() {
  return QueryResult{std::make_shared<const types::Schema>(), {}, false};
}

Result<QueryResult> TextRows(const std::vector<std::string>& names,
                             const std::vector<std::vector<std::string>>& rows) {
  std::vector<types::Field> fields;
  for (const std::string& n : names) fields.push_back({n, types::TypeId::kString, true});
  QueryResult result;
  result.schema = std::make_shared<const types::Schema>(fields);
  result.returns_rows = true;
  for (size_t start = 0; start < rows.size(); start += vector::kVectorSize) {
    const size_t n = std::min(vector::kVectorSize, rows.size() - start);
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(result.schema, n));
    for (size_t r = 0; r < n; ++r)
      for (size_t c = 0; c < names.size(); ++c)
        functions::Set<std::string>(batch.column(c), r, rows[start + r][c]);
    batch.set_num_rows(n);
    result.rows.Add(std::move(batch));
  }
  return result;
}

}  // namespace sluice::main
