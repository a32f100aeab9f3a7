#include "billing_generator.h"

#include <cstdio>

#include "split_mix64.h"
#include "types/civil_date.h"

namespace sluice::cli {
namespace {

constexpr const char* kRegions[] = {"de-fra1", "fi-hel1", "fi-hel2",
                                    "jp-tok1", "pl-waw1", "us-chi1"};
constexpr const char* kTiers[] = {"free", "basic", "pro", "enterprise"};
constexpr const char* kOperations[] = {"read", "write", "compute", "storage"};
constexpr const char* kResourceTypes[] = {"vm", "db", "container", "function"};
constexpr const char* kCurrencies[] = {"EUR", "USD", "JPY"};
constexpr uint64_t kCustomers = 1000;
constexpr uint64_t kFirstUserId = 10001;

void AppendRow(SplitMix64& rng, const types::CivilDate& date, std::string* out) {
  const uint64_t second = rng.Below(86400);
  // Skewed customers: the cube of a uniform number puts most rows on few customers.
  const double u = static_cast<double>(rng.Below(1 << 20)) / (1 << 20);
  const uint64_t customer = static_cast<uint64_t>(u * u * u * kCustomers);
  const uint64_t traits = MixHash(customer, 1);  // a customer's region, tier and currency
  const uint64_t resource = customer * 16 + rng.Below(16);
  const char* resource_type = kResourceTypes[resource % 4];
  // Usage is negative; one row in 50 is a top-up (positive).
  const bool top_up = rng.Below(50) == 0;
  const double cents = static_cast<double>(rng.Below(top_up ? 100000 : 5000) + 1);
  const bool success = rng.Below(20) != 0;
  char line[320];
  std::snprintf(
      line, sizeof(line),
      "%04lld-%02d-%02d %02llu:%02llu:%02llu,%s-%08llx,%llu,%.2f,%s,%s,%s,%s,%s,"
      "INV-%04lld%02d-%llu,%s,%lld,%d,%d\n",
      static_cast<long long>(date.year), date.month, date.day,
      static_cast<unsigned long long>(second / 3600),
      static_cast<unsigned long long>(second / 60 % 60),
      static_cast<unsigned long long>(second % 60), resource_type,
      static_cast<unsigned long long>(MixHash(resource) & 0xffffffffULL),
      static_cast<unsigned long long>(kFirstUserId + customer), (top_up ? 1 : -1) * cents / 100,
      kRegions[traits % 6], kTiers[traits / 6 % 4], kOperations[rng.Below(4)],
      success ? "true" : "false", resource_type, static_cast<long long>(date.year), date.month,
      static_cast<unsigned long long>(kFirstUserId + customer), kCurrencies[traits / 24 % 3],
      static_cast<long long>(date.year), date.month, date.day);
  out->append(line);
}

}  // namespace

Status GenerateBilling(io::FileSystem& fs, const std::string& out_dir,
                       const BillingGeneratorOptions& options) {
  if (options.days < 1) return Status::Invalid("--days must be at least 1");
  if (options.bad_rows > options.rows_per_day)
    return Status::Invalid("--bad-rows must not exceed --rows-per-day");
  SplitMix64 rng(options.seed);
  for (int d = 0; d < options.days; ++d) {
    const types::CivilDate date = types::CivilFromDays(options.start_day + d);
    char folder[64];
    std::snprintf(folder, sizeof(folder), "/year=%04lld/month=%02d/day=%02d",
                  static_cast<long long>(date.year), date.month, date.day);
    const std::string dir = out_dir + folder;
    SLUICE_RETURN_NOT_OK(fs.CreateDirs(dir));
    SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenWrite(dir + "/billing.csv"));
    std::string buffer =
        "timestamp,resource_id,user_id,credit_usage,region,service_tier,operation_type,success,"
        "resource_type,invoice_id,currency,year,month,day\n";
    const uint64_t rows = options.rows_per_day, bad = options.bad_rows;
    for (uint64_t r = 0; r < rows; ++r) {
      const size_t start = buffer.size();
      AppendRow(rng, date, &buffer);
      // Malformed rows at even spacing: alternately an hour 25 and a non-integer user_id.
      if (bad > 0 && (r * bad) / rows != ((r + 1) * bad) / rows) {
        if ((r * bad) / rows % 2 == 0)
          buffer.replace(start + 11, 2, "25");
        else
          buffer.insert(buffer.find(',', buffer.find(',', start) + 1) + 1, "u");
      }
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
