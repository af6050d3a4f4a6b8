#include "oci/process_user.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

namespace herd::runtime::oci {
namespace {

std::optional<uint32_t> parse_id(std::string_view text) {
  uint32_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return id;
}

Result<uint32_t> checked_id(int64_t id) {
  if (id < 0 || id > int64_t{UINT32_MAX}) {
    return Status::invalid_argument("id " + std::to_string(id) + " is outside 0..4294967295");
  }
  return static_cast<uint32_t>(id);
}

// The fields of /etc/passwd ("name:x:uid:gid:gecos:home:shell") or /etc/group
// ("name:x:gid:members") lines; `match` picks a line by its fields.
template <class Match>
std::optional<std::vector<std::string_view>> find_entry(std::string_view file, Match match) {
  while (!file.empty()) {
    const std::size_t eol = file.find('\n');
    std::string_view line = file.substr(0, eol);
    file = eol == std::string_view::npos ? std::string_view() : file.substr(eol + 1);
    std::vector<std::string_view> fields;
    for (std::size_t start = 0;;) {
      const std::size_t colon = line.find(':', start);
      fields.push_back(line.substr(start, colon - start));
      if (colon == std::string_view::npos) {
        break;
      }
      start = colon + 1;
    }
    if (fields.size() >= 4 && !line.starts_with('#') && parse_id(fields[2]) && match(fields)) {
      return fields;
    }
  }
  return std::nullopt;
}

// The container's securityContext field over the pod's.
std::optional<int64_t> effective(const api::Pod& pod, const api::Container& container,
                                 std::optional<int64_t> api::SecurityContext::*own,
                                 std::optional<int64_t> api::PodSecurityContext::*shared) {
  if (container.security_context && ((*container.security_context).*own).has_value()) {
    return (*container.security_context).*own;
  }
  if (pod.spec.security_context) {
    return (*pod.spec.security_context).*shared;
  }
  return std::nullopt;
}

bool run_as_non_root(const api::Pod& pod, const api::Container& container) {
  if (container.security_context && container.security_context->run_as_non_root.has_value()) {
    return *container.security_context->run_as_non_root;
  }
  return pod.spec.security_context && pod.spec.security_context->run_as_non_root.value_or(false);
}

// The kubelet's verifyRunAsNonRoot, with its messages.
Status verify_non_root(const api::Pod& pod, const api::Container& container,
                       std::optional<int64_t> run_as_user, std::string_view image_user_part) {
  if (!run_as_non_root(pod, container)) {
    return Status();
  }
  const std::string where = "(pod: \"" + pod.metadata.name + "_" + pod.metadata.namespace_ + "(" +
                            pod.metadata.uid + ")\", container: " + container.name + ")";
  if (run_as_user.has_value()) {
    return *run_as_user == 0
               ? Status::invalid_argument("container's runAsUser breaks non-root policy " + where)
               : Status();
  }
  if (image_user_part.empty() || parse_id(image_user_part) == std::optional<uint32_t>(0)) {
    return Status::invalid_argument("container has runAsNonRoot and image will run as root " +
                                    where);
  }
  if (!parse_id(image_user_part)) {
    return Status::invalid_argument("container has runAsNonRoot and image has non-numeric user (" +
                                    std::string(image_user_part) +
                                    "), cannot verify user is non-root " + where);
  }
  return Status();
}

}  // namespace

Result<ProcessUser> process_user(const api::Pod& pod, const api::Container& container,
                                 std::string_view image_user, std::string_view etc_passwd,
                                 std::string_view etc_group) {
  const std::optional<int64_t> run_as_user = effective(
      pod, container, &api::SecurityContext::run_as_user, &api::PodSecurityContext::run_as_user);
  const std::optional<int64_t> run_as_group = effective(
      pod, container, &api::SecurityContext::run_as_group, &api::PodSecurityContext::run_as_group);
  const std::size_t colon = image_user.find(':');
  const std::string_view image_user_part = image_user.substr(0, colon);
  HERD_RETURN_IF_ERROR(verify_non_root(pod, container, run_as_user, image_user_part));

  ProcessUser out;
  auto by_uid = [&](uint32_t uid) {
    return find_entry(etc_passwd, [&](const auto& f) { return parse_id(f[2]) == uid; });
  };
  std::optional<std::vector<std::string_view>> passwd_entry;
  if (run_as_user.has_value()) {
    HERD_ASSIGN_OR_RETURN(out.uid, checked_id(*run_as_user));
    passwd_entry = by_uid(out.uid);
  } else if (std::optional<uint32_t> uid = parse_id(image_user_part)) {
    out.uid = *uid;
    passwd_entry = by_uid(out.uid);
  } else if (!image_user_part.empty()) {
    passwd_entry = find_entry(etc_passwd, [&](const auto& f) { return f[0] == image_user_part; });
    if (!passwd_entry) {
      return Status::not_found("unable to find user " + std::string(image_user_part) +
                               ": no matching entries in passwd file");
    }
    out.uid = *parse_id((*passwd_entry)[2]);
  }

  const std::string_view image_group_part =
      colon == std::string_view::npos || run_as_user.has_value() ? std::string_view()
                                                                 : image_user.substr(colon + 1);
  if (run_as_group.has_value()) {
    HERD_ASSIGN_OR_RETURN(out.gid, checked_id(*run_as_group));
  } else if (std::optional<uint32_t> gid = parse_id(image_group_part)) {
    out.gid = *gid;
  } else if (!image_group_part.empty()) {
    auto group = find_entry(etc_group, [&](const auto& f) { return f[0] == image_group_part; });
    if (!group) {
      return Status::not_found("unable to find group " + std::string(image_group_part) +
                               ": no matching entries in group file");
    }
    out.gid = *parse_id((*group)[2]);
  } else if (passwd_entry && parse_id((*passwd_entry)[3])) {
    out.gid = *parse_id((*passwd_entry)[3]);
  }

  if (const auto& sc = pod.spec.security_context) {
    std::vector<int64_t> groups = sc->supplemental_groups;
    if (sc->fs_group.has_value()) {
      groups.push_back(*sc->fs_group);
    }
    for (int64_t group : groups) {
      HERD_ASSIGN_OR_RETURN(uint32_t gid, checked_id(group));
      out.additional_gids.push_back(gid);
    }
  }
  std::sort(out.additional_gids.begin(), out.additional_gids.end());
  out.additional_gids.erase(std::unique(out.additional_gids.begin(), out.additional_gids.end()),
                            out.additional_gids.end());
  return out;
}

}  // namespace herd::runtime::oci
