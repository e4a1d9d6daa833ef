// Build identity compiled into the binary: the VERSION file, the git revision and the build time.
// Printed by `content-swarm version`; the server reports it in /version, headers and log lines.
#pragma once

#include <string>

namespace swarm::app {

struct BuildInfo {
    std::string version;     // semver from VERSION
    std::string git_sha;     // full revision, or "unknown" when built outside a git checkout
    std::string build_time;  // UTC, ISO 8601
    bool dirty = false;      // built from a tree with uncommitted changes to tracked files
};

/// Defined in the generated version_info.cpp (cmake/SwarmVersion.cmake).
BuildInfo build_info();

}  // namespace swarm::app
