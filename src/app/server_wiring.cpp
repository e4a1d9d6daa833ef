#include "app/server_wiring.hpp"

#include "app/access_keys.hpp"
#include "app/knowledge_bases.hpp"
#include "app/media_config.hpp"
#include "app/share_links.hpp"
#include "app/system_clock.hpp"
#include "codec/brief_json.hpp"
#include "codec/result_json.hpp"
#include "core/services/job_runner.hpp"
#include "http/handlers/media_handlers.hpp"
#include "kb/library_ingest.hpp"
#include "kb/reading_library.hpp"
#include "kb/sqlite_knowledge_base.hpp"
#include "storage/media/pg_media_store.hpp"
#include "storage/media/sqlite_media_store.hpp"
#include "storage/postgres/pg_access_store.hpp"
#include "storage/postgres/pg_audit_log.hpp"
#include "storage/postgres/pg_brand_profile_store.hpp"
#include "storage/postgres/pg_content_store.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/postgres/pg_event_listener.hpp"
#include "storage/postgres/pg_event_store.hpp"
#include "storage/postgres/pg_job_store.hpp"
#include "storage/postgres/pg_knowledge_base.hpp"
#include "storage/postgres/pg_people_store.hpp"
#include "storage/postgres/pg_raw_output_store.hpp"
#include "storage/postgres/pg_share_link_store.hpp"
#include "storage/postgres/pg_workspace_settings_store.hpp"
#include "storage/sqlite/sqlite_access_store.hpp"
#include "storage/sqlite/sqlite_audit_log.hpp"
#include "storage/sqlite/sqlite_brand_profile_store.hpp"
#include "storage/sqlite/sqlite_content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_event_store.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"
#include "storage/sqlite/sqlite_people_store.hpp"
#include "storage/sqlite/sqlite_raw_output_store.hpp"
#include "storage/sqlite/sqlite_share_link_store.hpp"
#include "storage/sqlite/sqlite_workspace_settings_store.hpp"
#include "tz/date_time_zones.hpp"

#include <array>
#include <filesystem>
#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::app {
namespace {

std::string new_job_id() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return fmt::format("job_{:016x}{:08x}", engine(), engine() & 0xffffffffU);
}

}  // namespace

/// The stores of one backend behind the core ports (each store keeps its database alive).
struct Stores {
    std::unique_ptr<core::JobStore> jobs;
    std::unique_ptr<core::EventStore> events;
    std::unique_ptr<core::ContentStore> content;
    std::unique_ptr<core::BrandProfileStore> brands;
    std::unique_ptr<core::RawOutputStore> raw_outputs;
    std::unique_ptr<core::AccessStore> access;
    std::unique_ptr<core::PeopleStore> people;
    std::unique_ptr<core::AuditLog> audit;
    std::unique_ptr<core::WorkspaceSettingsStore> settings;
    bool shared = false;  // other processes (replicas) run jobs on the same database
    std::unique_ptr<core::MediaStore> db_media;  // the media table, for --media db
    std::unique_ptr<core::ShareLinkStore> share_links;
};

/// Where the knowledge base lives: a SQLite file beside a SQLite database (PATH.kb), or the
/// PostgreSQL database itself (full-text search, documents shared by every replica).
struct KnowledgeHome {
    std::string sqlite_path;
    std::shared_ptr<storage::PgDatabase> pg;
};

template <class Db, class Jobs, class Events, class Content, class Brands, class Raw, class Access,
          class People, class Audit, class Settings>
Stores make_stores(const std::shared_ptr<Db>& db, const core::Clock& clock, bool shared,
                   const core::ContentLimits& limits) {
    return Stores{std::make_unique<Jobs>(db, clock),
                  std::make_unique<Events>(db, clock),
                  std::make_unique<Content>(db, clock, limits),
                  std::make_unique<Brands>(db, clock),
                  std::make_unique<Raw>(db, clock),
                  std::make_unique<Access>(db, clock),
                  std::make_unique<People>(db, clock),
                  std::make_unique<Audit>(db, clock),
                  std::make_unique<Settings>(db, clock),
                  shared,
                  nullptr,
                  nullptr};
}

struct ApiRuntime::Impl {
    SystemClock clock;
    Stores stores;
    core::LlmAgents llm;
    std::chrono::seconds generate_wait{120};
    // Each workspace's base: SQLite files beside the db, or PostgreSQL's kb_* tables.
    std::unique_ptr<WorkspaceKnowledgeBases> knowledge;
    tz::DateTimeZones zones;
    core::EventHub hub;
    core::WorkSignal signal;
    // PostgreSQL: other replicas' events. After the hub and the stores it feeds from, so it stops
    // before they go.
    std::unique_ptr<storage::PgEventListener> listener;
    core::JobMetrics job_metrics;
    int workers = 0;
    std::string kb_summary;
    std::unique_ptr<core::MediaStore> media;
    http::MediaMetrics media_metrics;
    Visuals visuals;  // the designer's renderer and optional image model
    std::unique_ptr<ShareLinkService> share_links;  // over stores.share_links and the clock
    std::unique_ptr<core::JobService> service;
    std::unique_ptr<core::JobRunner> runner;  // last: its workers stop before the rest goes

    core::Result<std::unique_ptr<storage::PgEventListener>> listen_to_replicas(
        const std::string& db, std::function<void(const core::Error&)> on_error);
    core::Result<void> open_knowledge(const KnowledgeHome& home, const std::string& kb_dir);
    std::unique_ptr<core::JobService> make_job_service(std::int64_t queue_capacity);
    std::unique_ptr<core::JobRunner> make_job_runner(const ApiConfig& config);
};

core::Result<std::string> sqlite_path(const std::string& location, const std::string& field) {
    constexpr std::string_view kScheme = "sqlite:";
    if (location.rfind(kScheme, 0) != 0 || location.size() == kScheme.size()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          fmt::format("expected sqlite:PATH or postgres://USER@HOST:PORT/DB, got "
                                      "\"{}\"",
                                      location),
                          field);
    }
    return location.substr(kScheme.size());
}

namespace {

core::Result<std::string> load_kb(core::DocumentLibrary& documents, const std::string& dir) {
    if (!std::filesystem::is_directory(dir)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          fmt::format("\"{}\" is not a folder", dir), "--kb");
    }
    const std::array<std::filesystem::path, 1> roots{dir};
    SWARM_TRY_ASSIGN(auto report, kb::ingest_paths(documents, roots));
    auto listed = documents.list_documents();
    return fmt::format("{} documents, {} files skipped", listed ? listed->size() : 0,
                       report.skipped.size());
}

}  // namespace

bool is_postgres_url(const std::string& location) {
    return location.rfind("postgres://", 0) == 0 || location.rfind("postgresql://", 0) == 0;
}

namespace {

/// How often a SQLite database is checked for commits of other processes.
constexpr std::chrono::milliseconds kSqliteChangeWatch{10};

/// The stores for `--db`, and where the knowledge base lives.
core::Result<std::pair<Stores, KnowledgeHome>> open_stores(const std::string& location,
                                                           const core::Clock& clock,
                                                           const core::ContentLimits& limits) {
    if (is_postgres_url(location)) {
        SWARM_TRY_ASSIGN(auto db, storage::PgDatabase::open(location));
        auto stores =
            make_stores<storage::PgDatabase, storage::PgJobStore, storage::PgEventStore,
                        storage::PgContentStore, storage::PgBrandProfileStore,
                        storage::PgRawOutputStore, storage::PgAccessStore, storage::PgPeopleStore,
                        storage::PgAuditLog, storage::PgWorkspaceSettingsStore>(db, clock, true,
                                                                                limits);
        stores.db_media = std::make_unique<storage::PgMediaStore>(db, clock);
        stores.share_links = std::make_unique<storage::PgShareLinkStore>(db, clock);
        return std::pair{std::move(stores), KnowledgeHome{{}, db}};
    }
    SWARM_TRY_ASSIGN(auto path, sqlite_path(location, "--db"));
    SWARM_TRY_ASSIGN(auto db, storage::SqliteDatabase::open(path));
    // Another process may write this file (a second `serve --no-worker`): its commits are
    // noticed within this interval, so items answered from memory are at most that old to it.
    // This process's own writes are known at once. An in-memory database has no other writer.
    if (auto watched = db->start_change_watch(kSqliteChangeWatch);
        !watched && watched.error().code != core::ErrorCode::kFailedPrecondition) {
        return tl::unexpected(watched.error());
    }
    auto stores =
        make_stores<storage::SqliteDatabase, storage::SqliteJobStore, storage::SqliteEventStore,
                    storage::SqliteContentStore, storage::SqliteBrandProfileStore,
                    storage::SqliteRawOutputStore, storage::SqliteAccessStore,
                    storage::SqlitePeopleStore, storage::SqliteAuditLog,
                    storage::SqliteWorkspaceSettingsStore>(db, clock, false, limits);
    stores.db_media = std::make_unique<storage::SqliteMediaStore>(db, clock);
    stores.share_links = std::make_unique<storage::SqliteShareLinkStore>(db, clock);
    return std::pair{std::move(stores), KnowledgeHome{path, nullptr}};
}

/// The media store --media names. Not contacted here: a store that accepts connections but never
/// answers would hold the start silently. The readiness probe checks it every second (server.cpp):
/// until it answers, /readyz says why the process is not ready, and the log says so at error.
core::Result<std::unique_ptr<core::MediaStore>> open_media(
    const ApiConfig& config, std::unique_ptr<core::MediaStore> db_media) {
    auto location = default_media_location(config.db);
    if (!config.media.empty()) {
        SWARM_TRY_ASSIGN(auto parsed, parse_media_location(config.media, "--media"));
        location = std::move(parsed);
    }
    return open_media_store(location, config.db, std::move(db_media), process_env());
}

}  // namespace

// Other replicas' events: a NOTIFY per stored event ("job_id:seq") becomes a live event here;
// streams also read the store (the listener may miss notifications). Only jobs someone streams
// from this replica are read: every replica gets every NOTIFY, and a read for nobody would cost
// each replica a query per event of every job in the fleet. A stream that subscribes later
// replays the store first, so skipping loses nothing.
core::Result<std::unique_ptr<storage::PgEventListener>> ApiRuntime::Impl::listen_to_replicas(
    const std::string& db, std::function<void(const core::Error&)> on_error) {
    const auto deliver = [this](const core::WorkspaceId& workspace, const std::string& job_id,
                                std::int64_t seq) {
        if (hub.subscriber_count(job_id) == 0) {
            return;
        }
        auto page = stores.events->list_after(workspace, job_id, seq - 1, 1);
        if (page && !page->empty()) {
            hub.publish(job_id, page->front());
        }
    };
    storage::PgListenerOptions options;
    options.on_error = std::move(on_error);
    return storage::PgEventListener::start(db, deliver, options);
}

core::Result<void> ApiRuntime::Impl::open_knowledge(const KnowledgeHome& home,
                                                    const std::string& kb_dir) {
    SWARM_TRY_ASSIGN(const auto home_workspace, default_workspace(*stores.access));
    if (home.pg) {
        // PostgreSQL: the kb_* tables (storage migrations); every replica searches one base.
        knowledge = std::make_unique<WorkspaceKnowledgeBases>(
            [db = home.pg](const core::WorkspaceId& workspace) -> core::Result<OpenedBase> {
                auto base = std::make_shared<storage::PgKnowledgeBase>(db, workspace);
                return OpenedBase{base, base.get(), base.get()};
            });
    } else {
        // SQLite: a file per workspace; each versions its schema with user_version.
        knowledge = std::make_unique<WorkspaceKnowledgeBases>(
            [path = home.sqlite_path,
             legacy = home_workspace.legacy ? home_workspace.id : core::WorkspaceId("")](
                const core::WorkspaceId& workspace) -> core::Result<OpenedBase> {
                SWARM_TRY_ASSIGN(auto opened, kb::SqliteKnowledgeBase::open(sqlite_kb_path(
                                                  path, workspace, workspace == legacy)));
                std::shared_ptr<kb::SqliteKnowledgeBase> base = std::move(opened);
                return OpenedBase{base, base.get(), base.get()};
            });
    }
    if (!kb_dir.empty()) {
        // --kb loads into the workspace "default" (the one that holds data of older versions).
        SWARM_TRY_ASSIGN(const auto base, knowledge->open(home_workspace.id));
        SWARM_TRY_ASSIGN(kb_summary, load_kb(*base.documents, kb_dir));
        kb_summary += " (workspace " + home_workspace.name + ")";
    }
    return {};
}

std::unique_ptr<core::JobService> ApiRuntime::Impl::make_job_service(std::int64_t queue_capacity) {
    // A cancel stops the pipeline at once when this process runs the job (model calls end).
    auto stop_running = [this](const std::string& id) {
        if (runner) {
            runner->cancel_running(id);
        }
    };
    return std::make_unique<core::JobService>(
        core::JobServiceDeps{.jobs = *stores.jobs,
                             .events = *stores.events,
                             .hub = hub,
                             .signal = signal,
                             .clock = clock,
                             .new_id = new_job_id,
                             .metrics = &job_metrics,
                             .on_cancel_requested = stop_running},
        core::JobServiceOptions{.queue_capacity = queue_capacity,
                                .retry_after = std::chrono::seconds(5)});
}

namespace {

/// The runner's hook for workspaces with their own model key, over this runtime's settings store.
std::function<core::Result<std::shared_ptr<const core::LlmAgents>>(const core::WorkspaceId&)>
own_models(const ApiConfig& config, core::WorkspaceSettingsStore& store) {
    if (!config.llm_for) {
        return {};
    }
    return [hook = config.llm_for, &store](const core::WorkspaceId& workspace) {
        return hook(store, workspace);
    };
}

}  // namespace

std::unique_ptr<core::JobRunner> ApiRuntime::Impl::make_job_runner(const ApiConfig& config) {
    core::JobRunnerOptions options{
        .workers = config.workers,
        .instance_id = config.instance_id,
        .lease = config.job_lease,
        .renew_every = std::chrono::milliseconds(config.job_lease) / 3,
        // A shared database: running jobs may be live on other replicas; expired leases are
        // rescued before claims instead.
        .requeue_all_running_at_start = !stores.shared,
        .rescue_expired_leases = stores.shared,
        .retry = config.job_retry,
        .decode_brief = [](const std::string& text) { return codec::decode_brief(text); },
        .encode_item =
            [](const core::ContentItem& item) { return codec::encode_item(item).dump(); },
    };
    auto llm_for = own_models(config, *stores.settings);
    core::JobRunnerDeps deps{.jobs = *stores.jobs,
                             .events = *stores.events,
                             .content = *stores.content,
                             .hub = hub,
                             .signal = signal,
                             .pipeline = {.knowledge = *knowledge,
                                          .time_zones = zones,
                                          .clock = clock,
                                          .llm = &llm,
                                          .llm_for = std::move(llm_for),
                                          .renderer = visuals.renderer.get(),
                                          .media = media.get(),
                                          .image_model = visuals.image_model.get()},
                             .metrics = &job_metrics,
                             .raw_outputs = stores.raw_outputs.get(),
                             .log = config.job_log};
    return std::make_unique<core::JobRunner>(std::move(deps), std::move(options));
}

core::Result<std::unique_ptr<ApiRuntime>> ApiRuntime::open(const ApiConfig& config) {
    auto impl = std::make_unique<Impl>();
    SWARM_TRY_ASSIGN(auto opened, open_stores(config.db, impl->clock, config.content));
    impl->stores = std::move(opened.first);
    SWARM_TRY_ASSIGN(impl->media, open_media(config, std::move(impl->stores.db_media)));
    if (impl->stores.shared) {
        SWARM_TRY_ASSIGN(impl->listener,
                         impl->listen_to_replicas(config.db, config.listener_error));
    }
    SWARM_TRY(impl->open_knowledge(opened.second, config.kb_dir));
    impl->workers = config.workers;
    impl->llm = config.llm;
    impl->visuals = config.visuals;
    impl->generate_wait = config.generate_wait;
    impl->service = impl->make_job_service(config.queue_capacity);
    impl->share_links = std::make_unique<ShareLinkService>(*impl->stores.share_links, impl->clock);
    impl->runner = impl->make_job_runner(config);
    return std::unique_ptr<ApiRuntime>(new ApiRuntime(std::move(impl)));
}

ApiRuntime::ApiRuntime(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ApiRuntime::~ApiRuntime() = default;

http::ApiDeps ApiRuntime::deps() {
    http::ApiDeps deps;
    deps.jobs = impl_->service.get();
    deps.events = impl_->stores.events.get();
    deps.hub = &impl_->hub;
    deps.content = impl_->stores.content.get();
    deps.brands = impl_->stores.brands.get();
    deps.knowledge = impl_->knowledge.get();
    deps.access = impl_->stores.access.get();
    deps.audit = impl_->stores.audit.get();
    deps.share_links = impl_->share_links.get();
    deps.issue_key = [store = impl_->stores.access.get()](const http::KeyIssue& issue)
        -> core::Result<std::pair<std::string, core::ApiKeyRecord>> {
        SWARM_TRY_ASSIGN(auto issued, issue_key(*store, KeyRequest{issue.workspace, issue.name,
                                                                   issue.role, issue.expires_at}));
        return std::pair{std::move(issued.key), std::move(issued.record)};
    };
    deps.job_metrics = &impl_->job_metrics;
    deps.raw_outputs = impl_->stores.raw_outputs.get();
    deps.media = impl_->media.get();
    deps.renderer = impl_->visuals.renderer.get();
    deps.media_metrics = &impl_->media_metrics;
    deps.generate_wait = impl_->generate_wait;
    deps.time_zones = &impl_->zones;  // an unknown time zone is a 400 at submit, not a failed job
    if (impl_->stores.shared) {
        deps.event_store_poll = std::chrono::milliseconds(1000);  // a missed NOTIFY is found
    }
    return deps;
}

core::Result<void> ApiRuntime::start_runner() {
    if (impl_->workers == 0) {
        return {};
    }
    return impl_->runner->start();
}

std::int64_t ApiRuntime::drain(std::chrono::steady_clock::time_point deadline,
                               const std::stop_token& stop) {
    if (impl_->workers == 0) {
        return 0;
    }
    impl_->runner->stop_accepting();
    if (impl_->stores.shared) {
        // Replicas share the queue: hand unfinished jobs back at once so another replica
        // continues them now, instead of after this one's drain deadline.
        auto requeued = impl_->runner->requeue_unfinished();
        impl_->runner->wait_idle(deadline, stop);
        return requeued ? *requeued : 0;
    }
    impl_->runner->wait_idle(deadline, stop);
    auto requeued = impl_->runner->requeue_unfinished();
    return requeued ? *requeued : 0;
}

std::optional<std::string> ApiRuntime::storage_problem() {
    // First what costs no query: a deleted or replaced database file, a failed write (full disk,
    // read-only file) that no later write cleared.
    if (auto problem = impl_->stores.content->storage_health()) {
        return "storage: " + *problem;
    }
    auto counts = impl_->stores.jobs->count_by_status();
    if (!counts) {
        return "storage: " + counts.error().message;
    }
    if (auto media = impl_->media->stat(std::string(64, '0')); !media) {
        return "media: " + media.error().message;
    }
    return std::nullopt;
}

std::string ApiRuntime::media_description() const {
    return impl_->media->describe();
}

void ApiRuntime::export_metrics(http::Metrics& metrics) {
    auto counts = impl_->stores.jobs->count_by_status();
    if (!counts) {
        return;
    }
    for (const auto& [status, count] : *counts) {
        metrics.set_gauge("content_swarm_jobs", "Jobs in the store by status",
                          static_cast<double>(count),
                          fmt::format("status=\"{}\"", core::to_string(status)));
    }
    const auto& m = impl_->job_metrics;
    const auto value = [](const std::atomic<std::int64_t>& v) {
        return static_cast<double>(v.load(std::memory_order_relaxed));
    };
    metrics.set_counter("content_swarm_jobs_submitted_total", "Jobs accepted by this process",
                        value(m.submitted));
    metrics.set_counter("content_swarm_jobs_rejected_total",
                        "Submits refused with 429 (queue full)", value(m.rejected_queue_full));
    metrics.set_counter("content_swarm_job_runs_started_total",
                        "Job runs begun by this process (a requeued job counts again)",
                        value(m.started));
    metrics.set_counter("content_swarm_jobs_requeued_total",
                        "Jobs put back to queued (start-up recovery, drain)", value(m.requeued));
    metrics.set_counter("content_swarm_events_streamed_total",
                        "Job events written to SSE and WebSocket clients",
                        value(m.events_streamed));
    metrics.set_counter("content_swarm_model_calls_total", "Language-model calls made by jobs",
                        value(m.model_calls));
    metrics.set_counter("content_swarm_model_tokens_total", "Language-model tokens used by jobs",
                        value(m.model_input_tokens), "direction=\"input\"");
    metrics.set_counter("content_swarm_model_tokens_total", "Language-model tokens used by jobs",
                        value(m.model_output_tokens), "direction=\"output\"");
    metrics.set_counter("content_swarm_model_cost_usd_total",
                        "Estimated language-model cost of jobs (configured price table)",
                        value(m.model_cost_microdollars) / 1e6);
    metrics.set_gauge("content_swarm_jobs_running", "Jobs this process runs right now",
                      value(m.running));
    metrics.set_counter(
        "content_swarm_media_bytes_served_total",
        "Media bytes sent in GET /media and deck download bodies",
        static_cast<double>(impl_->media_metrics.bytes_served.load(std::memory_order_relaxed)));
    const auto queued = counts->find(core::JobStatus::kQueued);
    metrics.set_gauge("content_swarm_queue_depth", "Queued jobs",
                      queued == counts->end() ? 0.0 : static_cast<double>(queued->second));
}

const std::string& ApiRuntime::kb_summary() const {
    return impl_->kb_summary;
}

core::AccessStore& ApiRuntime::access_store() {
    return *impl_->stores.access;
}

core::PeopleStore& ApiRuntime::people_store() {
    return *impl_->stores.people;
}

core::WorkspaceSettingsStore& ApiRuntime::settings_store() {
    return *impl_->stores.settings;
}

core::JobStore& ApiRuntime::job_store() {
    return *impl_->stores.jobs;
}

const core::Clock& ApiRuntime::clock() const {
    return impl_->clock;
}

core::Result<AdminStores> open_admin_stores(const std::string& location, const core::Clock& clock) {
    if (is_postgres_url(location)) {
        SWARM_TRY_ASSIGN(auto db, storage::PgDatabase::open(location));
        return AdminStores{std::make_unique<storage::PgAccessStore>(db, clock),
                           std::make_unique<storage::PgPeopleStore>(db, clock),
                           std::make_unique<storage::PgAuditLog>(db, clock)};
    }
    SWARM_TRY_ASSIGN(auto path, sqlite_path(location, "--db"));
    SWARM_TRY_ASSIGN(auto db, storage::SqliteDatabase::open(path));
    return AdminStores{std::make_unique<storage::SqliteAccessStore>(db, clock),
                       std::make_unique<storage::SqlitePeopleStore>(db, clock),
                       std::make_unique<storage::SqliteAuditLog>(db, clock)};
}

}  // namespace swarm::app
