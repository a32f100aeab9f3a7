// `sluice generate flyer|billing|credit|denver|sales-days OUT`: writes deterministic sample data.
#include <sstream>

#include "billing_generator.h"
#include "commands.h"
#include "credit_generator.h"
#include "denver_generator.h"
#include "flyer_generator.h"
#include "sales_days_generator.h"
#include "types/datetime_format.h"

namespace sluice::cli {
namespace {

// A yyyy-MM-dd option value as days since 1970-01-01.
Result<int32_t> ParseDay(const std::string& option, const std::string& text) {
  types::ParsedDateTime parsed;
  if (text.size() != 10 || !types::ParseIsoDate(text, &parsed))
    return Status::Invalid(option + ": expected a date yyyy-MM-dd, got '" + text + "'");
  return static_cast<int32_t>(parsed.ToDays());
}

void AddFlyer(CLI::App* cmd) {
  auto* flyer = cmd->add_subcommand(
      "flyer", "Flyer app events (timestamp,user_id,event,flyer_id,merchant_id)");
  auto o = std::make_shared<FlyerGeneratorOptions>();
  auto out = std::make_shared<std::string>();
  flyer->add_option("out", *out, "A .csv file, or a folder for date=YYYY-MM-DD/part-N.csv files")
      ->required();
  flyer->add_option("--rows", o->rows, "Rows in all (default 100000)");
  flyer->add_option("--files", o->files, "Files per day folder (default 1)");
  flyer->add_option("--days", o->days, "Day folders from 2018-10-01 (default 1)");
  flyer->add_option("--seed", o->seed, "Random seed (default 42)");
  flyer->add_option("--bad-rows", o->bad_rows, "Malformed rows to mix in (default 0)");
  flyer->callback([o, out] {
    Status st = GenerateFlyerEvents(*io::LocalFileSystem(), *out, *o);
    ExitCode() = st.ok() ? 0 : Fail(st.message());
  });
}

void AddBilling(CLI::App* cmd) {
  auto* billing = cmd->add_subcommand(
      "billing", "Cloud billing events, one CSV a day in year=/month=/day= folders");
  auto o = std::make_shared<BillingGeneratorOptions>();
  auto out = std::make_shared<std::string>();
  auto start = std::make_shared<std::string>("2024-01-01");
  billing->add_option("out", *out, "The folder for year=YYYY/month=MM/day=DD/billing.csv")
      ->required();
  billing->add_option("--days", o->days, "Days (default 365)");
  billing->add_option("--rows-per-day", o->rows_per_day, "Rows per day (default 19200)");
  billing->add_option("--start", *start, "The first day (default 2024-01-01)");
  billing->add_option("--seed", o->seed, "Random seed (default 42)");
  billing->add_option("--bad-rows", o->bad_rows, "Malformed rows per file (default 0)");
  billing->callback([o, out, start] {
    Status st = [&]() -> Status {
      SLUICE_ASSIGN_OR_RAISE(o->start_day, ParseDay("--start", *start));
      return GenerateBilling(*io::LocalFileSystem(), *out, *o);
    }();
    ExitCode() = st.ok() ? 0 : Fail(st.message());
  });
}

void AddCredit(CLI::App* cmd) {
  auto* credit = cmd->add_subcommand(
      "credit", "Daily credit status snapshots in record_date=YYYY-MM-DD folders");
  auto o = std::make_shared<CreditGeneratorOptions>();
  auto out = std::make_shared<std::string>();
  auto start = std::make_shared<std::string>("2021-01-01");
  auto format = std::make_shared<std::string>("csv");
  auto skip = std::make_shared<std::string>();
  credit->add_option("out", *out, "The folder for record_date=YYYY-MM-DD/part-0.csv|parquet")
      ->required();
  credit->add_option("--days", o->days, "Days (default 400)");
  credit->add_option("--credits", o->credits,
                     "Credits on the last day; half of them exist from the first (default 73000)");
  credit->add_option("--start", *start, "The first day (default 2021-01-01)");
  credit->add_option("--format", *format, "csv (default) or parquet")
      ->check(CLI::IsMember({"csv", "parquet"}));
  credit->add_option("--skip-days", *skip, "Days without a snapshot: yyyy-MM-dd,yyyy-MM-dd,...");
  credit->add_option("--seed", o->seed, "Random seed (default 42)");
  credit->callback([o, out, start, format, skip] {
    Status st = [&]() -> Status {
      SLUICE_ASSIGN_OR_RAISE(o->start_day, ParseDay("--start", *start));
      std::istringstream days(*skip);
      for (std::string day; std::getline(days, day, ',');) {
        SLUICE_ASSIGN_OR_RAISE(int32_t skipped, ParseDay("--skip-days", day));
        o->skip_days.insert(skipped);
      }
      o->parquet = *format == "parquet";
      return GenerateCredits(*io::LocalFileSystem(), *out, *o);
    }();
    ExitCode() = st.ok() ? 0 : Fail(st.message());
  });
}

void AddDenver(CLI::App* cmd) {
  auto* denver = cmd->add_subcommand(
      "denver", "Denver open data: traffic accidents and 311 service requests of one release");
  auto o = std::make_shared<DenverGeneratorOptions>();
  auto out = std::make_shared<std::string>();
  auto release = std::make_shared<std::string>("2020-01-01");
  denver->add_option("out", *out, "The folder for traffic_accidents.csv, 311_service_requests.csv")
      ->required();
  denver->add_option("--accidents", o->accidents,
                     "About the accidents per release (default 150000)");
  denver->add_option("--requests", o->requests,
                     "About the 311 requests per release (default 300000)");
  denver->add_option("--release", *release,
                     "The release date: rows of the six years before it (default 2020-01-01)");
  denver->add_option("--seed", o->seed, "Random seed (default 42)");
  denver->callback([o, out, release] {
    Status st = [&]() -> Status {
      SLUICE_ASSIGN_OR_RAISE(o->release_day, ParseDay("--release", *release));
      return GenerateDenver(*io::LocalFileSystem(), *out, *o);
    }();
    ExitCode() = st.ok() ? 0 : Fail(st.message());
  });
}

void AddSalesDays(CLI::App* cmd) {
  auto* sales = cmd->add_subcommand(
      "sales-days", "The five input CSV files of the sales-days forecast (examples/sales_days)");
  auto o = std::make_shared<SalesDaysGeneratorOptions>();
  auto out = std::make_shared<std::string>();
  sales->add_option("out", *out, "The folder for the CSV files")->required();
  auto* locations = sales->add_option("--locations", o->locations,
                                      "Locations to generate, all five files (default 1000)");
  sales
      ->add_option("--from-published", o->published_dir,
                   "Read dfSalesDaysFuture.csv and dfReinvestmentProjects.csv from this folder "
                   "and write the other three files consistent with them")
      ->excludes(locations);
  sales->add_option("--seed", o->seed, "Random seed (default 42)");
  sales->callback([o, out] {
    Status st = GenerateSalesDays(*io::LocalFileSystem(), *out, *o);
    ExitCode() = st.ok() ? 0 : Fail(st.message());
  });
}

}  // namespace

void AddGenerateCommand(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("generate", "Write deterministic sample data for demos and benchmarks");
  cmd->require_subcommand(1);
  AddFlyer(cmd);
  AddBilling(cmd);
  AddCredit(cmd);
  AddDenver(cmd);
  AddSalesDays(cmd);
}

}  // namespace sluice::cli
