// The content endpoints: list, get, edit (validated and re-scored, previous version kept),
// version history and delete of generated items, over the ContentStore port.
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

#include <optional>

namespace swarm::http {

/// GET /api/v1/content?job_id=&platform=&status=&created_from=&created_to=&scheduled_from=
/// &scheduled_to=&limit=&cursor=
Response handle_list_content(const ApiDeps& api, const Request& request);
/// GET /api/v1/content/{id}: the item document plus "version" (also as ETag); If-None-Match
/// naming the current version answers 304 without a body. Bodies are cached by version.
Response handle_get_content(const ApiDeps& api, const Request& request);
/// The same answer from memory alone, for the network thread: when the store vouches that
/// nothing was written since the cached version of the item was confirmed current
/// (ContentStore::change_epoch). nullopt: not known from memory (the route's lane then runs
/// handle_get_content).
std::optional<Response> get_content_from_memory(const ApiDeps& api, const Request& request);
/// PATCH /api/v1/content/{id}: body, parts, hashtags, status, comment, schedule_at (the review
/// steps of handlers/item_review.hpp; scored as POST /api/v1/validate scores); If-Match:
/// <version> -> 412. Without If-Match the edit is merged onto the current version (concurrent
/// edits all kept); an item over the store's size limit -> 413 naming the field.
Response handle_patch_content(const ApiDeps& api, const Request& request);
/// GET /api/v1/content/{id}/versions?limit=&cursor=, newest first, paged.
Response handle_content_versions(const ApiDeps& api, const Request& request);
/// DELETE /api/v1/content/{id}: 204.
Response handle_delete_content(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
