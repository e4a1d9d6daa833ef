// The knowledge-base endpoints: documents (add or replace, list, get, delete) over the
// DocumentLibrary port and ranked passage search over the KnowledgeBase port.
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

namespace swarm::http {

/// POST /api/v1/kb/documents: JSON {"name","content"} or a text/plain | text/markdown body with
/// ?name=; 201 when created, 200 when replaced or unchanged.
Response handle_put_document(const ApiDeps& api, const Request& request);
Response handle_list_documents(const ApiDeps& api, const Request& request);
Response handle_get_document(const ApiDeps& api, const Request& request);
Response handle_delete_document(const ApiDeps& api, const Request& request);
/// GET /api/v1/kb/search?q=&limit= (q required and not blank; limit 1..50, default 10).
Response handle_search_kb(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
