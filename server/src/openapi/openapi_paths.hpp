#pragma once

// The paths of herd's OpenAPI v3 documents: the REST operations of each kind,
// as kube-apiserver lists them.
//
// kubectl reads two things here. With its default --validate=strict it asks
// whether the server validates fields itself (k8s.io/cli-runtime
// QueryParamVerifierV3): it looks for a PATCH operation whose
// x-kubernetes-group-version-kind is the object's kind and checks that the
// operation's own parameters include the query parameter fieldValidation.
// And kubectl apply sends a strategic merge patch only to a kind whose PATCH
// operation accepts application/strategic-merge-patch+json.

#include <map>
#include <span>
#include <string>

#include "herd/api/object.hpp"
#include "herd/api/value.hpp"

namespace herd::server::openapi {

/// The path items of `kinds` (all of one group-version), keyed and so ordered
/// by path. Per kind: its collection (get: list or watch; post: create), one
/// object (get, put, patch, delete) and, for a namespaced kind, the list
/// across namespaces (get). Path and shared parameters (name, namespace,
/// pretty) sit on the path item; an operation lists its own query parameters
/// (put, post and patch: dryRun, fieldManager, fieldValidation; patch also
/// force). Every operation has x-kubernetes-action and
/// x-kubernetes-group-version-kind. $refs name schemas of openapi_schemas.hpp.
std::map<std::string, api::Value> paths_for(std::span<const api::KindInfo* const> kinds);

/// "/api/v1" for the core group, else "/apis/<group>/<version>".
std::string api_prefix(const api::KindInfo& kind);

}  // namespace herd::server::openapi
