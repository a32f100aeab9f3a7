#include "io/file_system.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "io/fault_injecting_file_system.h"
#include "io/memory_file_system.h"

namespace sluice::io {
namespace {

std::string TempDir() {
  char tmpl[] = "/tmp/sluice_io_test_XXXXXX";
  return mkdtemp(tmpl);
}

// The same contract for every FileSystem implementation.
void ExerciseFileSystem(FileSystem& fs, const std::string& root) {
  ASSERT_TRUE(fs.CreateDirs(root + "/a/b").ok());
  ASSERT_TRUE(fs.WriteAll(root + "/a/b/one.csv", "hello").ok());
  ASSERT_TRUE(
      fs.WriteAll(root + "/a/two.csv", std::string(3 << 20, 'x')).ok());  // mapped when local
  EXPECT_EQ(*fs.ReadAll(root + "/a/b/one.csv"), "hello");
  auto info = fs.GetInfo(root + "/a/two.csv");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->size, 3u << 20);
  EXPECT_FALSE(info->is_directory);
  EXPECT_TRUE(fs.GetInfo(root + "/a")->is_directory);
  auto file = fs.OpenRead(root + "/a/two.csv");
  ASSERT_TRUE(file.ok());
  auto range = (*file)->Read((3 << 20) - 2, 100);
  ASSERT_TRUE(range.ok());
  EXPECT_EQ((*range)->view(), "xx");
  auto entries = fs.ListDir(root + "/a");
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].path, root + "/a/b");
  auto all = fs.ListRecursive(root);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].path, root + "/a/b/one.csv");
  // Claiming a name that exists fails; a plain rename replaces.
  ASSERT_TRUE(fs.WriteAll(root + "/tmp1", "new").ok());
  EXPECT_EQ(fs.RenameNoReplace(root + "/tmp1", root + "/a/b/one.csv").code(),
            StatusCode::kAlreadyExists);
  EXPECT_TRUE(fs.RenameNoReplace(root + "/tmp1", root + "/claimed").ok());
  EXPECT_TRUE(fs.Rename(root + "/claimed", root + "/a/b/one.csv").ok());
  EXPECT_EQ(*fs.ReadAll(root + "/a/b/one.csv"), "new");
  EXPECT_EQ(fs.OpenRead(root + "/missing").status().code(), StatusCode::kNotFound);
  EXPECT_NE(fs.OpenRead(root + "/missing").status().message().find("missing"), std::string::npos);
  EXPECT_TRUE(fs.DeleteRecursive(root + "/a").ok());
  EXPECT_FALSE(fs.Exists(root + "/a/b/one.csv"));
}

TEST(FileSystemTest, Local) {
  std::string root = TempDir();
  ExerciseFileSystem(*LocalFileSystem(), root);
  ASSERT_TRUE(LocalFileSystem()->DeleteRecursive(root).ok());
}

TEST(FileSystemTest, Memory) {
  MemoryFileSystem fs;
  ExerciseFileSystem(fs, "/mem");
}

TEST(FaultInjectingFileSystemTest, FailsTheNthOperationAndDropsUnsyncedData) {
  auto base = std::make_shared<MemoryFileSystem>();
  FaultInjectingFileSystem fs(base);
  auto file = fs.OpenWrite("/data");
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("synced;").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Append("lost").ok());
  fs.FailAfter(1);
  Status s = (*file)->Append("never");
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_NE(s.message().find("injected fault"), std::string::npos);
  EXPECT_FALSE(fs.Rename("/data", "/other").ok());  // everything after fails too
  ASSERT_TRUE(fs.SimulateCrash().ok());
  EXPECT_EQ(*base->ReadAll("/data"), "synced;");
  EXPECT_TRUE(fs.Rename("/data", "/other").ok());  // a crash ends the failure window
}

}  // namespace
}  // namespace sluice::io

namespace sluice::io {
namespace {

// D/sub/x.csv with D/sub/up -> .. : walking through `up` would find D again, and again.
TEST(FileSystemTest, ListRecursiveSkipsSymlinkCycles) {
  std::string root = TempDir();
  auto fs = LocalFileSystem();
  ASSERT_TRUE(fs->CreateDirs(root + "/D/sub").ok());
  ASSERT_TRUE(fs->WriteAll(root + "/D/sub/x.csv", "1\n").ok());
  ASSERT_EQ(symlink("..", (root + "/D/sub/up").c_str()), 0);
  std::vector<std::string> cycles;
  auto from_top = fs->ListRecursive(root + "/D", &cycles);
  ASSERT_TRUE(from_top.ok()) << from_top.status().ToString();
  ASSERT_EQ(from_top->size(), 1u);
  EXPECT_EQ((*from_top)[0].path, root + "/D/sub/x.csv");
  EXPECT_EQ(cycles,
            std::vector<std::string>{"'" + root + "/D/sub/up' leads back to '" + root + "/D'"});
  // Started below the link's target, the target is listed once and the cycle then cut.
  auto from_sub = fs->ListRecursive(root + "/D/sub");
  ASSERT_TRUE(from_sub.ok());
  ASSERT_EQ(from_sub->size(), 1u);
  EXPECT_EQ((*from_sub)[0].path, root + "/D/sub/x.csv");
  ASSERT_TRUE(fs->DeleteRecursive(root).ok());
}

TEST(FileSystemTest, LocalInfoCarriesTheFileIdentity) {
  std::string root = TempDir();
  auto fs = LocalFileSystem();
  ASSERT_TRUE(fs->WriteAll(root + "/a.csv", "1\n").ok());
  ASSERT_EQ(symlink("a.csv", (root + "/b.csv").c_str()), 0);
  ASSERT_TRUE(fs->WriteAll(root + "/c.csv", "1\n").ok());
  auto a = *fs->GetInfo(root + "/a.csv");
  EXPECT_TRUE(a.HasIdentity());
  EXPECT_TRUE(a.SameFile(*fs->GetInfo(root + "/b.csv")));
  EXPECT_FALSE(a.SameFile(*fs->GetInfo(root + "/c.csv")));
  // Without an identity (in-memory files) nothing is the same file.
  FileInfo none;
  EXPECT_FALSE(none.SameFile(none));
  ASSERT_TRUE(fs->DeleteRecursive(root).ok());
}

TEST(FileSystemTest, LocalMapGivesTheWholeFileAndTakesReadAheadHints) {
  std::string root = TempDir();
  auto fs = LocalFileSystem();
  std::string bytes(3 << 20, 'x');
  bytes[0] = 'a';
  bytes.back() = 'z';
  ASSERT_TRUE(fs->WriteAll(root + "/big", bytes).ok());
  auto file = *fs->OpenRead(root + "/big");
  auto mapped = file->Map();
  ASSERT_TRUE(mapped.ok()) << mapped.status().ToString();
  (*mapped)->WillNeed(1 << 20, 1 << 20);
  (*mapped)->WillNeed(bytes.size() - 10, 1000);  // clipped to the end
  EXPECT_EQ((*mapped)->view(), bytes);
  ASSERT_TRUE(fs->WriteAll(root + "/small", "abc").ok());
  EXPECT_EQ((*(*fs->OpenRead(root + "/small"))->Map())->view(), "abc");
  ASSERT_TRUE(fs->DeleteRecursive(root).ok());
}

TEST(FaultInjectingFileSystemTest, RefusesMappingAndRecordsReads) {
  auto base = std::make_shared<MemoryFileSystem>();
  ASSERT_TRUE(base->WriteAll("/f", "hello").ok());
  FaultInjectingFileSystem fs(base);
  EXPECT_TRUE((*fs.OpenRead("/f"))->Map().ok());
  fs.RefuseMapping();
  auto file = *fs.OpenRead("/f");
  EXPECT_EQ(file->Map().status().code(), StatusCode::kIOError);
  EXPECT_EQ((*file->Read(1, 3))->view(), "ell");
  EXPECT_EQ(fs.largest_read(), 3u);
}

}  // namespace
}  // namespace sluice::io
