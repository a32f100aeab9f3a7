// The sluice subcommands. Each registers itself on the CLI app and runs when chosen;
// Run functions return the process exit code (0 ok, 1 rejected rows, 2 error).
#pragma once

#include <CLI/CLI.hpp>

namespace sluice::cli {

// Registers a subcommand and remembers what to run when it is chosen.
void AddSchemaCommand(CLI::App& app);
void AddCatCommand(CLI::App& app);
void AddValidateCommand(CLI::App& app);
void AddGenerateCommand(CLI::App& app);
void AddDemoCommand(CLI::App& app);
void AddInspectCommand(CLI::App& app);
void AddConvertCommand(CLI::App& app);
void AddSqlCommand(CLI::App& app);

// Set by the chosen subcommand's callback.
int& ExitCode();

// Prints "sluice: <message>" on stderr and returns 2.
int Fail(const std::string& message);

}  // namespace sluice::cli
