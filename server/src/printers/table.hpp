#pragma once

// Server-side printing: the meta.k8s.io/v1 Table that kube-apiserver answers
// when a client asks with `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`
// (what `kubectl get` does). The server computes every cell, so `kubectl get`
// prints herd's objects with exactly the columns and values it prints for
// Kubernetes (Kubernetes' pkg/printers/internalversion), and herdctl prints
// the same Tables: this is the single definition of the columns.
//
// Like kube-apiserver, a Table always carries the wide (-o wide) columns too;
// their priority is 1 and the client drops them unless asked for -o wide.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/api/value.hpp"
#include "herd/base/result.hpp"

namespace herd::server::printers {

/// One column of a Table (meta/v1 TableColumnDefinition).
struct ColumnDefinition {
  std::string name;         ///< "Name", "Ready", "Nominated Node"; kubectl upper-cases it.
  std::string type;         ///< OpenAPI type of the cells: "string", "integer", "boolean", "date".
  std::string format;       ///< "name" on the column holding the object's name, else "".
  std::string description;  ///< Kubernetes' text (mostly the field's API documentation).
  int priority = 0;         ///< 0: always shown; 1: only with `-o wide`.
  bool operator==(const ColumnDefinition&) const = default;
};

/// What each row carries besides its cells (the request's `includeObject`).
enum class IncludeObject {
  kNone,      ///< No "object".
  kMetadata,  ///< A PartialObjectMetadata (meta.k8s.io/v1): the object's metadata only.
  kObject,    ///< The whole object, as a GET would return it.
};

/// Reads the `includeObject` query parameter: "None", "Metadata" or "Object";
/// "" means Metadata, Kubernetes' default. kInvalidArgument for another word,
/// worded as Kubernetes' validation error.
Result<IncludeObject> parse_include_object(std::string_view value);

/// One object to print. The object is not owned and must outlive the call.
struct TableItem {
  const api::Object* object = nullptr;
  /// Its resourceVersion, written into the row's object (the model may not
  /// hold it in metadata).
  std::string resource_version;
};

struct TableOptions {
  /// The time ages are computed against, Unix nanoseconds (UTC).
  int64_t now_ns = 0;
  IncludeObject include_object = IncludeObject::kMetadata;
  /// The request's `noHeaders`: leave out columnDefinitions (null, as Kubernetes).
  bool no_headers = false;
  /// The Table's metadata: a list's resourceVersion and continue token (for one
  /// object, Kubernetes puts the object's resourceVersion here).
  std::string resource_version;
  std::string continue_token;
  std::optional<int64_t> remaining_item_count;
};

/// The columns of `kind`'s Tables, in cell order. Every kind has a Name
/// column; the kinds Kubernetes prints without a printer of their own (Role,
/// ClusterRole) get its default table: Name and "Created At". Pure; any thread.
std::vector<ColumnDefinition> columns_for(const api::KindInfo& kind);

/// The Table (kind Table, apiVersion meta.k8s.io/v1) for `items`, one row per
/// item in the given order; a single object (a GET, a watch event) is a
/// one-item list. Requires: every item's object is non-null and of `kind`
/// (checked). Pure; any thread.
api::Value table_for(const api::KindInfo& kind, const std::vector<TableItem>& items, const TableOptions& options);

}  // namespace herd::server::printers
