// parse_registry_config: a node configuration's `registry` section into a
// RegistryConfig (the format is documented on the function).

#include <functional>
#include <map>

#include "herd/runtime/registry_client.hpp"
#include "image/registry_hosts.hpp"

namespace herd::runtime {
namespace {

using api::Value;
using FieldFn = std::function<Status(const Value&, const std::string& path)>;

Status wrong_type(const std::string& path, std::string_view want, const Value& got) {
  return Status::invalid_argument(path + ": want " + std::string(want) + ", got " +
                                  std::string(got.type_name()));
}

// Calls the reader of each member of `object`; an unknown member is an error.
Status read_object(const Value& object, const std::string& path,
                   const std::map<std::string, FieldFn>& fields) {
  if (!object.is_object()) {
    return wrong_type(path, "an object", object);
  }
  for (const Value::Member& member : object.as_object()) {
    auto it = fields.find(member.key);
    std::string member_path = path + "." + member.key;
    if (it == fields.end()) {
      return Status::invalid_argument(member_path + ": unknown field");
    }
    HERD_RETURN_IF_ERROR(it->second(member.value, member_path));
  }
  return Status();
}

FieldFn string_into(std::string& out) {
  return [&out](const Value& v, const std::string& path) {
    if (!v.is_string()) {
      return wrong_type(path, "a string", v);
    }
    out = v.as_string();
    return Status();
  };
}

Status read_strings(const Value& v, const std::string& path,
                    const std::function<void(std::string)>& add) {
  if (!v.is_array()) {
    return wrong_type(path, "a list of strings", v);
  }
  for (std::size_t i = 0; i < v.as_array().size(); ++i) {
    const Value& item = v.as_array()[i];
    if (!item.is_string()) {
      return wrong_type(path + "[" + std::to_string(i) + "]", "a string", item);
    }
    add(item.as_string());
  }
  return Status();
}

FieldFn seconds_into(std::chrono::milliseconds& out) {
  return [&out](const Value& v, const std::string& path) {
    if (!v.is_int() || v.as_int() <= 0 || v.as_int() > 3600) {
      return Status::invalid_argument(path + ": want a whole number of seconds from 1 to 3600");
    }
    out = std::chrono::seconds(v.as_int());
    return Status();
  };
}

Status read_mirror(const Value& v, const std::string& path, RegistryMirror& mirror) {
  return read_object(v, path,
                     {{"endpoints",
                       [&mirror](const Value& e, const std::string& p) {
                         return read_strings(e, p, [&mirror](std::string s) {
                           mirror.endpoints.push_back(std::move(s));
                         });
                       }},
                      {"fallbackToOrigin", [&mirror](const Value& b, const std::string& p) {
                         if (!b.is_bool()) {
                           return wrong_type(p, "true or false", b);
                         }
                         mirror.fallback_to_origin = b.as_bool();
                         return Status();
                       }}});
}

Status read_each_member(
    const Value& v, const std::string& path,
    const std::function<Status(const std::string& key, const Value&, const std::string&)>& read) {
  if (!v.is_object()) {
    return wrong_type(path, "an object", v);
  }
  for (const Value::Member& member : v.as_object()) {
    HERD_RETURN_IF_ERROR(read(member.key, member.value, path + "." + member.key));
  }
  return Status();
}

}  // namespace

Result<RegistryConfig> parse_registry_config(const Value& document) {
  RegistryConfig config;
  if (document.is_null()) {
    return config;
  }
  auto mirrors = [&config](const Value& v, const std::string& path) {
    return read_each_member(
        v, path, [&config](const std::string& host, const Value& m, const std::string& p) {
          return read_mirror(m, p, config.mirrors[host]);
        });
  };
  auto insecure = [&config](const Value& v, const std::string& path) {
    return read_strings(v, path,
                        [&config](std::string s) { config.insecure_hosts.insert(std::move(s)); });
  };
  auto credentials = [&config](const Value& v, const std::string& path) {
    return read_each_member(
        v, path, [&config](const std::string& host, const Value& c, const std::string& p) {
          RegistryCredentials& creds = config.credentials[host];
          return read_object(c, p,
                             {{"username", string_into(creds.username)},
                              {"password", string_into(creds.password)}});
        });
  };
  auto platform = [&config](const Value& v, const std::string& path) {
    return read_object(v, path,
                       {{"os", string_into(config.platform.os)},
                        {"architecture", string_into(config.platform.architecture)},
                        {"variant", string_into(config.platform.variant)}});
  };
  HERD_RETURN_IF_ERROR(read_object(document, "registry",
                                   {{"mirrors", mirrors},
                                    {"insecureHosts", insecure},
                                    {"credentials", credentials},
                                    {"platform", platform},
                                    {"connectTimeoutSeconds", seconds_into(config.connect_timeout)},
                                    {"readTimeoutSeconds", seconds_into(config.read_timeout)}}));
  HERD_RETURN_IF_ERROR(image::validate_registry_config(config));
  return config;
}

}  // namespace herd::runtime
