#include "parallel/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <new>
#include <set>
#include <stdexcept>
#include <thread>

#include "parallel/morsel_queue.h"

namespace sluice::parallel {
namespace {

TEST(ThreadPoolTest, RunParallelUsesEverySlotAndWaits) {
  ThreadPool pool(4);
  std::atomic<int> sum{0};
  std::mutex mu;
  std::set<size_t> slots;
  ASSERT_TRUE(pool.RunParallel(4,
                               [&](size_t slot) {
                                 sum += static_cast<int>(slot) + 1;
                                 std::lock_guard lock(mu);
                                 slots.insert(slot);
                                 return Status::OK();
                               })
                  .ok());
  EXPECT_EQ(sum.load(), 10);
  EXPECT_EQ(slots.size(), 4u);
}

TEST(ThreadPoolTest, ReturnsAnErrorFromAnySlot) {
  ThreadPool pool(2);
  Status st = pool.RunParallel(
      3, [](size_t slot) { return slot == 2 ? Status::IOError("slot two failed") : Status::OK(); });
  EXPECT_EQ(st.code(), StatusCode::kIOError);
  EXPECT_EQ(st.message(), "slot two failed");
}

TEST(ThreadPoolTest, NestedRunParallelDoesNotDeadlock) {
  ThreadPool pool(2);
  std::atomic<int> inner{0};
  ASSERT_TRUE(pool.RunParallel(2,
                               [&](size_t) {
                                 return pool.RunParallel(2, [&](size_t) {
                                   inner++;
                                   return Status::OK();
                                 });
                               })
                  .ok());
  EXPECT_EQ(inner.load(), 4);
}

// The only worker is busy until the waiter's task has run: the waiter runs it itself.
TEST(ThreadPoolTest, HelpUntilRunsQueuedTasksWhileWaiting) {
  ThreadPool pool(1);
  std::atomic<bool> started{false}, release{false}, done{false};
  std::atomic<int> waited_ms{0};
  pool.Submit([&] {
    started = true;
    while (!release && waited_ms < 5000) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ++waited_ms;
    }
  });
  while (!started) std::this_thread::yield();
  std::thread::id ran_on;
  pool.Submit([&] {
    ran_on = std::this_thread::get_id();
    done = true;
    release = true;
  });
  pool.HelpUntil([&] { return done.load(); });
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_LT(waited_ms.load(), 5000);
}

TEST(MorselQueueTest, EveryMorselExactlyOnceAcrossThreads) {
  std::vector<int> items(10000);
  for (int i = 0; i < 10000; ++i) items[i] = i;
  MorselQueue<int> queue(items);
  std::vector<std::atomic<int>> seen(10000);
  ThreadPool pool(4);
  ASSERT_TRUE(pool.RunParallel(4,
                               [&](size_t) {
                                 while (auto i = queue.NextIndex())
                                   seen[static_cast<size_t>(queue[*i])]++;
                                 return Status::OK();
                               })
                  .ok());
  for (auto& s : seen) ASSERT_EQ(s.load(), 1);
}

// Exceptions become the call's error, whichever path ran the task; the pool still works.
TEST(ThreadPoolTest, ExceptionsBecomeTheCallsError) {
  ThreadPool pool(2);
  Status st = pool.RunParallel(3, [](size_t slot) -> Status {
    if (slot == 2) throw std::runtime_error("bad regex");
    return Status::OK();
  });
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_NE(st.message().find("bad regex"), std::string::npos) << st.message();

  // On the calling thread too (slot 0, and parallelism 1).
  st = pool.RunParallel(1, [](size_t) -> Status { throw std::bad_alloc(); });
  EXPECT_EQ(st.code(), StatusCode::kOutOfMemory);
  EXPECT_NE(st.message().find("memory ran out"), std::string::npos) << st.message();
  st = pool.RunParallel(2, [](size_t slot) -> Status {
    if (slot == 0) throw std::bad_alloc();
    return Status::OK();
  });
  EXPECT_EQ(st.code(), StatusCode::kOutOfMemory);

  // A raw Submit task that throws leaves its worker running.
  std::atomic<bool> ran{false};
  pool.Submit([] { throw std::logic_error("dropped"); });
  pool.Submit([&] { ran = true; });
  pool.HelpUntil([&] { return ran.load(); });

  std::atomic<int> sum{0};
  ASSERT_TRUE(pool.ForEach(100,
                           [&](size_t i) {
                             sum += static_cast<int>(i);
                             return Status::OK();
                           })
                  .ok());
  EXPECT_EQ(sum.load(), 4950);
}

// After one index failed, ForEach starts no further index. The later indices take a
// millisecond each, so the other worker cannot run far ahead while the first exception of the
// process unwinds (slow: it loads the unwind tables) on a loaded machine.
TEST(ThreadPoolTest, ForEachStopsTakingWorkAfterAFailure) {
  ThreadPool pool(2);
  std::atomic<int> started{0};
  Status st = pool.ForEach(100000, [&](size_t i) -> Status {
    ++started;
    if (i == 10) throw std::out_of_range("index ten");
    if (i > 10) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Status::OK();
  });
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_NE(st.message().find("index ten"), std::string::npos) << st.message();
  EXPECT_LT(started.load(), 1000);
}

// Tasks that re-queue themselves (a task per morsel) all run before Wait returns; after a
// failure, the queued ones are skipped and the first error is the group's.
TEST(ThreadPoolTest, TaskGroupWaitsForRequeuedTasksAndSkipsAfterAFailure) {
  ThreadPool pool(2);
  {
    TaskGroup group(pool);
    std::atomic<int> runs{0};
    std::function<Status()> step = [&]() -> Status {
      if (++runs < 50) group.Submit(step);
      return Status::OK();
    };
    group.Submit(step);
    ASSERT_TRUE(group.Wait().ok());
    EXPECT_EQ(runs.load(), 50);
  }
  {
    TaskGroup group(pool);
    std::atomic<int> runs{0};
    std::function<Status()> step = [&]() -> Status {
      const int n = ++runs;
      if (n == 5) throw std::bad_alloc();
      group.Submit(step);
      return Status::OK();
    };
    group.Submit(step);
    Status st = group.Wait();
    EXPECT_EQ(st.code(), StatusCode::kOutOfMemory);
    EXPECT_TRUE(group.failed());
    EXPECT_EQ(runs.load(), 5);
  }
}

}  // namespace
}  // namespace sluice::parallel
