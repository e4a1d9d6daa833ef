// A workspace: the unit of isolation. Every stored job, item, event, raw output, brand profile,
// knowledge-base document and (through its items) media object belongs to exactly one, and every
// store method that reads or writes them takes the workspace, so data of another workspace
// cannot be reached by forgetting a filter.
#pragma once

#include <compare>
#include <string>
#include <utility>

namespace swarm::core {

/// A workspace's id ("ws_" + 16 hex digits). Explicit: a job or item id cannot pass for one.
class WorkspaceId {
public:
    explicit WorkspaceId(std::string id) : id_(std::move(id)) {}

    const std::string& str() const { return id_; }

    friend bool operator==(const WorkspaceId&, const WorkspaceId&) = default;
    friend auto operator<=>(const WorkspaceId&, const WorkspaceId&) = default;

private:
    std::string id_;
};

}  // namespace swarm::core
