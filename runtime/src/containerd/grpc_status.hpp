#pragma once

// gRPC's status → herd's Status, with the context every containerd failure
// carries: "containerd <Service>.<Method> <namespace>/<subject>: <GRPC_CODE>: <message>".

#include <string_view>

#include <grpcpp/support/status.h>

#include "herd/base/status.hpp"

namespace herd::runtime::containerd {

/// herd's code for gRPC's (the table is in containerd_client.hpp's header comment).
StatusCode herd_code(grpc::StatusCode code);

/// "NOT_FOUND", "DEADLINE_EXCEEDED", ... ("UNKNOWN_CODE" for a number gRPC does not define).
std::string_view grpc_code_name(grpc::StatusCode code);

/// OK for an OK `status`; otherwise the mapped code with the message
/// "containerd <call> <ns>/<subject>: <GRPC_CODE>: <gRPC message>" (no "/<subject>"
/// when `subject` is empty).
Status from_grpc(const grpc::Status& status, std::string_view call, std::string_view ns,
                 std::string_view subject);

}  // namespace herd::runtime::containerd
