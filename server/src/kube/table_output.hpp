#pragma once

// Server-side printing: when a client asks for a Table (kubectl get does,
// with Accept: application/json;as=Table;v=v1;g=meta.k8s.io), list, get and
// watch answer with the kind's columns (printers/table.hpp) instead of the
// objects themselves.

#include <vector>

#include "herd/server/http.hpp"
#include "printers/table.hpp"
#include "watch/watch_cache.hpp"

namespace herd::server::kube {

/// True when the request's Accept header asks for a meta.k8s.io Table.
bool wants_table(const HttpRequest& request);

/// The request's Table options (includeObject, noHeaders), ages computed
/// against now. kInvalidArgument for an unknown includeObject.
Result<printers::TableOptions> table_options(const HttpRequest& request);

/// A Table of `objects`, each row carrying its resourceVersion.
api::Value table_of(const api::KindInfo& kind, const std::vector<watch::CachedPtr>& objects,
                    const printers::TableOptions& options);

}  // namespace herd::server::kube
