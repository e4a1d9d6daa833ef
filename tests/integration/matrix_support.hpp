// The isolation matrix's vocabulary: what a route case needs, what workspace A holds, the cases
// of the account routes and of the open routes whose credential is in the path, and the calls with
// a key (isolation_matrix_test.cpp).
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
    std::string spare_key;    // a viewer key of A that the revoke route may revoke
    std::string member;       // a person of A (viewer) whose membership the member routes change
    std::string share_token;  // a share link of the job (the public routes' credential)
    std::string share_link;   // the id of another link of the job, which the revoke route revokes
    std::string feed_url;     // the workspace's calendar feed, "/ical/<token>.ics"
};

/// An open route whose credential is part of its path (a share link's token): called with no
/// key, it answers what the credential opens; with one that opens nothing, 404.
struct OpenCase {
    std::string target;  // with the credential of A's object
    std::string closed;  // the same call with a credential that opens nothing
    std::string body;
    std::vector<int> success;
};

/// The cases of who a credential is, keys, sessions, members, settings and the audit trail.
inline std::map<std::string, RouteCase> account_cases(const Seeded& s) {
    return {
        {"GET /api/v1/me", {"/api/v1/me", {}, {200}, true}},
        // The session routes answer a key's request (it has no session) with 404; sessions
        // themselves are the people tests' (people_test.cpp).
        {"GET /api/v1/session", {"/api/v1/session", {}, {404}, true}},
        {"DELETE /api/v1/session", {"/api/v1/session", {}, {404}, true}},
        {"POST /api/v1/session/sign-out-everywhere",
         {"/api/v1/session/sign-out-everywhere", {}, {404}, true}},
        {"POST /api/v1/me/password",
         {"/api/v1/me/password", R"({"current_password":"x","new_password":"y"})", {404}, true}},
        {"GET /api/v1/workspaces", {"/api/v1/workspaces", {}, {200}, true}},
        {"POST /api/v1/workspaces",
         {"/api/v1/workspaces",
          R"({"name":"made-by-a-key"})",
          {403},
          true,
          false,
          "application/json",
          true}},
        {"GET /api/v1/members", {"/api/v1/members", {}, {200}, true}},
        {"POST /api/v1/members",
         {"/api/v1/members",
          R"({"email":"new.member@example.com","role":"viewer","password":"a long password"})",
          {201},
          true}},
        {"PATCH /api/v1/members/{user_id}",
         {"/api/v1/members/" + s.member, R"({"role":"reviewer"})", {200}}},
        {"DELETE /api/v1/members/{user_id}",
         {"/api/v1/members/" + s.member, {}, {204}, false, true}},
        {"GET /api/v1/audit", {"/api/v1/audit", {}, {200}, true}},
        {"GET /api/v1/settings", {"/api/v1/settings", {}, {200}, true}},
        {"PUT /api/v1/settings/limits",
         {"/api/v1/settings/limits", R"({"max_queued_jobs":50})", {200}, true}},
        {"PUT /api/v1/settings/secrets/{name}",
         {"/api/v1/settings/secrets/matrix_token",
          R"({"value":"matrix-secret-1234"})",
          {200},
          true}},
        // Another workspace has no such secret: 404, as for an unknown one.
        {"DELETE /api/v1/settings/secrets/{name}",
         {"/api/v1/settings/secrets/seeded_token", {}, {204}, false, true}},
        {"GET /api/v1/keys", {"/api/v1/keys", {}, {200}, true}},
        {"POST /api/v1/keys",
         {"/api/v1/keys", R"({"name":"matrix","role":"viewer"})", {201}, true}},
        {"POST /api/v1/keys/{id}/revoke",
         {"/api/v1/keys/" + s.spare_key.substr(0, 16) + "/revoke", {}, {200}, false, true}},
    };
}

/// The open routes whose credential is in the path; other open routes answer anyone 200.
inline std::map<std::string, OpenCase> open_cases(const Seeded& s) {
    // The same link id with another secret: a token that opens nothing.
    auto closed = s.share_token;
    if (!closed.empty()) {
        closed.back() = closed.back() == 'A' ? 'B' : 'A';
    }
    const auto media_id = s.media.substr(s.media.rfind('/') + 1);
    auto closed_feed = s.feed_url;  // another secret for the same workspace
    if (closed_feed.size() > 5) {
        auto& last = closed_feed[closed_feed.size() - 5];
        last = last == 'A' ? 'B' : 'A';
    }
    const auto review = "/items/" + s.item + "/review";
    const std::string reviewer = R"({"name":"Matrix Reviewer","decision":"approve"})";
    return {
        // The web app's files: the path names one, or nothing.
        {"GET /assets/{path...}", {"/assets/index.html", "/assets/no-such-file.js", {}, {200}}},
        {"GET /ical/{file}", {s.feed_url, closed_feed, {}, {200}}},
        {"GET /api/v1/shared/{token}",
         {"/api/v1/shared/" + s.share_token, "/api/v1/shared/" + closed, {}, {200}}},
        {"GET /api/v1/shared/{token}/media/{media_id}",
         {"/api/v1/shared/" + s.share_token + "/media/" + media_id,
          "/api/v1/shared/" + closed + "/media/" + media_id,
          {},
          {200}}},
        {"POST /api/v1/shared/{token}/items/{item_id}/review",
         {"/api/v1/shared/" + s.share_token + review,
          "/api/v1/shared/" + closed + review,
          reviewer,
          {200}}},
    };
}

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
