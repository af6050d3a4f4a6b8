#pragma once

// components.schemas of herd's OpenAPI v3 documents, written from the model's
// schema tables (herd/api/type_info.hpp) at run time.
//
// Each kind gets its schema, tagged with x-kubernetes-group-version-kind as
// kubectl looks kinds up by it, and its list's; every struct a kind reaches
// gets a schema under its Kubernetes name (openapi_names.hpp), referred to by
// $ref. List fields carry the strategic-merge metadata of
// server/src/patch/patch_strategy.hpp (x-kubernetes-patch-merge-key,
// x-kubernetes-patch-strategy), which is where kubectl apply learns how to
// merge lists, and x-kubernetes-list-type / x-kubernetes-list-map-keys.

#include <map>
#include <span>
#include <string>

#include "herd/api/object.hpp"
#include "herd/api/type_info.hpp"
#include "herd/api/value.hpp"

namespace herd::server::openapi {

/// The model struct of `kind`'s objects (the Object alternative kind.index).
const api::TypeInfo& kind_type(const api::KindInfo& kind);

/// The schema name of a kind, e.g. "io.k8s.api.apps.v1.Deployment".
std::string kind_schema_name(const api::KindInfo& kind);

/// The schema name of a kind's list, e.g. "io.k8s.api.apps.v1.DeploymentList".
std::string list_schema_name(const api::KindInfo& kind);

/// The name of meta/v1 schema `type` ("Status", "DeleteOptions", "Patch").
std::string meta_schema_name(std::string_view type);

/// {"group", "kind": kind_name, "version"} of `kind`'s group-version: an
/// operation's x-kubernetes-group-version-kind (a schema's is an array of them).
api::Value group_version_kind(const api::KindInfo& kind, std::string_view kind_name);

/// The schemas of one document: those of `kinds` and their lists, of every
/// struct they reach, and the meta/v1 schemas the paths refer to (ListMeta,
/// Status, DeleteOptions, Patch and the ones these reach). Keyed and so
/// ordered by name. Requires: every struct reached has a name in
/// openapi_names (checked).
std::map<std::string, api::Value> schemas_for(std::span<const api::KindInfo* const> kinds);

}  // namespace herd::server::openapi
