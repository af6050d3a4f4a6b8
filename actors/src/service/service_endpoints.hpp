#pragma once

// The pure steps of the Service controller: the Endpoints a Service should
// have, and the one command that makes the stored Endpoints so. This is
// Kubernetes' endpoints controller (pkg/controller/endpoint) as one level-
// based step per Service. Pure functions; any thread.

#include <optional>
#include <vector>

#include "core/object_store.hpp"
#include "core/plan.hpp"
#include "herd/api/object.hpp"

namespace herd::actors {

/// The Endpoints object of `service` (same name and namespace) from `pods`
/// (the pods of its namespace; the selector is applied here):
///  - pods without status.podIP, finished (Succeeded/Failed) or terminating
///    pods are left out (terminating ones are kept when the Service
///    publishes not-ready addresses);
///  - ready pods go to `addresses`, the others to `notReadyAddresses`, each
///    with ip, nodeName, targetRef to the pod, and hostname when the pod's
///    spec.subdomain names the Service;
///  - each Service port becomes an EndpointPort with the pod's targetPort:
///    the number, or the container port of that name and protocol (a pod
///    without it does not serve that port);
///  - addresses serving the same ports share one subset; addresses are
///    sorted by IP, subsets by their ports, so equal inputs give equal output.
/// Labels are the Service's (plus service.kubernetes.io/headless for a
/// headless one); the Service is the controller ownerReference, so deleting
/// it deletes the Endpoints.
/// Requires: the Service has a selector.
api::Endpoints desired_endpoints(const api::Service& service, const std::vector<ObjectPtr>& pods);

/// The command that turns `current` (nullptr when there is none) into
/// `desired`: a create, an update (conditional on the seq read), or nothing
/// when they already agree. An Endpoints being deleted is left alone until it
/// is gone. `actor` is who asks.
std::optional<Command> endpoints_command(const api::Endpoints& desired, const StoredObject* current,
                                         const std::string& actor);

}  // namespace herd::actors
