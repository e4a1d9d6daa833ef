// The isolation matrix's vocabulary: what a route case needs, what workspace A holds, and the
// calls with a key (isolation_matrix_test.cpp).
#pragma once

#include "support/http_client.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::test::matrix {

/// What one route needs to be called on workspace A's objects, and what success is.
struct RouteCase {
    std::string target;        // path (and query) naming A's object, or a collection
    std::string body;          // sent with Content-Type JSON (or text/markdown for documents)
    std::vector<int> success;  // any of these statuses
    bool collection = false;   // another workspace gets its own (empty) view, not a 404
    bool destructive = false;  // the success call consumes the object
    std::string content_type = "application/json";
    bool people_only = false;  // keys of every workspace and role get 403 (field Authorization)
};

/// Workspace A's objects, made through the API with A's owner key.
struct Seeded {
    std::string job;
    std::string item;   // the LinkedIn item
    std::string deck;   // the pitch_deck item
    std::string media;  // the path of a card PNG the LinkedIn item links
    std::string brand;
    std::string document = "matrix-notes.md";
    std::string spare_key;  // a viewer key of A that the revoke route may revoke
    std::string member;     // a person of A (viewer) whose membership the member routes change
};

inline HttpReply call(std::uint16_t port, const std::string& method, const std::string& target,
                      const std::string& key, const std::string& body = {},
                      const std::string& content_type = "application/json") {
    std::map<std::string, std::string> headers{
        {"Authorization", key.empty() ? "" : "Bearer " + key}};
    if (!body.empty()) {
        headers["Content-Type"] = content_type;
    }
    return http_request(port, method, target, headers, body);
}

inline std::string error_field(const HttpReply& reply) {
    const auto body = nlohmann::json::parse(reply.body, nullptr, false);
    return body.is_object() && body.contains("error") && body["error"]["field"].is_string()
               ? body["error"]["field"].get<std::string>()
               : "";
}

}  // namespace swarm::test::matrix
