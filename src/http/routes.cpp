#include "http/routes.hpp"

#include "http/audit_trail.hpp"
#include "http/handlers/brand_handlers.hpp"
#include "http/handlers/calendar_handlers.hpp"
#include "http/handlers/compat_handlers.hpp"
#include "http/handlers/content_handlers.hpp"
#include "http/handlers/first_run_handlers.hpp"
#include "http/handlers/job_handlers.hpp"
#include "http/handlers/kb_handlers.hpp"
#include "http/handlers/key_handlers.hpp"
#include "http/handlers/media_handlers.hpp"
#include "http/handlers/session_handlers.hpp"
#include "http/handlers/settings_handlers.hpp"
#include "http/handlers/share_handlers.hpp"
#include "http/handlers/validate_handlers.hpp"
#include "http/handlers/web_handlers.hpp"
#include "http/web_assets.hpp"

namespace swarm::http {

namespace {

using ApiHandler = Response (*)(const ApiDeps&, const Request&);

/// A route handler calling `handler` with (a copy of) the API's dependencies.
auto bound(const ApiDeps& a, ApiHandler handler) {
    return [a, handler](const Request& q) {
        return handler(a, q);
    };
}

/// Who a credential is; keys, people, sessions, members; settings and the audit trail.
void add_account_routes(Router& r, const ApiDeps& a) {
    // Who a credential is, and the owner's keys of the workspace
    r.add("GET", "/api/v1/me", Access::signed_in(), bound(a, handle_me));
    r.add("GET", "/api/v1/keys", Access::owner(), bound(a, handle_list_keys));
    r.add("POST", "/api/v1/keys", Access::owner(), bound(a, handle_create_key));
    r.add("POST", "/api/v1/keys/{id}/revoke", Access::owner(), bound(a, handle_revoke_key));
    // People: signing in and out, the password, the owner's members
    r.add("POST", "/api/v1/session", Access::guest(), bound(a, handle_sign_in));
    r.add("GET", "/api/v1/session", Access::signed_in(), bound(a, handle_get_session));
    r.add("DELETE", "/api/v1/session", Access::signed_in(), bound(a, handle_sign_out));
    r.add("POST", "/api/v1/session/sign-out-everywhere", Access::signed_in(),
          bound(a, handle_sign_out_everywhere));
    r.add("POST", "/api/v1/me/password", Access::signed_in(), bound(a, handle_change_password));
    r.add("GET", "/api/v1/workspaces", Access::signed_in(), bound(a, handle_list_workspaces));
    r.add("POST", "/api/v1/workspaces", Access::signed_in(), bound(a, handle_create_workspace));
    r.add("GET", "/api/v1/members", Access::owner(), bound(a, handle_list_members));
    r.add("POST", "/api/v1/members", Access::owner(), bound(a, handle_add_member));
    r.add("PATCH", "/api/v1/members/{user_id}", Access::owner(), bound(a, handle_set_member_role));
    r.add("DELETE", "/api/v1/members/{user_id}", Access::owner(), bound(a, handle_remove_member));
    // The workspace's limits and secrets (owners)
    r.add("GET", "/api/v1/settings", Access::owner(), bound(a, handle_get_settings));
    r.add("PUT", "/api/v1/settings/limits", Access::owner(), bound(a, handle_put_limits));
    r.add("PUT", "/api/v1/settings/preferences", Access::owner(), bound(a, handle_put_preferences));
    r.add("PUT", "/api/v1/settings/secrets/{name}", Access::owner(), bound(a, handle_put_secret));
    r.add("DELETE", "/api/v1/settings/secrets/{name}", Access::owner(),
          bound(a, handle_delete_secret));
    // The workspace's audit trail
    r.add("GET", "/api/v1/audit", Access::owner(), bound(a, handle_list_audit));
}

/// Share links: editors make them for a job; their token alone opens the job's items (open
/// routes: the handlers answer only what the link allows, and one 404 for any token that opens
/// nothing).
void add_share_routes(Router& r, const ApiDeps& a) {
    r.add("POST", "/api/v1/jobs/{id}/share-links", Access::editor(),
          bound(a, handle_create_share_link));
    r.add("GET", "/api/v1/jobs/{id}/share-links", Access::editor(),
          bound(a, handle_list_share_links));
    r.add("DELETE", "/api/v1/share-links/{id}", Access::editor(),
          bound(a, handle_revoke_share_link));
    r.add("GET", "/api/v1/shared/{token}", Access::open(), bound(a, handle_get_shared));
    r.add("GET", "/api/v1/shared/{token}/media/{media_id}", Access::open(),
          bound(a, handle_get_shared_media), Lane::kMedia);
    r.add("POST", "/api/v1/shared/{token}/items/{item_id}/review", Access::open(),
          bound(a, handle_review_shared));
}

/// The calendar and live validation; the workspace's iCalendar feed (open: the token in the file
/// name is the credential; one 404 for any other).
void add_calendar_routes(Router& r, const ApiDeps& a) {
    r.add("POST", "/api/v1/validate", Access::viewer(), bound(a, handle_validate));
    r.add("GET", "/api/v1/calendar", Access::viewer(), bound(a, handle_calendar));
    r.add("POST", "/api/v1/calendar/feed", Access::owner(), bound(a, handle_create_calendar_feed));
    r.add("GET", "/api/v1/calendar/feed", Access::owner(), bound(a, handle_get_calendar_feed));
    r.add("DELETE", "/api/v1/calendar/feed", Access::owner(),
          bound(a, handle_delete_calendar_feed));
    r.add("GET", "/ical/{file}", Access::open(), bound(a, handle_ical_feed));
}

/// The web app, embedded in the binary (answered from memory, open: the API guards the data), and
/// the first run that makes a new server's first account.
void add_web_routes(Router& r, const ApiDeps& a) {
    r.add("GET", "/api/v1/first-run", Access::open(), bound(a, handle_first_run_status));
    r.add("POST", "/api/v1/first-run", Access::guest(), bound(a, handle_first_run));
    r.add(
        "GET", "/assets/{path...}", Access::open(),
        [](const Request& q) { return handle_web_asset(web_assets(), q); }, Lane::kInline);
    // Deep links and reloads (/jobs/job_1, /calendar, /share/<token>): the app's index.html.
    r.set_fallback(
        "/{page...}", Access::open(),
        [](const Request& q) { return handle_web_page(web_assets(), q); }, Lane::kInline,
        is_app_path);
}

}  // namespace

Router build_router(const RouteDeps& deps) {
    Router r;
    // Operations (not versioned: load balancers and orchestrators call these).
    // They answer from memory, on the network thread (Lane::kInline): a stalled database or media
    // store never delays them. Everything else runs on a lane's bounded pool.
    r.add("GET", "/livez", Access::open(), handle_livez, Lane::kInline);
    r.add(
        "GET", "/readyz", Access::open(),
        [&h = deps.health](const Request& q) { return handle_readyz(h, q); }, Lane::kInline);
    r.add(
        "GET", "/version", Access::open(),
        [&id = deps.identity](const Request& q) { return handle_version(id, q); }, Lane::kInline);
    r.add(
        "GET", "/metrics", Access::metrics(),
        [&m = deps.metrics](const Request& q) { return handle_metrics(m, q); }, Lane::kInline);
    if (!deps.api_routes) {
        return r;
    }
    // Jobs
    const ApiDeps jobs_api = deps.api;  // pointers, copied: the RouteDeps may be a temporary
    r.add("POST", "/api/v1/jobs", Access::editor(),
          [jobs_api](const Request& q) { return handle_submit_job(jobs_api, q); });
    r.add("GET", "/api/v1/jobs", Access::viewer(),
          [jobs_api](const Request& q) { return handle_list_jobs(jobs_api, q); });
    r.add("GET", "/api/v1/jobs/{id}", Access::viewer(),
          [jobs_api](const Request& q) { return handle_get_job(jobs_api, q); });
    r.add("POST", "/api/v1/jobs/{id}/cancel", Access::editor(),
          [jobs_api](const Request& q) { return handle_cancel_job(jobs_api, q); });
    r.add("GET", "/api/v1/jobs/{id}/events", Access::viewer(),
          [jobs_api](const Request& q) { return handle_job_events(jobs_api, q); });
    r.add("GET", "/api/v1/jobs/{id}/raw-outputs", Access::editor(),
          [jobs_api](const Request& q) { return handle_job_raw_outputs(jobs_api, q); });
    // Content items, brand profiles, knowledge base
    const auto api = [&a = deps.api](ApiHandler handler) {
        return bound(a, handler);
    };
    r.add("GET", "/api/v1/content", Access::viewer(), api(handle_list_content));
    // A cached item the store vouches is current is answered on the network thread.
    r.add("GET", "/api/v1/content/{id}", Access::viewer(), api(handle_get_content), Lane::kStorage,
          [a = deps.api](const Request& q) { return get_content_from_memory(a, q); });
    // Reviewers may approve or send back (status only); the handler refuses them anything else.
    r.add("PATCH", "/api/v1/content/{id}", Access::reviewer(), api(handle_patch_content));
    r.add("DELETE", "/api/v1/content/{id}", Access::editor(), api(handle_delete_content));
    r.add("GET", "/api/v1/content/{id}/versions", Access::viewer(), api(handle_content_versions));
    // Deck downloads and media read the media store (S3 can be slow): their own lane.
    r.add("GET", "/api/v1/content/{id}/deck.pdf", Access::viewer(), api(handle_deck_pdf),
          Lane::kMedia);
    r.add("GET", "/api/v1/content/{id}/deck.pptx", Access::viewer(), api(handle_deck_pptx),
          Lane::kMedia);
    r.add("POST", "/api/v1/brands", Access::editor(), api(handle_create_brand));
    r.add("GET", "/api/v1/brands", Access::viewer(), api(handle_list_brands));
    r.add("GET", "/api/v1/brands/{id}", Access::viewer(), api(handle_get_brand));
    r.add("PUT", "/api/v1/brands/{id}", Access::editor(), api(handle_put_brand));
    r.add("DELETE", "/api/v1/brands/{id}", Access::editor(), api(handle_delete_brand));
    r.add("POST", "/api/v1/kb/documents", Access::editor(), api(handle_put_document));
    r.add("GET", "/api/v1/kb/documents", Access::viewer(), api(handle_list_documents));
    r.add("GET", "/api/v1/kb/documents/{name}", Access::viewer(), api(handle_get_document));
    r.add("DELETE", "/api/v1/kb/documents/{name}", Access::editor(), api(handle_delete_document));
    r.add("GET", "/api/v1/kb/search", Access::viewer(), api(handle_search_kb));
    // Media by content hash (HEAD answered by the same handlers, from the store's info)
    r.add("GET", "/media/{id}", Access::viewer(), api(handle_get_media), Lane::kMedia);
    add_account_routes(r, deps.api);
    add_web_routes(r, deps.api);
    add_share_routes(r, deps.api);
    add_calendar_routes(r, deps.api);
    // The old system's API, for its clients (docs/api.md, "Compatibility with the old system")
    r.add("POST", "/api/generate-content", Access::editor(), api(handle_generate_content));
    r.add("GET", "/ws/stream-generation", Access::editor(), api(handle_stream_generation));
    return r;
}

}  // namespace swarm::http
