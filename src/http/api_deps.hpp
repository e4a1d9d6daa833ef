// What the /api handlers reach: the application services and storage ports, by pointer so the
// operations-only router (tests, workers) can leave them unset. Owned by app/server.cpp.
#pragma once

#include "core/ports/access_store.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/brand_profile_store.hpp"
#include "core/ports/content_store.hpp"
#include "core/ports/event_store.hpp"
#include "core/ports/knowledge_bases.hpp"
#include "core/ports/media_store.hpp"
#include "core/ports/people_store.hpp"
#include "core/ports/raw_output_store.hpp"
#include "core/ports/renderer.hpp"
#include "core/ports/share_link_store.hpp"
#include "core/ports/time_zones.hpp"
#include "core/ports/workspace_settings_store.hpp"
#include "core/services/event_hub.hpp"
#include "core/services/job_metrics.hpp"
#include "core/services/job_service.hpp"
#include "http/handlers/item_body_cache.hpp"
#include "http/message.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace swarm::http {

struct MediaMetrics;  // handlers/media_handlers.hpp
class FirstRunSetup;  // handlers/first_run_handlers.hpp

/// A key an owner asks for (POST /api/v1/keys).
struct KeyIssue {
    core::WorkspaceId workspace{""};
    std::string name;
    core::access::Role role = core::access::Role::kViewer;
    std::optional<core::Timestamp> expires_at;
};

/// Makes and stores a key: the key text (shown once) and its record. Set by the app (it holds
/// the random source and the digest).
using KeyIssuer =
    std::function<core::Result<std::pair<std::string, core::ApiKeyRecord>>(const KeyIssue&)>;

/// A new session (POST /api/v1/session).
struct SessionStart {
    core::UserRecord user;
    std::string token;  // the cookie's value; never stored
    core::SessionRecord session;
};

/// A member an owner adds (POST /api/v1/members).
struct MemberAdded {
    core::MembershipRecord membership;
    bool account_created = false;
};

/// People: sign-in, sessions and members. Implemented by the app (it holds the password hashing
/// cost, the throttles and the session policy). Thread-safe.
class Accounts {
public:
    virtual ~Accounts() = default;

    virtual core::PeopleStore& people() = 0;
    /// See app::SignIn::sign_in.
    virtual core::Result<SessionStart> sign_in(std::string_view email, std::string_view password,
                                               const std::string& address,
                                               std::string_view user_agent) = 0;
    /// The id of the account with this email (in any case, with spaces around), or nullopt.
    virtual std::optional<std::string> account_of(std::string_view email) = 0;
    /// See app::add_person.
    virtual core::Result<MemberAdded> add_member(const core::WorkspaceId& workspace,
                                                 const std::string& email, core::access::Role role,
                                                 const std::optional<std::string>& password) = 0;
    /// Replaces a signed-in person's password (after checking the current one) and signs out
    /// every other session. kUnauthenticated (field "current_password") when it is wrong.
    virtual core::Result<void> change_password(const std::string& user_id,
                                               std::string_view current_password,
                                               std::string_view new_password,
                                               const std::string& keep_session) = 0;
    /// The session token of a request's cookie, or nullopt.
    virtual std::optional<std::string> session_token(const Request& request) const = 0;
    virtual std::string csrf_token(std::string_view session_token) const = 0;
    /// When the session ends unless used again.
    virtual core::Timestamp expires_at(const core::SessionRecord& session) const = 0;
    /// The cookie's Max-Age: the absolute session lifetime.
    virtual std::chrono::seconds cookie_lifetime() const = 0;
};

/// A model the server calls: {"provider":"openai","model":"gpt-4o-mini"}.
struct ServerModel {
    std::string provider;
    std::string model;
};

/// A workspace's limits and secrets as its owners set them, and the job admission that enforces
/// the limits. Implemented by the app (it holds the server's defaults and the secret key).
/// Thread-safe.
class WorkspaceSettings {
public:
    virtual ~WorkspaceSettings() = default;

    virtual core::WorkspaceSettingsStore& store() = 0;
    /// The server's defaults, for limits a workspace did not set.
    virtual core::WorkspaceLimits defaults() const = 0;
    /// Jobs queued or running now, and model tokens and cost this month (UTC) of the workspace.
    virtual core::Result<core::WorkspaceLoad> load(const core::WorkspaceId& workspace) = 0;
    /// The first instant of the current month (UTC): since when load() counts.
    virtual core::Timestamp month_start() const = 0;
    /// Ok when the workspace may start another job; kResourceExhausted with retry_after, naming
    /// the limit reached (field max_queued_jobs or monthly_token_cap), otherwise.
    virtual core::Result<void> admit_job(const core::WorkspaceId& workspace) = 0;
    /// Forget what is remembered of the workspace's limits (they were just changed).
    virtual void limits_changed(const core::WorkspaceId& workspace) = 0;
    /// A secret's value sealed for storage; kUnavailable saying how to configure the key when
    /// the server has none.
    virtual core::Result<std::string> seal(std::string_view value) const = 0;
    /// The value of a sealed secret; kUnavailable without a key, kInvalidArgument (field
    /// "secret") when it was sealed under another key or changed.
    virtual core::Result<std::string> open(std::string_view sealed) const = 0;
    /// A new unguessable secret: 256 random bits as base64url text (43 characters, no '.').
    virtual std::string random_secret() const = 0;
    /// Compares two secrets in time that depends only on their lengths.
    virtual bool same_secret(std::string_view a, std::string_view b) const = 0;
    /// The writer model the server was started with (its LLM settings), or nullopt when the
    /// writer runs offline.
    virtual std::optional<ServerModel> writer_model() const = 0;
};

/// A share link made for a job (POST /api/v1/jobs/{id}/share-links).
struct ShareLinkIssue {
    core::WorkspaceId workspace{""};
    std::string job_id;
    std::string created_by;  // the actor
    std::chrono::hours lifetime{168};
};

/// Share links: tokens "<id>.<secret>" made of secure random bytes, stored as the secret's digest
/// and checked in constant time. Implemented by the app (it holds the random source, the digest
/// and the clock). Thread-safe.
class ShareLinks {
public:
    virtual ~ShareLinks() = default;

    virtual core::ShareLinkStore& store() = 0;
    /// Makes and stores a link: the token (shown once, never stored) and its record.
    virtual core::Result<std::pair<std::string, core::ShareLinkRecord>> issue(
        const ShareLinkIssue& issue) = 0;
    /// The link a token opens now, or nullopt for any token that opens none (malformed, unknown,
    /// wrong secret, revoked, expired: callers answer all of them alike). Errors are storage's.
    virtual core::Result<std::optional<core::ShareLinkRecord>> open(std::string_view token) = 0;
    /// Now, by the clock that decides expiry.
    virtual core::Timestamp now() const = 0;
};

struct ApiDeps {
    // Jobs and their events (the jobs API and SSE streams).
    core::JobService* jobs = nullptr;
    core::EventStore* events = nullptr;
    core::EventHub* hub = nullptr;
    // Content items, brand profiles and each workspace's knowledge base (the resources API).
    core::ContentStore* content = nullptr;
    core::BrandProfileStore* brands = nullptr;
    core::KnowledgeBases* knowledge = nullptr;
    // Workspaces and API keys (the keys API for owners).
    core::AccessStore* access = nullptr;
    KeyIssuer issue_key;
    Accounts* accounts = nullptr;           // people: sign-in, sessions, members (unset: keys only)
    core::AuditLog* audit = nullptr;        // who did what (unset: nothing is recorded)
    WorkspaceSettings* settings = nullptr;  // limits and secrets (unset: no limits)
    FirstRunSetup* first_run = nullptr;     // the first account's one-time link (unset: none)
    ShareLinks* share_links = nullptr;      // share links of jobs (unset: none)
    bool secure_cookies = false;  // Secure on the session cookie even without X-Forwarded-Proto
    core::RawOutputStore* raw_outputs = nullptr;  // model outputs per job (debugging, replay)
    // The time zone database: set, a brief's unknown time zone is a 400 at submit instead of a
    // job that fails later in the scheduler.
    const core::TimeZones* time_zones = nullptr;
    // Serialized items by version (GET /api/v1/content/{id}); copies of ApiDeps share it.
    std::shared_ptr<ItemBodyCache> item_cache = std::make_shared<ItemBodyCache>();
    // Rendered and generated media (/media/{id}, deck downloads) and its byte counter (optional).
    core::MediaStore* media = nullptr;
    MediaMetrics* media_metrics = nullptr;
    // Redraws an item's card or slides when an edit changes its text (with media set); optional.
    core::Renderer* renderer = nullptr;
    // Counters for /metrics (events streamed to clients); optional.
    core::JobMetrics* job_metrics = nullptr;
    // How often an event stream also reads the store (0: never; events arrive through the
    // in-process hub). Set when jobs may run in another process sharing the database.
    std::chrono::milliseconds event_store_poll{0};
    // Origins allowed besides the server's own (CORS setting); WebSocket upgrades check them.
    std::vector<std::string> allowed_origins;
    // How long POST /api/generate-content (the old system's blocking call) waits for its job.
    std::chrono::seconds generate_wait{120};
};

}  // namespace swarm::http
