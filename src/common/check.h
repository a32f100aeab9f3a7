// Checks for broken invariants: our bugs, never user input. A failed check prints
// where and why, then aborts. Thread-safe.
#pragma once

namespace sluice::internal {
[[noreturn]] void CheckFailed(const char* expr, const char* file, int line);
}  // namespace sluice::internal

#define SLUICE_CHECK(cond)                                                   \
  do {                                                                       \
    if (!(cond)) ::sluice::internal::CheckFailed(#cond, __FILE__, __LINE__); \
  } while (false)

#ifdef NDEBUG
#define SLUICE_DCHECK(cond) \
  do {                      \
  } while (false && (cond))
#else
#define SLUICE_DCHECK(cond) SLUICE_CHECK(cond)
#endif
