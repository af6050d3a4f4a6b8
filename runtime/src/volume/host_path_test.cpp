#include "volume/host_path.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "volume/volume_testing.hpp"

namespace herd::runtime::volume {
namespace {

using testing::exists;
using testing::mode_of;
using testing::TempDir;

Status prepare(const std::string& path, const std::string& type) {
  return prepare_host_path({path, type});
}

TEST(HostPath, DirectoryOrCreateMakesTheDirectoryAndParents0755) {
  TempDir dir;
  const std::string path = dir.path() + "/a/b/data";
  ASSERT_TRUE(prepare(path, "DirectoryOrCreate").ok());
  EXPECT_EQ(mode_of(path), 0755);
  EXPECT_EQ(mode_of(dir.path() + "/a"), 0755);
  EXPECT_TRUE(prepare(path, "DirectoryOrCreate").ok());  // exists now
  EXPECT_TRUE(prepare(path, "Directory").ok());
}

TEST(HostPath, DirectoryOrCreateGoesThroughSymlinkedParents) {
  TempDir dir;
  ASSERT_EQ(mkdir((dir.path() + "/real").c_str(), 0755), 0);
  ASSERT_EQ(symlink("real", (dir.path() + "/link").c_str()), 0);
  ASSERT_TRUE(prepare(dir.path() + "/link/data", "DirectoryOrCreate").ok());
  EXPECT_TRUE(exists(dir.path() + "/real/data"));
}

TEST(HostPath, DirectoryMustExist) {
  TempDir dir;
  const std::string path = dir.path() + "/missing";
  EXPECT_EQ(prepare(path, "Directory"),
            Status::not_found("hostPath type check failed: " + path + " is not a directory"));
  EXPECT_FALSE(exists(path));
  testing::write_text(path, "x");
  EXPECT_EQ(
      prepare(path, "Directory"),
      Status::invalid_argument("hostPath type check failed: " + path + " is not a directory"));
}

TEST(HostPath, FileOrCreateMakesAnEmptyFile0644ButNoParents) {
  TempDir dir;
  const std::string path = dir.path() + "/lock";
  ASSERT_TRUE(prepare(path, "FileOrCreate").ok());
  EXPECT_EQ(mode_of(path), 0644);
  EXPECT_EQ(testing::contents(path), "");
  EXPECT_TRUE(prepare(path, "File").ok());
  EXPECT_EQ(prepare(dir.path() + "/no/such/file", "FileOrCreate").code(), StatusCode::kUnavailable);
  EXPECT_EQ(
      prepare(dir.path(), "File"),
      Status::invalid_argument("hostPath type check failed: " + dir.path() + " is not a file"));
  EXPECT_EQ(prepare(dir.path(), "FileOrCreate").code(), StatusCode::kInvalidArgument);
}

TEST(HostPath, SocketCharDeviceBlockDevice) {
  TempDir dir;
  const std::string socket_path = dir.path() + "/s.sock";
  const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_path.c_str(), sizeof address.sun_path - 1);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  EXPECT_TRUE(prepare(socket_path, "Socket").ok());
  close(fd);
  EXPECT_EQ(prepare(dir.path(), "Socket").message(),
            "hostPath type check failed: " + dir.path() + " is not a socket file");
  EXPECT_TRUE(prepare("/dev/null", "CharDevice").ok());
  EXPECT_EQ(prepare(dir.path(), "CharDevice").message(),
            "hostPath type check failed: " + dir.path() + " is not a character device");
  EXPECT_EQ(prepare("/dev/null", "BlockDevice").message(),
            "hostPath type check failed: /dev/null is not a block device");
}

TEST(HostPath, EmptyTypeChecksNothing) {
  EXPECT_TRUE(prepare("/nonexistent/herd/volume/test", "").ok());
  EXPECT_FALSE(exists("/nonexistent/herd/volume/test"));
}

TEST(HostPath, RelativeTraversingAndUnknownTypesAreRefused) {
  EXPECT_EQ(prepare("data", ""),
            Status::invalid_argument("hostPath \"data\" must be an absolute path"));
  EXPECT_EQ(prepare("/srv/../etc", "Directory").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(prepare("/srv", "Pipe"), Status::invalid_argument("Pipe is an invalid volume type"));
}

}  // namespace
}  // namespace herd::runtime::volume
