#pragma once

// Short names for the namespaces of containerd's generated protos (their
// packages), used throughout runtime/src/containerd/. Declares nothing else:
// include the generated headers you use.

namespace containerd::events {}
namespace containerd::services::containers::v1 {}
namespace containerd::services::content::v1 {}
namespace containerd::services::diff::v1 {}
namespace containerd::services::events::v1 {}
namespace containerd::services::images::v1 {}
namespace containerd::services::leases::v1 {}
namespace containerd::services::namespaces::v1 {}
namespace containerd::services::snapshots::v1 {}
namespace containerd::services::tasks::v1 {}
namespace containerd::services::version::v1 {}
namespace containerd::types {}
namespace containerd::v1::types {}

namespace herd::runtime::containerd::pb {
namespace containers = ::containerd::services::containers::v1;
namespace content = ::containerd::services::content::v1;
namespace diff = ::containerd::services::diff::v1;
namespace events = ::containerd::services::events::v1;
namespace images = ::containerd::services::images::v1;
namespace leases = ::containerd::services::leases::v1;
namespace namespaces = ::containerd::services::namespaces::v1;
namespace snapshots = ::containerd::services::snapshots::v1;
namespace tasks = ::containerd::services::tasks::v1;
namespace version = ::containerd::services::version::v1;
namespace types = ::containerd::types;           ///< Descriptor, Mount
namespace task_types = ::containerd::v1::types;  ///< Process, Status
namespace event_types = ::containerd::events;    ///< TaskExit, ContainerDelete, ...
}  // namespace herd::runtime::containerd::pb
