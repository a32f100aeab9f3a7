#include "memory/memory_tracker.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "memory/tracked_buffer.h"

namespace sluice::memory {
namespace {

TEST(MemoryTrackerTest, RefusesPastTheLimitAndNamesIt) {
  MemoryTracker t("query", 1000);
  EXPECT_TRUE(t.Reserve(600).ok());
  Status s = t.Reserve(500);
  EXPECT_EQ(s.code(), StatusCode::kOutOfMemory);
  EXPECT_NE(s.message().find("(query)"), std::string::npos);
  EXPECT_EQ(t.used(), 600);
  t.Release(600);
  EXPECT_EQ(t.used(), 0);
  EXPECT_EQ(t.peak(), 600);
}

TEST(MemoryTrackerTest, ChildChargesParentAndRollsBack) {
  MemoryTracker parent("process", 1000);
  {
    MemoryTracker child("query", 800, &parent);
    EXPECT_TRUE(parent.Reserve(300).ok());
    EXPECT_TRUE(child.Reserve(600).ok());
    EXPECT_EQ(parent.used(), 900);
    // The child has room but the parent does not: nothing stays reserved.
    EXPECT_FALSE(child.Reserve(150).ok());
    EXPECT_EQ(child.used(), 600);
    EXPECT_EQ(parent.used(), 900);
  }
  // What the child held went back when it was destroyed.
  EXPECT_EQ(parent.used(), 300);
}

TEST(MemoryTrackerTest, ConcurrentReservationsNeverExceedTheLimit) {
  MemoryTracker t("shared", 10000);
  std::vector<std::thread> threads;
  std::atomic<int> granted{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 1000; ++k) {
        if (t.Reserve(7).ok()) granted++;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(granted.load(), 10000 / 7);
  EXPECT_EQ(t.used(), granted.load() * 7);
}

TEST(TrackedBufferTest, ChargesCapacityAndKeepsContents) {
  MemoryTracker t("buffers", 1 << 20);
  {
    TrackedBuffer b(&t);
    ASSERT_TRUE(b.Reserve(100).ok());
    EXPECT_EQ(t.used(), static_cast<int64_t>(b.capacity()));
    b.data()[99] = 42;
    ASSERT_TRUE(b.Reserve(5000).ok());
    EXPECT_EQ(b.data()[99], 42);
    EXPECT_EQ(b.data()[4000], 0);
    EXPECT_EQ(t.used(), static_cast<int64_t>(b.capacity()));
    TrackedBuffer moved = std::move(b);
    EXPECT_EQ(moved.data()[99], 42);
    EXPECT_FALSE(TrackedBuffer(&t).Reserve(2 << 20).ok());
  }
  EXPECT_EQ(t.used(), 0);
}

TEST(ByteSizeTest, ParsesUnitsAndPercent) {
  EXPECT_EQ(*ParseByteSize("512MB", 0), 512LL << 20);
  EXPECT_EQ(*ParseByteSize("2g", 0), 2LL << 30);
  EXPECT_EQ(*ParseByteSize("50%", 1000), 500);
  EXPECT_FALSE(ParseByteSize("lots", 0).ok());
  EXPECT_FALSE(ParseByteSize("5 parsecs", 0).ok());
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
}

}  // namespace
}  // namespace sluice::memory
