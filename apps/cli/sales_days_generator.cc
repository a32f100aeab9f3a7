#include "sales_days_generator.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include "split_mix64.h"
#include "types/civil_date.h"
#include "types/datetime_format.h"

namespace sluice::cli {
namespace {

constexpr const char* kFutureHeader =
    "loc_num,location_type_code,open_date,close_date,price_group,date_forecast,months_predict";
constexpr const char* kProjectsHeader = "loc_num,shutdown,reopen";
constexpr int32_t kNever = INT32_MAX;

struct Location {
  std::string loc_num, type, price_group;
  int32_t open = 0, close = kNever, forecast = 0;  // days since 1970-01-01
  int months_predict = 120;
};

struct Project {
  std::string loc_num;
  int32_t shutdown = 0, reopen = 0;
};

int32_t Day(int64_t y, int m, int d) { return static_cast<int32_t>(types::DaysFromCivil(y, m, d)); }

int32_t MonthOf(int32_t day) {
  const types::CivilDate c = types::CivilFromDays(day);
  return Day(c.year, c.month, 1);
}

int32_t AddMonths(int32_t month, int64_t k) {
  const types::CivilDate c = types::CivilFromDays(month);
  const int64_t m = c.year * 12 + (c.month - 1) + k;
  const int64_t y = types::FloorDiv(m, 12);
  return Day(y, static_cast<int>(m - y * 12) + 1, 1);
}

// Days that are not Sundays, from..to inclusive.
int NonSundays(int32_t from, int32_t to) {
  int n = 0;
  for (int32_t d = from; d <= to; ++d) n += types::IsoWeekday(d) != 6;
  return n;
}

// The latest month the R code counts as reported on `as_of`: month + 1 month + 15 days <=
// as_of.
int32_t LastReportedMonth(int32_t as_of) {
  const int32_t month = MonthOf(as_of);
  return AddMonths(month, as_of - month + 1 >= 16 ? -1 : -2);
}

std::string Date(int32_t day) { return types::FormatDate(day); }

// Appends to a file through a buffer.
class CsvOut {
 public:
  static Result<CsvOut> Open(io::FileSystem& fs, const std::string& path, const char* header) {
    SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenWrite(path));
    CsvOut out(std::move(file));
    out.buffer_ = std::string(header) + "\n";
    return out;
  }
  Status Line(const std::string& line) {
    buffer_ += line;
    buffer_ += '\n';
    if (buffer_.size() < (4 << 20)) return Status::OK();
    SLUICE_RETURN_NOT_OK(file_->Append(buffer_));
    buffer_.clear();
    return Status::OK();
  }
  Status Close() {
    SLUICE_RETURN_NOT_OK(file_->Append(buffer_));
    return file_->Close();
  }

 private:
  explicit CsvOut(std::unique_ptr<io::WritableFile> file) : file_(std::move(file)) {}
  std::unique_ptr<io::WritableFile> file_;
  std::string buffer_;
};

// A row of a published file: its fields and, for messages, "path:line".
struct Row {
  std::string where;
  std::vector<std::string> fields;
};

// The rows of a published file after its header, split at commas (they hold no quotes).
Result<std::vector<Row>> ReadRows(io::FileSystem& fs, const std::string& path,
                                  const std::string& header) {
  SLUICE_ASSIGN_OR_RAISE(std::string text, fs.ReadAll(path));
  std::vector<Row> rows;
  const size_t columns = std::count(header.begin(), header.end(), ',') + 1;
  size_t line_no = 0;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    at = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1) {
      if (line != header)
        return Status::Invalid(path + ":1: expected the header '" + header + "', got '" + line +
                               "'");
      continue;
    }
    if (line.empty()) continue;
    std::vector<std::string> fields;
    for (size_t from = 0;;) {
      const size_t comma = line.find(',', from);
      fields.push_back(line.substr(from, comma - from));
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    const std::string where = path + ":" + std::to_string(line_no);
    if (fields.size() != columns)
      return Status::Invalid(where + ": expected " + std::to_string(columns) + " fields, got " +
                             std::to_string(fields.size()) + ": '" + line + "'");
    rows.push_back(Row{where, std::move(fields)});
  }
  return rows;
}

Result<int32_t> ParseDate(const std::string& where, const std::string& text) {
  types::ParsedDateTime parsed;
  if (text.size() != 10 || !types::ParseIsoDate(text, &parsed))
    return Status::Invalid(where + ": expected a date yyyy-MM-dd, got '" + text + "'");
  return static_cast<int32_t>(parsed.ToDays());
}

Status ReadPublished(io::FileSystem& fs, const std::string& dir, std::vector<Location>* locations,
                     std::vector<Project>* projects) {
  SLUICE_ASSIGN_OR_RAISE(auto rows, ReadRows(fs, dir + "/dfSalesDaysFuture.csv", kFutureHeader));
  for (const Row& row : rows) {
    const std::vector<std::string>& f = row.fields;
    Location l;
    l.loc_num = f[0];
    l.type = f[1];
    SLUICE_ASSIGN_OR_RAISE(l.open, ParseDate(row.where + ": open_date", f[2]));
    if (f[3] != "null") {
      SLUICE_ASSIGN_OR_RAISE(l.close, ParseDate(row.where + ": close_date", f[3]));
    }
    l.price_group = f[4];
    SLUICE_ASSIGN_OR_RAISE(l.forecast, ParseDate(row.where + ": date_forecast", f[5]));
    const char* const last = f[6].data() + f[6].size();
    const auto [end, error] = std::from_chars(f[6].data(), last, l.months_predict);
    if (error != std::errc() || end != last || l.months_predict < 1)
      return Status::Invalid(row.where + ": months_predict: expected a positive number, got '" +
                             f[6] + "'");
    locations->push_back(std::move(l));
  }
  SLUICE_ASSIGN_OR_RAISE(rows, ReadRows(fs, dir + "/dfReinvestmentProjects.csv", kProjectsHeader));
  for (const Row& row : rows) {
    Project p;
    p.loc_num = row.fields[0];
    SLUICE_ASSIGN_OR_RAISE(p.shutdown, ParseDate(row.where + ": shutdown", row.fields[1]));
    SLUICE_ASSIGN_OR_RAISE(p.reopen, ParseDate(row.where + ": reopen", row.fields[2]));
    projects->push_back(std::move(p));
  }
  return Status::OK();
}

// N locations shaped like the published ones: most opened between 1970 and the forecast
// date, some open in the next ten years, a few close; one in twelve is an OCL; two in five
// have a reinvestment project, a few two of them (possibly overlapping).
void MakeLocations(uint64_t n, uint64_t seed, std::vector<Location>* locations,
                   std::vector<Project>* projects) {
  const int32_t forecast = Day(2025, 3, 25), first = Day(1970, 1, 1), now = Day(2025, 3, 1),
                horizon = Day(2035, 1, 1);
  for (uint64_t i = 0; i < n; ++i) {
    SplitMix64 rng(MixHash(seed, i));
    Location l;
    char num[24];
    std::snprintf(num, sizeof(num), "%05llu", static_cast<unsigned long long>(i + 1));
    l.loc_num = num;
    // The first two locations' histories cover every kind of year (leap or not, 1 January
    // on any weekday), so the calendar has every key the forecast months need; the second
    // is an OCL, so that both concepts have reported inflation factors.
    const bool ocl = rng.Below(12) == 0;
    l.type = i == 1 || (i > 1 && ocl) ? "OCL" : "RESTAURANT";
    if (i < 2)
      l.open = Day(1985 + 7 * static_cast<int64_t>(i), 6, 13);
    else if (rng.Below(100) < 85)
      l.open = first + static_cast<int32_t>(rng.Below(now - first));
    else
      l.open = now + static_cast<int32_t>(rng.Below(horizon - now));
    if (i > 1 && rng.Below(100) < 8) {
      const int32_t close = Day(2018, 1, 1) + static_cast<int32_t>(rng.Below(6570));
      if (close > l.open) l.close = close;
    }
    l.price_group = l.open > forecast ? "9139" : std::to_string(1 + rng.Below(140));
    l.forecast = forecast;
    const uint64_t count = rng.Below(100) < 40 ? 1 : rng.Below(100) < 8 ? 2 : 0;
    for (uint64_t k = 0; k < count; ++k) {
      Project p;
      p.loc_num = l.loc_num;
      const int32_t from = std::max(l.open, Day(2013, 1, 1));
      p.shutdown = from + static_cast<int32_t>(rng.Below(Day(2036, 1, 1) - from));
      p.reopen =
          rng.Below(3) < 2 ? p.shutdown : p.shutdown + 7 + static_cast<int32_t>(rng.Below(110));
      projects->push_back(p);
    }
    locations->push_back(std::move(l));
  }
}

Status WriteInputs(io::FileSystem& fs, const std::string& dir,
                   const std::vector<Location>& locations, const std::vector<Project>& projects) {
  SLUICE_ASSIGN_OR_RAISE(auto future,
                         CsvOut::Open(fs, dir + "/dfSalesDaysFuture.csv", kFutureHeader));
  for (const Location& l : locations)
    SLUICE_RETURN_NOT_OK(future.Line(l.loc_num + "," + l.type + "," + Date(l.open) + "," +
                                     (l.close == kNever ? "null" : Date(l.close)) + "," +
                                     l.price_group + "," + Date(l.forecast) + "," +
                                     std::to_string(l.months_predict)));
  SLUICE_RETURN_NOT_OK(future.Close());
  SLUICE_ASSIGN_OR_RAISE(auto out,
                         CsvOut::Open(fs, dir + "/dfReinvestmentProjects.csv", kProjectsHeader));
  for (const Project& p : projects)
    SLUICE_RETURN_NOT_OK(out.Line(p.loc_num + "," + Date(p.shutdown) + "," + Date(p.reopen)));
  return out.Close();
}

// The monthly history of every location, from its opening month to the last month
// reported on its forecast date (or its closing month): the sales days of the month (its
// non-Sundays while open, less reinvestment shutdowns and, one month in 25, a closure of
// a day or two) and a price index rising from 1.0 in 1995 to about 1.25-1.30.
Status WriteMonthlySales(io::FileSystem& fs, const std::string& dir, uint64_t seed,
                         const std::vector<Location>& locations,
                         const std::unordered_map<std::string, std::vector<Project>>& by_loc) {
  SLUICE_ASSIGN_OR_RAISE(auto out, CsvOut::Open(fs, dir + "/dfMonthlySales.csv",
                                                "loc_num,month,days,open_date,inflation_factor,"
                                                "inflation_factor_ending,concept_code"));
  static const std::vector<Project> kNone;
  const int32_t base = Day(1995, 1, 1);
  for (size_t i = 0; i < locations.size(); ++i) {
    const Location& l = locations[i];
    SplitMix64 rng(MixHash(seed ^ 0x5a1e5da75ULL, i));
    const double spread = 0.05 * static_cast<double>(rng.Below(1000)) / 1000;
    auto it = by_loc.find(l.loc_num);
    const std::vector<Project>& projects = it == by_loc.end() ? kNone : it->second;
    const int32_t last =
        std::min(LastReportedMonth(l.forecast), l.close == kNever ? INT32_MAX : MonthOf(l.close));
    double previous = 0;
    for (int32_t m = MonthOf(l.open); m <= last; m = AddMonths(m, 1)) {
      const int32_t from = std::max(m, l.open), to = std::min(AddMonths(m, 1) - 1, l.close);
      int days = NonSundays(from, to), lost = 0;
      for (const Project& p : projects)
        lost = std::max(lost, NonSundays(std::max(from, p.shutdown), std::min(to, p.reopen)));
      days -= lost;
      if (rng.Below(25) == 0) days = std::max(0, days - 1 - static_cast<int>(rng.Below(2)));
      const int64_t months = std::clamp<int64_t>((m - base) / 30, 0, 365);
      const double ending = 1.0 + (0.25 + spread) * static_cast<double>(months) / 365;
      char line[160];
      std::snprintf(line, sizeof(line), "%s,%s,%d,%s,%.4f,%.4f,%s", l.loc_num.c_str(),
                    Date(m).c_str(), days, Date(l.open).c_str(), previous > 0 ? previous : ending,
                    ending, l.type.c_str());
      SLUICE_RETURN_NOT_OK(out.Line(line));
      previous = ending;
    }
  }
  return out.Close();
}

// Factors by (location, month), written sorted; a location-month appears once.
using MonthFactors = std::map<std::pair<std::string, int32_t>, double>;

Status WriteFactors(io::FileSystem& fs, const std::string& path, const char* header,
                    const MonthFactors& factors) {
  SLUICE_ASSIGN_OR_RAISE(auto out, CsvOut::Open(fs, path, header));
  for (const auto& [key, value] : factors) {
    char line[96];
    std::snprintf(line, sizeof(line), "%s,%s,%.4f", key.first.c_str(), Date(key.second).c_str(),
                  value);
    SLUICE_RETURN_NOT_OK(out.Line(line));
  }
  return out.Close();
}

// A location opening after the forecast date takes sales from an open neighbour for its
// first 12 months (gocf < 0, fading); a reinvestment project lifts its location's sales
// for the 12 months after it reopens (factor > 0, fading; the larger one where projects
// overlap).
Status WriteCannibalizationAndReinvestment(io::FileSystem& fs, const std::string& dir,
                                           uint64_t seed, const std::vector<Location>& locations,
                                           const std::vector<Project>& projects) {
  std::vector<size_t> open;
  for (size_t i = 0; i < locations.size(); ++i)
    if (locations[i].open <= locations[i].forecast) open.push_back(i);
  MonthFactors gocf;
  for (size_t i = 0; i < locations.size() && !open.empty(); ++i) {
    const Location& l = locations[i];
    if (l.open <= l.forecast) continue;
    const Location& neighbour = locations[open[MixHash(seed ^ 0xc0cfULL, i) % open.size()]];
    for (int j = 0; j < 12; ++j)
      gocf[{neighbour.loc_num, AddMonths(MonthOf(l.open), j)}] -= 0.06 * (12 - j) / 12;
  }
  SLUICE_RETURN_NOT_OK(
      WriteFactors(fs, dir + "/dfCannibalizationFactors.csv", "loc_num,month,gocf", gocf));
  MonthFactors lift;
  for (const Project& p : projects)
    for (int j = 1; j <= 12; ++j) {
      double& f = lift[{p.loc_num, AddMonths(MonthOf(p.reopen), j)}];
      f = std::max(f, 0.12 * (13 - j) / 12);
    }
  return WriteFactors(fs, dir + "/dfReinvestmentFactors.csv", "loc_num,month,factor", lift);
}

}  // namespace

Status GenerateSalesDays(io::FileSystem& fs, const std::string& out_dir,
                         const SalesDaysGeneratorOptions& options) {
  std::vector<Location> locations;
  std::vector<Project> projects;
  SLUICE_RETURN_NOT_OK(fs.CreateDirs(out_dir));
  if (!options.published_dir.empty()) {
    SLUICE_RETURN_NOT_OK(ReadPublished(fs, options.published_dir, &locations, &projects));
  } else {
    if (options.locations < 1) return Status::Invalid("--locations must be at least 1");
    MakeLocations(options.locations, options.seed, &locations, &projects);
    SLUICE_RETURN_NOT_OK(WriteInputs(fs, out_dir, locations, projects));
  }
  std::unordered_map<std::string, std::vector<Project>> by_loc;
  for (const Project& p : projects) by_loc[p.loc_num].push_back(p);
  SLUICE_RETURN_NOT_OK(WriteMonthlySales(fs, out_dir, options.seed, locations, by_loc));
  return WriteCannibalizationAndReinvestment(fs, out_dir, options.seed, locations, projects);
}

}  // namespace sluice::cli
