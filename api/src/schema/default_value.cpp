#include "herd/api/codec.hpp"
#include "schema/table_passes.hpp"

namespace herd::api::schema {

Value default_value(std::string_view text) { return resolve_plain_scalar(std::string(text)); }

}  // namespace herd::api::schema
