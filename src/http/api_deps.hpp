// What the /api handlers reach: the application services and storage ports, by pointer so the
// operations-only router (tests, workers) can leave them unset. Owned by app/server.cpp.
#pragma once

#include "core/ports/access_store.hpp"
#include "core/ports/brand_profile_store.hpp"
#include "core/ports/content_store.hpp"
#include "core/ports/event_store.hpp"
#include "core/ports/knowledge_bases.hpp"
#include "core/ports/media_store.hpp"
#include "core/ports/raw_output_store.hpp"
#include "core/ports/renderer.hpp"
#include "core/ports/time_zones.hpp"
#include "core/services/event_hub.hpp"
#include "core/services/job_metrics.hpp"
#include "core/services/job_service.hpp"
#include "http/handlers/item_body_cache.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace swarm::http {

struct MediaMetrics;  // handlers/media_handlers.hpp

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
