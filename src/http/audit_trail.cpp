#include "http/audit_trail.hpp"

#include "http/access.hpp"
#include "http/dto/compat_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <charconv>
#include <cstdio>

namespace swarm::http {
namespace {

using nlohmann::json;

Response bad_query(std::string message, std::string field) {
    return error_response(
        core::Error{core::ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}});
}

bool parse_int(const std::string& text, std::int64_t& out) {
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

}  // namespace

void audit_in(const ApiDeps& api, const core::WorkspaceId& workspace, const std::string& actor,
              const std::string& address, const std::string& action, const std::string& object,
              const json& detail) {
    if (api.audit == nullptr || workspace.str().empty()) {
        return;
    }
    const core::NewAuditEntry entry{actor, action, object, address, detail.dump()};
    if (auto appended = api.audit->append(workspace, entry); !appended) {
        std::fprintf(stderr,
                     "content-swarm: audit entry not stored (%s): workspace=%s actor=%s "
                     "action=%s object=%s address=%s detail=%s\n",
                     core::describe(appended.error()).c_str(), workspace.str().c_str(),
                     actor.c_str(), action.c_str(), object.c_str(), address.c_str(),
                     entry.detail.c_str());
    }
}

void audit(const ApiDeps& api, const Request& request, const std::string& action,
           const std::string& object, const json& detail) {
    if (!request.principal) {
        return;
    }
    audit_in(api, request.principal->workspace, request.principal->actor, request.client_address,
             action, object, detail);
}

Response handle_list_audit(const ApiDeps& api, const Request& request) {
    if (api.audit == nullptr) {
        return not_configured("audit log");
    }
    core::AuditQuery query;
    if (const auto it = request.query.find("before"); it != request.query.end()) {
        std::int64_t before = 0;
        if (!parse_int(it->second, before) || before < 1) {
            return bad_query("must be an entry's seq (a positive whole number)", "before");
        }
        query.before_seq = before;
    }
    if (const auto it = request.query.find("limit"); it != request.query.end()) {
        std::int64_t limit = 0;
        if (!parse_int(it->second, limit) || limit < 1 || limit > 1000) {
            return bad_query("must be a whole number from 1 to 1000", "limit");
        }
        query.limit = static_cast<std::size_t>(limit);
    }
    if (const auto it = request.query.find("action"); it != request.query.end()) {
        if (it->second.empty() || it->second.size() > 100) {
            return bad_query(
                "must be an action (\"key.create\") or a prefix ending in '.' "
                "(\"key.\"), at most 100 bytes",
                "action");
        }
        query.action = it->second;
    }
    auto entries = api.audit->list(workspace_of(request), query);
    if (!entries) {
        return error_response(entries.error());
    }
    json out = json::array();
    for (const auto& entry : *entries) {
        auto detail = json::parse(entry.detail, nullptr, false);
        out.push_back({{"seq", entry.seq},
                       {"at", dto::iso_timestamp(entry.at)},
                       {"actor", entry.actor},
                       {"action", entry.action},
                       {"object", entry.object},
                       {"address", entry.address},
                       {"detail", detail.is_discarded() ? json::object() : detail}});
    }
    json next = nullptr;
    if (entries->size() == query.limit && !entries->empty()) {
        next = entries->back().seq;
    }
    return json_response(200, {{"entries", std::move(out)}, {"next_before", next}});
}

}  // namespace swarm::http
