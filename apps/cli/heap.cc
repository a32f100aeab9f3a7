// How the CLI's process uses glibc's malloc (see ConfigureHeap).
#include "heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>

// Sanitizers replace malloc themselves: their builds leave it alone.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SLUICE_ADVISE_HUGE_PAGES 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SLUICE_ADVISE_HUGE_PAGES 0
#endif
#endif
#ifndef SLUICE_ADVISE_HUGE_PAGES
#define SLUICE_ADVISE_HUGE_PAGES 1
#endif

namespace sluice::cli {
namespace {

constexpr int kMmapThreshold = 32 << 20;
constexpr uintptr_t kHugePage = 2 << 20;

std::atomic<bool> advising{false};
uintptr_t heap_start = 0;               // the heap's first byte, as the process started
std::atomic<uintptr_t> advised_end{0};  // the heap is advised up to here

// Asks for huge pages in [begin, end), but not below `floor` (another mapping's bytes).
void AdviseHugePages(uintptr_t begin, uintptr_t end, uintptr_t floor) {
  begin = std::max(begin / kHugePage * kHugePage, floor);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace

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
//
// The heap is on transparent huge pages where the kernel gives them on request (Debian's
// default, `madvise`): a large aggregate's random probes over a GB of rows and tables miss
// the TLB on nearly every 4 KiB page, and each such page is a fault when first touched
// (time_on_flyer: user time -40%). What glibc does with GLIBC_TUNABLES=glibc.malloc.hugetlb=1,
// which a program cannot set for itself: the heap grows in 64 MB steps, and malloc below
// advises each step before the memory is touched, as it does each block mapped on its own.
// (Allocations from a second arena, on 16 cores or more, are not advised.)
void ConfigureHeap() {
  mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_ARENA_MAX, static_cast<int>(std::max(1u, std::thread::hardware_concurrency() / 8)));
  if (!SLUICE_ADVISE_HUGE_PAGES) return;
  mallopt(M_TOP_PAD, 64 << 20);
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGE_SIZE));
  heap_start = (reinterpret_cast<uintptr_t>(sbrk(0)) + page - 1) / page * page;
  advised_end = heap_start;
  advising = true;
}

// After an allocation, before its memory is touched: advises what the heap grew by, or the
// block when it is a mapping of its own.
void AdviseAllocation(void* block, size_t size) {
  const uintptr_t end = reinterpret_cast<uintptr_t>(sbrk(0));
  uintptr_t seen = advised_end.load(std::memory_order_relaxed);
  // Smaller than seen: the heap's freed top was given back.
  if (end != seen && advised_end.compare_exchange_strong(seen, end) && end > seen)
    AdviseHugePages(seen, end, heap_start);
  if (size >= static_cast<size_t>(kMmapThreshold)) {
    const auto begin = reinterpret_cast<uintptr_t>(block);
    AdviseHugePages(begin + kHugePage - 1, begin + size, begin);
  }
}

}  // namespace sluice::cli

#if SLUICE_ADVISE_HUGE_PAGES
extern "C" void* __libc_malloc(size_t size);

// Every allocation of the process, operator new's too, comes here (calloc, realloc and
// aligned allocations go to glibc directly: the heap growth they cause is advised at the next
// malloc).
extern "C" void* malloc(size_t size) {
  void* block = __libc_malloc(size);
  if (block != nullptr && sluice::cli::advising.load(std::memory_order_relaxed))
    sluice::cli::AdviseAllocation(block, size);
  return block;
}
#endif
