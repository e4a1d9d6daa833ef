// The share link endpoints: editors make, list and revoke links to one job's items; anyone with
// a link's token sees those items (and the media they show) and approves them or asks for
// changes under their name. A token that opens nothing (malformed, unknown, expired, revoked)
// gets one and the same 404.
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

namespace swarm::http {

/// POST /api/v1/jobs/{id}/share-links {"expires_in_hours"?: 1..720, default 168} -> 201
/// {"id","token","url","expires_at","created_by","created_at"}; the token is shown once.
Response handle_create_share_link(const ApiDeps& api, const Request& request);

/// GET /api/v1/jobs/{id}/share-links -> {"share_links":[...]}, newest first.
Response handle_list_share_links(const ApiDeps& api, const Request& request);

/// DELETE /api/v1/share-links/{id} -> 204; another workspace's link is 404.
Response handle_revoke_share_link(const ApiDeps& api, const Request& request);

/// GET /api/v1/shared/{token} (open) -> {"prompt","expires_at","items":[...]}.
Response handle_get_shared(const ApiDeps& api, const Request& request);

/// GET /api/v1/shared/{token}/media/{media_id} (open): media one of the job's items shows.
Response handle_get_shared_media(const ApiDeps& api, const Request& request);

/// POST /api/v1/shared/{token}/items/{item_id}/review (open) {"name","decision","comment"?} ->
/// 200 the item, its status approved or changes_requested and its review signed by the name.
Response handle_review_shared(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
