#include "image_store/image_errors.hpp"

#include <array>

#include "herd/base/check.hpp"
#include "herd/runtime/image_store.hpp"

namespace herd::runtime {
namespace {

constexpr std::array<std::string_view, 3> kReasons = {kErrImagePull, kErrImageNeverPull,
                                                      kInvalidImageName};

// The reason `message` starts with ("<reason>: "), or "".
std::string_view leading_reason(std::string_view message) {
  for (std::string_view reason : kReasons) {
    if (message.size() > reason.size() + 1 && message.substr(0, reason.size()) == reason &&
        message.substr(reason.size(), 2) == ": ") {
      return reason;
    }
  }
  return {};
}

}  // namespace

std::string_view image_error_reason(const Status& status) {
  std::string_view reason = leading_reason(status.message());
  return reason.empty() ? kErrImagePull : reason;
}

std::string image_error_message(const Status& status) {
  std::string_view reason = leading_reason(status.message());
  return reason.empty() ? status.message() : status.message().substr(reason.size() + 2);
}

PullPolicy default_pull_policy(const ImageReference& ref) {
  return ref.digest.empty() && ref.tag == "latest" ? PullPolicy::kAlways
                                                   : PullPolicy::kIfNotPresent;
}

namespace image_store {

Status image_error(std::string_view reason, const Status& cause) {
  HERD_CHECK(!cause.ok()) << "image_error of an OK status";
  return Status(cause.code(), std::string(reason) + ": " + cause.message());
}

Status never_pull_error(std::string_view image) {
  return Status::not_found(std::string(kErrImageNeverPull) + ": Container image \"" +
                           std::string(image) + "\" is not present with pull policy of Never");
}

}  // namespace image_store
}  // namespace herd::runtime
