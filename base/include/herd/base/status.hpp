#pragma once

#include <string>
#include <string_view>

namespace herd {

/// What went wrong, in categories that callers branch on. The codes mirror the
/// reasons the Kubernetes API reports, so the server can map them one to one.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  ///< The caller's input is malformed or fails validation.
  kNotFound,         ///< The named thing does not exist.
  kAlreadyExists,    ///< Creating something that exists.
  kConflict,         ///< A precondition (e.g. a resourceVersion) does not hold.
  kUnavailable,      ///< A dependency (broker, socket, disk) cannot be reached now.
  kCorrupt,          ///< Stored data fails its integrity check.
  kUnimplemented,    ///< Known request that this build does not support.
  kInternal,         ///< A bug: an invariant the code relies on does not hold.
};

/// Returns the code's name, e.g. "NotFound".
std::string_view status_code_name(StatusCode code);

/// The outcome of an operation: OK, or a code with a message giving context.
///
/// Value type, cheap to copy when OK (no allocation). Functions that can fail
/// return a Status (or a Result<T>) instead of throwing; see STYLE.md 2.5.
class [[nodiscard]] Status {
 public:
  /// OK.
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok_status() { return Status(); }
  static Status invalid_argument(std::string msg) { return {StatusCode::kInvalidArgument, std::move(msg)}; }
  static Status not_found(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status already_exists(std::string msg) { return {StatusCode::kAlreadyExists, std::move(msg)}; }
  static Status conflict(std::string msg) { return {StatusCode::kConflict, std::move(msg)}; }
  static Status unavailable(std::string msg) { return {StatusCode::kUnavailable, std::move(msg)}; }
  static Status corrupt(std::string msg) { return {StatusCode::kCorrupt, std::move(msg)}; }
  static Status unimplemented(std::string msg) { return {StatusCode::kUnimplemented, std::move(msg)}; }
  static Status internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  /// Returns a copy whose message is "<context>: <message>"; OK stays OK.
  Status with_context(std::string_view context) const;

  /// "OK", or "<CodeName>: <message>".
  std::string to_string() const;

  bool operator==(const Status&) const = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace herd

/// Returns the Status of `expr` from the enclosing function when it is not OK.
#define HERD_RETURN_IF_ERROR(expr)                 \
  do {                                             \
    ::herd::Status herd_status_ = (expr);          \
    if (!herd_status_.ok()) return herd_status_;   \
  } while (false)
