// The `sluice` binary: a thin command-line layer over the library.
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <thread>

#include "commands.h"

namespace {

// Vectors and hash tables of a few MB are freed and allocated again every batch and every
// window partition. By default glibc maps such blocks afresh and unmaps them on free, and
// trims the heap's freed top, so each reuse faults its pages in again (the flyer jobs took
// about a million minor faults, several seconds of system time). Serving them from the
// heap and keeping freed memory for the next batch avoids that. Peak RSS barely moves: the
// kept memory is what the query used a moment before (docs/architecture.md, "Memory").
// One arena for all threads: with one per thread, what one thread frees (a pipeline worker's
// batches, consumed by a pool thread) is kept in its arena while another grows its own
// (session_flyer's peak RSS was 1.65 GB with them, 1.52 GB with one, and less CPU time).
// Many cores would contend on one arena's lock, so there is one arena per eight of them.
void KeepFreedMemoryForReuse() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_ARENA_MAX, static_cast<int>(std::max(1u, std::thread::hardware_concurrency() / 8)));
}

}  // namespace

int main(int argc, char** argv) {
  KeepFreedMemoryForReuse();
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
