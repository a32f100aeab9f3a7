// OrderedRejects alone: rejects handed over in any morsel order reach the sink in morsel
// order; past the budget a morsel's rejects are dropped and found again by Replay, from
// the first one dropped, when the morsel's turn comes.
#include "formats/ordered_rejects.h"

#include <gtest/gtest.h>

namespace sluice::formats {
namespace {

RejectedRow Row(uint64_t line) { return RejectedRow{"/f.csv", line, line * 10, "", "", "", ""}; }

class LineSink final : public RejectSink {
 public:
  Status Add(std::span<const RejectedRow> rows) override {
    for (const RejectedRow& row : rows) lines.push_back(row.line);
    return Status::OK();
  }
  std::vector<uint64_t> lines;
};

TEST(OrderedRejectsTest, MorselsInAnyOrderReachTheSinkInOrder) {
  LineSink sink;
  std::vector<std::pair<size_t, uint64_t>> replays;  // (morsel, line of the first dropped)
  const size_t two_rows = 2 * (sizeof(RejectedRow) + 6);
  OrderedRejects ordered(
      &sink, 4,
      [&](size_t i, const RejectedRow& from, RejectSink& to) {
        replays.emplace_back(i, from.line);
        const RejectedRow again[] = {Row(from.line), Row(from.line + 1)};
        return to.Add(again);
      },
      two_rows);
  const RejectedRow m1[] = {Row(20), Row(21)};
  const RejectedRow m1_more[] = {Row(22), Row(23)};
  const RejectedRow m2[] = {Row(30)};
  const RejectedRow m0[] = {Row(1), Row(2)};
  const RejectedRow m2_more[] = {Row(31)};
  const RejectedRow m3[] = {Row(40)};
  ASSERT_TRUE(ordered.Add(1, m1).ok());
  ASSERT_TRUE(ordered.Add(1, m1_more).ok());  // past the budget: dropped
  ASSERT_TRUE(ordered.Add(2, m2).ok());
  ASSERT_TRUE(ordered.Done(1).ok());
  EXPECT_TRUE(sink.lines.empty());
  ASSERT_TRUE(ordered.Add(0, m0).ok());  // the head: straight through
  EXPECT_EQ(sink.lines, (std::vector<uint64_t>{1, 2}));
  ASSERT_TRUE(ordered.Done(0).ok());  // morsel 1 goes, then what morsel 2 found so far
  EXPECT_EQ(sink.lines, (std::vector<uint64_t>{1, 2, 20, 21, 22, 23, 30}));
  EXPECT_EQ(replays, (std::vector<std::pair<size_t, uint64_t>>{{1, 22}}));
  ASSERT_TRUE(ordered.Add(2, m2_more).ok());  // now the head
  ASSERT_TRUE(ordered.Add(3, m3).ok());
  EXPECT_EQ(sink.lines.back(), 31u);
  ASSERT_TRUE(ordered.Finish().ok());  // morsel 2 never said it was done
  EXPECT_EQ(sink.lines, (std::vector<uint64_t>{1, 2, 20, 21, 22, 23, 30, 31, 40}));
}

}  // namespace
}  // namespace sluice::formats
