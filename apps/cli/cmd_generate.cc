// `sluice generate flyer OUT`: writes deterministic sample data.
#include "commands.h"
#include "flyer_generator.h"

namespace sluice::cli {

void AddGenerateCommand(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("generate", "Write deterministic sample data for demos and benchmarks");
  auto* flyer = cmd->add_subcommand(
      "flyer", "Flyer app events (timestamp,user_id,event,flyer_id,merchant_id)");
  cmd->require_subcommand(1);
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

}  // namespace sluice::cli
