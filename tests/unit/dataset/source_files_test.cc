// Source listing on a real folder: symlinks that loop or lead to the same files.
#include "dataset/source_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace sluice::formats {
namespace {

std::string TempDir() {
  char tmpl[] = "/tmp/sluice_listing_test_XXXXXX";
  return mkdtemp(tmpl);
}

std::vector<std::string> Paths(const SourceListing& listing) {
  std::vector<std::string> out;
  for (const SourceFile& f : listing.files) out.push_back(f.path);
  return out;
}

TEST(SourceFilesTest, EachFileOnceThroughSymlinkedFolders) {
  std::string root = TempDir();
  auto fs = io::LocalFileSystem();
  ASSERT_TRUE(fs->CreateDirs(root + "/D/sub").ok());
  ASSERT_TRUE(fs->WriteAll(root + "/D/sub/x.csv", "1\n").ok());
  ASSERT_EQ(symlink("..", (root + "/D/sub/up").c_str()), 0);  // a cycle
  ASSERT_EQ(symlink("sub", (root + "/D/twin").c_str()), 0);   // a second way to x.csv
  auto listing = ListSourceFiles(*fs, {root + "/D"}, ListingOptions{});
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(Paths(*listing), std::vector<std::string>{root + "/D/sub/x.csv"});
  // The same file named twice, by two paths, is read once too.
  auto twice = ListSourceFiles(*fs, {root + "/D/twin/x.csv", root + "/D/sub/x.csv"}, {});
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(Paths(*twice), std::vector<std::string>{root + "/D/sub/x.csv"});
  ASSERT_TRUE(fs->DeleteRecursive(root).ok());
}

// A link sorted before the real folder must not hide the real partition folders.
TEST(SourceFilesTest, TheRealPathWinsOverALinkToTheSameFile) {
  std::string root = TempDir();
  auto fs = io::LocalFileSystem();
  ASSERT_TRUE(fs->CreateDirs(root + "/T/day=1").ok());
  ASSERT_TRUE(fs->WriteAll(root + "/T/day=1/x.csv", "1\n").ok());
  ASSERT_EQ(symlink("day=1", (root + "/T/alias").c_str()), 0);
  auto listing = ListSourceFiles(*fs, {root + "/T"}, ListingOptions{});
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(Paths(*listing), std::vector<std::string>{root + "/T/day=1/x.csv"});
  EXPECT_EQ(listing->partition_schema.ToDdl(), "day INT");
  ASSERT_TRUE(fs->DeleteRecursive(root).ok());
}

}  // namespace
}  // namespace sluice::formats
