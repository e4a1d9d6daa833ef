// The brand profile endpoints (create, list, get, replace, delete) over the BrandProfileStore
// port; names are unique (409) and ids are derived from the name at creation.
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

#include <string>
#include <string_view>

namespace swarm::http {

Response handle_create_brand(const ApiDeps& api, const Request& request);
Response handle_list_brands(const ApiDeps& api, const Request& request);
Response handle_get_brand(const ApiDeps& api, const Request& request);
Response handle_put_brand(const ApiDeps& api, const Request& request);
Response handle_delete_brand(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
