// The `sluice` binary: a thin command-line layer over the library.
#include <CLI/CLI.hpp>

#include "commands.h"
#include "heap.h"

int main(int argc, char** argv) {
  sluice::cli::ConfigureHeap();
  CLI::App app{
      "Sluice: landing-zone files to analytical tables, in one native binary.\n"
      "Reads CSV with Spark's options and semantics, on every core, losing no row."};
  app.set_version_flag("--version", std::string("sluice ") + SLUICE_VERSION);
  app.require_subcommand(1);
  sluice::cli::AddSchemaCommand(app);
  sluice::cli::AddCatCommand(app);
  sluice::cli::AddValidateCommand(app);
  sluice::cli::AddGenerateCommand(app);
  sluice::cli::AddDemoCommand(app);
  sluice::cli::AddInspectCommand(app);
  sluice::cli::AddConvertCommand(app);
  sluice::cli::AddSqlCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return sluice::cli::ExitCode();
}
