// How the CLI's process uses glibc's malloc; set once, first thing in main.
#pragma once

namespace sluice::cli {

void ConfigureHeap();

}  // namespace sluice::cli
