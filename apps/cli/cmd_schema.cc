// `sluice schema PATH`: prints the schema a read would produce, as DDL.
#include "commands.h"
#include "read_options.h"

namespace sluice::cli {

int& ExitCode() {
  static int code = 0;
  return code;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "sluice: %s\n", message.c_str());
  return 2;
}

void AddSchemaCommand(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("schema", "Print the schema of files as DDL (partition columns included)");
  auto options = std::make_shared<ReadOptions>();
  auto json = std::make_shared<bool>(false);
  options->AddTo(cmd);
  cmd->add_flag("--json", *json, "Print Spark's StructType JSON instead of DDL");
  cmd->callback([options, json] {
    auto reader = options->Open();
    if (!reader.ok()) {
      ExitCode() = Fail(reader.status().message());
      return;
    }
    const types::Schema& schema = *reader->reader->schema();
    std::printf("%s\n", *json ? schema.ToJson().c_str() : schema.ToDdl().c_str());
  });
}

}  // namespace sluice::cli
