#include "common/check.h"

#include <cstdio>
#include <cstdlib>

namespace sluice::internal {

void CheckFailed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "sluice: internal check failed: %s at %s:%d\n", expr, file, line);
  std::abort();
}

}  // namespace sluice::internal
