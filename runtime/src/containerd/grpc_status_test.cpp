#include "containerd/grpc_status.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::containerd {
namespace {

TEST(ContainerdGrpcStatus, OkStaysOk) {
  EXPECT_TRUE(from_grpc(grpc::Status::OK, "Tasks.Start", "herd", "abc").ok());
}

TEST(ContainerdGrpcStatus, MessageNamesCallSubjectAndGrpcCode) {
  const Status status =
      from_grpc(grpc::Status(grpc::StatusCode::NOT_FOUND,
                             "container \"abc\" in namespace \"herd\": not found"),
                "Tasks.Start", "herd", "abc");
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(),
            "containerd Tasks.Start herd/abc: NOT_FOUND: container \"abc\" in namespace \"herd\": "
            "not found");
}

TEST(ContainerdGrpcStatus, NoSubjectNoSlashAndEmptyMessageNoColon) {
  const Status status =
      from_grpc(grpc::Status(grpc::StatusCode::UNAVAILABLE, ""), "Version.Version", "herd", "");
  EXPECT_EQ(status.message(), "containerd Version.Version herd: UNAVAILABLE");
}

TEST(ContainerdGrpcStatus, CodesMapToHerdCodes) {
  EXPECT_EQ(herd_code(grpc::StatusCode::ALREADY_EXISTS), StatusCode::kAlreadyExists);
  EXPECT_EQ(herd_code(grpc::StatusCode::FAILED_PRECONDITION), StatusCode::kConflict);
  EXPECT_EQ(herd_code(grpc::StatusCode::ABORTED), StatusCode::kConflict);
  EXPECT_EQ(herd_code(grpc::StatusCode::INVALID_ARGUMENT), StatusCode::kInvalidArgument);
  EXPECT_EQ(herd_code(grpc::StatusCode::OUT_OF_RANGE), StatusCode::kInvalidArgument);
  EXPECT_EQ(herd_code(grpc::StatusCode::DEADLINE_EXCEEDED), StatusCode::kUnavailable);
  EXPECT_EQ(herd_code(grpc::StatusCode::CANCELLED), StatusCode::kUnavailable);
  EXPECT_EQ(herd_code(grpc::StatusCode::RESOURCE_EXHAUSTED), StatusCode::kUnavailable);
  EXPECT_EQ(herd_code(grpc::StatusCode::UNIMPLEMENTED), StatusCode::kUnimplemented);
  EXPECT_EQ(herd_code(grpc::StatusCode::DATA_LOSS), StatusCode::kCorrupt);
  EXPECT_EQ(herd_code(grpc::StatusCode::UNKNOWN), StatusCode::kInternal);
  EXPECT_EQ(herd_code(grpc::StatusCode::PERMISSION_DENIED), StatusCode::kInternal);
}

TEST(ContainerdGrpcStatus, UndefinedCodeHasAName) {
  EXPECT_EQ(grpc_code_name(static_cast<grpc::StatusCode>(99)), "UNKNOWN_CODE");
  EXPECT_EQ(herd_code(static_cast<grpc::StatusCode>(99)), StatusCode::kInternal);
}

}  // namespace
}  // namespace herd::runtime::containerd
