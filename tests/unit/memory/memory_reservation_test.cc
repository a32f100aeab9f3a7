#include "memory/memory_reservation.h"

#include <gtest/gtest.h>

#include <utility>

namespace sluice::memory {
namespace {

TEST(MemoryReservationTest, GrowsResizesShrinksAndReleasesOnDestruction) {
  MemoryTracker parent("query", 1000);
  MemoryTracker tracker("sort", MemoryTracker::kUnlimited, &parent);
  {
    MemoryReservation r(tracker);
    ASSERT_TRUE(r.Grow(300).ok());
    ASSERT_TRUE(r.Resize(700).ok());
    EXPECT_EQ(r.bytes(), 700);
    EXPECT_EQ(tracker.used(), 700);
    EXPECT_EQ(parent.used(), 700);
    r.Shrink(200);
    EXPECT_EQ(parent.used(), 500);
    ASSERT_TRUE(r.Resize(100).ok());
    EXPECT_EQ(parent.used(), 100);
    r.Shrink(5000);  // at most what it holds
    EXPECT_EQ(r.bytes(), 0);
    ASSERT_TRUE(r.Grow(400).ok());
  }
  EXPECT_EQ(tracker.used(), 0);
  EXPECT_EQ(parent.used(), 0);
  EXPECT_EQ(tracker.peak(), 700);
}

TEST(MemoryReservationTest, RefusalLeavesItUnchanged) {
  MemoryTracker query("query", 1000);
  MemoryReservation r(query);
  ASSERT_TRUE(r.Grow(600).ok());
  Status s = r.Resize(1200);
  EXPECT_EQ(s.code(), StatusCode::kOutOfMemory);
  EXPECT_NE(s.message().find("(query)"), std::string::npos);
  EXPECT_EQ(r.bytes(), 600);
  EXPECT_EQ(query.used(), 600);
}

TEST(MemoryReservationTest, MovedReservationReleasesOnce) {
  MemoryTracker t("t");
  {
    MemoryReservation a(t);
    ASSERT_TRUE(a.Grow(50).ok());
    MemoryReservation b = std::move(a);
    EXPECT_EQ(b.bytes(), 50);
    MemoryReservation c(t);
    ASSERT_TRUE(c.Grow(10).ok());
    c = std::move(b);  // c's own 10 bytes go back
    EXPECT_EQ(t.used(), 50);
  }
  EXPECT_EQ(t.used(), 0);
}

TEST(MemoryTrackerTest, RoomOnlyChildNeedsRoomInItsParentButDoesNotChargeIt) {
  MemoryTracker process("process", 1000);
  ASSERT_TRUE(process.Reserve(700).ok());  // buffers already allocated
  MemoryTracker query("query", 300, &process, ParentLink::kRoomOnly);
  EXPECT_EQ(query.TryReserve(200), nullptr);
  EXPECT_EQ(process.used(), 700);
  EXPECT_EQ(query.TryReserve(400), &process);  // 700 + 400 > 1000
  EXPECT_EQ(query.used(), 200);
  MemoryTracker op("sort", MemoryTracker::kUnlimited, &query);
  EXPECT_EQ(op.TryReserve(150), &query);  // 200 + 150 > 300
  EXPECT_EQ(op.used(), 0);
  EXPECT_EQ(op.TryReserve(50), nullptr);
  EXPECT_EQ(query.used(), 250);
  EXPECT_EQ(process.used(), 700);
  op.Release(50);
  EXPECT_EQ(query.used(), 200);
}

}  // namespace
}  // namespace sluice::memory
