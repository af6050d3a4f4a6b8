#include "image_store/chain_id.hpp"

#include "herd/api/codec.hpp"
#include "image/sha256.hpp"

namespace herd::runtime::image_store {

std::vector<std::string> chain_ids(const std::vector<std::string>& diff_ids) {
  std::vector<std::string> chain;
  chain.reserve(diff_ids.size());
  for (const std::string& diff_id : diff_ids) {
    chain.push_back(chain.empty() ? diff_id : image::sha256_digest(chain.back() + " " + diff_id));
  }
  return chain;
}

Result<std::vector<std::string>> parse_diff_ids(std::string_view config_json) {
  Result<api::Value> document = api::parse_json_value(config_json);
  if (!document.ok()) {
    return Status::corrupt("image config: " + document.status().message());
  }
  const Status bad = Status::corrupt("image config: rootfs.diff_ids: not an array of strings");
  const api::Value* rootfs = document->is_object() ? document->find("rootfs") : nullptr;
  const api::Value* ids =
      rootfs != nullptr && rootfs->is_object() ? rootfs->find("diff_ids") : nullptr;
  if (ids == nullptr || !ids->is_array()) {
    return bad;
  }
  std::vector<std::string> out;
  for (const api::Value& id : ids->as_array()) {
    if (!id.is_string()) {
      return bad;
    }
    out.push_back(id.as_string());
  }
  return out;
}

}  // namespace herd::runtime::image_store
