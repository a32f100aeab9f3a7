#include "flyer_generator.h"

#include <cstdio>

#include "split_mix64.h"
#include "types/civil_date.h"
#include "types/datetime_format.h"

namespace sluice::cli {
namespace {

void AppendUserId(uint64_t user, std::string* out) {
  // 64 hex digits derived from the user number, like the seed's SHA-256 ids.
  SplitMix64 r(user * 0x100000001b3ULL + 7);
  char buf[17];
  for (int i = 0; i < 4; ++i) {
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(r.Next()));
    out->append(buf, 16);
  }
}

void AppendRow(SplitMix64& rng, int64_t day, uint64_t users, uint64_t flyers, std::string* out) {
  int64_t second = static_cast<int64_t>(rng.Below(86400));
  types::CivilDate d = types::CivilFromDays(day);
  char ts[96];
  std::snprintf(ts, sizeof(ts), "%04lld-%02d-%02dT%02lld:%02lld:%02lld-04:00,",
                static_cast<long long>(d.year), d.month, d.day,
                static_cast<long long>(second / 3600), static_cast<long long>(second / 60 % 60),
                static_cast<long long>(second % 60));
  out->append(ts);
  AppendUserId(rng.Below(users), out);
  // The seed's event mix, in parts per 10,000.
  uint64_t e = rng.Below(10000);
  uint64_t flyer = rng.Below(flyers) + 1000;
  uint64_t merchant = flyer % 523 + 100;
  char ids[96];
  if (e < 7217) {
    std::snprintf(ids, sizeof(ids), ",flyer_open,%llu,%llu\n",
                  static_cast<unsigned long long>(flyer),
                  static_cast<unsigned long long>(merchant));
  } else if (e < 8713) {
    std::snprintf(ids, sizeof(ids), ",shopping_list_open,,\n");
  } else if (e < 9463) {
    std::snprintf(ids, sizeof(ids), ",item_open,%llu,%llu\n",
                  static_cast<unsigned long long>(flyer),
                  static_cast<unsigned long long>(merchant));
  } else if (e < 9876) {
    std::snprintf(ids, sizeof(ids), ",list_flyers,,\n");
  } else {
    std::snprintf(ids, sizeof(ids), ",favorite,,%llu\n", static_cast<unsigned long long>(merchant));
  }
  out->append(ids);
}

}  // namespace

Status GenerateFlyerEvents(io::FileSystem& fs, const std::string& out,
                           const FlyerGeneratorOptions& options) {
  if (options.files < 1 || options.days < 1)
    return Status::Invalid("--files and --days must be at least 1");
  const bool single = out.size() > 4 && out.compare(out.size() - 4, 4, ".csv") == 0;
  const int days = single ? 1 : options.days;
  const int files = single ? 1 : options.files;
  const uint64_t total_files = static_cast<uint64_t>(days) * files;
  const uint64_t users = std::max<uint64_t>(1, options.rows / 17);
  const uint64_t flyers = std::max<uint64_t>(1, options.rows / 12);
  const int64_t first_day = types::DaysFromCivil(2018, 10, 1);
  SplitMix64 rng(options.seed);
  uint64_t bad_written = 0;
  for (uint64_t f = 0; f < total_files; ++f) {
    int64_t day = first_day + static_cast<int64_t>(f / files);
    std::string path = out;
    if (single) {
      size_t slash = out.find_last_of('/');
      if (slash != std::string::npos && slash > 0)
        SLUICE_RETURN_NOT_OK(fs.CreateDirs(out.substr(0, slash)));
    } else {
      std::string dir = out + "/date=" + types::FormatDate(static_cast<int32_t>(day));
      SLUICE_RETURN_NOT_OK(fs.CreateDirs(dir));
      char name[32];
      std::snprintf(name, sizeof(name), "/part-%05llu.csv",
                    static_cast<unsigned long long>(f % files));
      path = dir + name;
    }
    SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenWrite(path));
    uint64_t rows = options.rows / total_files + (f < options.rows % total_files ? 1 : 0);
    uint64_t bad = options.bad_rows / total_files + (f < options.bad_rows % total_files ? 1 : 0);
    std::string buffer = "timestamp,user_id,event,flyer_id,merchant_id\n";
    for (uint64_t r = 0; r < rows; ++r) {
      // Malformed rows at even spacing: alternately an unparsable timestamp and a short row.
      if (bad > 0 && (r * bad) / rows != ((r + 1) * bad) / rows) {
        buffer += bad_written++ % 2 == 0 ? "2018-10-01T25:61:00-04:00,bad,flyer_open,1,2\n"
                                         : "2018-10-01T10:00:00-04:00,short_row\n";
        continue;
      }
      AppendRow(rng, day, users, flyers, &buffer);
      if (buffer.size() >= (4 << 20)) {
        SLUICE_RETURN_NOT_OK(file->Append(buffer));
        buffer.clear();
      }
    }
    SLUICE_RETURN_NOT_OK(file->Append(buffer));
    SLUICE_RETURN_NOT_OK(file->Close());
  }
  return Status::OK();
}

}  // namespace sluice::cli
