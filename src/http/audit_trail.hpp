// Writing and reading a workspace's audit log from the handlers: who (the request's user or key)
// did what to which object, from which address. An entry is written after the action succeeded;
// GET /api/v1/audit reads them (owners).
#pragma once

#include "core/model/workspace.hpp"
#include "http/api_deps.hpp"
#include "http/message.hpp"

#include <string>

#include <nlohmann/json.hpp>

namespace swarm::http {

/// Appends an entry to the request's workspace (no-op without an audit log or a workspace). A
/// failed append does not undo the action: it is logged on stderr with the entry, so the trail
/// can be mended from the server log.
void audit(const ApiDeps& api, const Request& request, const std::string& action,
           const std::string& object, const nlohmann::json& detail = nlohmann::json::object());

/// The same for an explicit workspace and actor (sign-in, where the request has no principal).
void audit_in(const ApiDeps& api, const core::WorkspaceId& workspace, const std::string& actor,
              const std::string& address, const std::string& action, const std::string& object,
              const nlohmann::json& detail = nlohmann::json::object());

/// GET /api/v1/audit?before=SEQ&action=A&limit=N: {"entries":[{seq,at,actor,action,object,
/// address,detail}],"next_before"} newest first. `action` is exact, or a prefix ending in '.'.
Response handle_list_audit(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
