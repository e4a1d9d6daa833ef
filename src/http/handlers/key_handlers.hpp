// The owner's key endpoints (the API side of `content-swarm admin create-key | revoke-key |
// list`, for one workspace) and GET /api/v1/me (who a credential is).
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

namespace swarm::http {

/// GET /api/v1/keys: {"keys":[{prefix,name,role,created_at,expires_at,last_used_at,revoked_at}]}
/// of the caller's workspace, newest first; never a secret.
Response handle_list_keys(const ApiDeps& api, const Request& request);
/// POST /api/v1/keys {"name","role","expires_in_days"?}: 201 with the key itself ("key", shown
/// this once) and its record. role: owner, editor, reviewer or viewer (metrics keys are made
/// with `content-swarm admin`: they see every workspace's counters).
Response handle_create_key(const ApiDeps& api, const Request& request);
/// POST /api/v1/keys/{id}/revoke ({id}: the 12-digit id or the csk_ prefix): 200 with the
/// record; another workspace's key is 404.
Response handle_revoke_key(const ApiDeps& api, const Request& request);
/// GET /api/v1/me: {"workspace":{"id","name"},"role","actor"} (+ "user":{"id","email"} for a
/// signed-in person; workspace and role are null when the person named no workspace and belongs
/// to several).
Response handle_me(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
