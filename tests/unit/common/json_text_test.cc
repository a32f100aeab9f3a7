#include "common/json_text.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(JsonTextTest, EscapesWhatJsonRequires) {
  std::string out;
  AppendJsonString(&out, "a\"b\\c\nd\te\x01 caf\xc3\xa9");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 caf\xc3\xa9\"");
  out.clear();
  AppendJsonString(&out, "");
  EXPECT_EQ(out, "\"\"");
}

}  // namespace
}  // namespace sluice
