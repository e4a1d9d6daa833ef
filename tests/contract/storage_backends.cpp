#include "contract/storage_backends.hpp"

#ifdef SWARM_CONTRACT_POSTGRES
#include "contract/storage_backends_pg.hpp"
#endif

#include "kb/sqlite_knowledge_base.hpp"
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
#include "support/test_paths.hpp"

#include <stdexcept>

namespace swarm::test {

namespace {

/// A SQLite file in a temporary folder; reopen closes the connection and opens the file again.
class SqliteBackend final : public StorageBackend {
public:
    SqliteBackend() : path_((dir_.path() / "swarm.db").string()) { reopen(); }

    void reopen() override {
        jobs_.reset();
        events_.reset();
        content_.reset();
        profiles_.reset();
        raw_.reset();
        access_.reset();
        audit_.reset();
        people_.reset();
        settings_.reset();
        share_links_.reset();
        kb_.reset();
        db_.reset();
        // The SQLite knowledge base is its own file beside the database (as the server has it).
        auto kb = kb::SqliteKnowledgeBase::open(path_ + ".kb");
        if (!kb) {
            throw std::runtime_error(core::describe(kb.error()));
        }
        kb_ = std::move(*kb);
        auto db = storage::SqliteDatabase::open(path_);
        if (!db) {
            throw std::runtime_error(core::describe(db.error()));
        }
        db_ = *db;
        jobs_ = std::make_unique<storage::SqliteJobStore>(db_, clock());
        events_ = std::make_unique<storage::SqliteEventStore>(db_, clock());
        content_ = std::make_unique<storage::SqliteContentStore>(db_, clock());
        profiles_ = std::make_unique<storage::SqliteBrandProfileStore>(db_, clock());
        raw_ = std::make_unique<storage::SqliteRawOutputStore>(db_, clock());
        access_ = std::make_unique<storage::SqliteAccessStore>(db_, clock());
        audit_ = std::make_unique<storage::SqliteAuditLog>(db_, clock());
        people_ = std::make_unique<storage::SqlitePeopleStore>(db_, clock());
        settings_ = std::make_unique<storage::SqliteWorkspaceSettingsStore>(db_, clock());
        share_links_ = std::make_unique<storage::SqliteShareLinkStore>(db_, clock());
    }

    core::JobStore& jobs() override { return *jobs_; }

    core::EventStore& events() override { return *events_; }

    core::ContentStore& content() override { return *content_; }

    core::BrandProfileStore& profiles() override { return *profiles_; }

    core::RawOutputStore& raw_outputs() override { return *raw_; }

    core::KnowledgeBase& knowledge() override { return *kb_; }

    core::DocumentLibrary& documents() override { return *kb_; }

    core::AccessStore& access() override { return *access_; }

    core::AuditLog& audit() override { return *audit_; }

    core::PeopleStore& people() override { return *people_; }

    core::Result<void> execute_sql(const std::string& sql) override {
        return db_->write([&](sqlite::Connection& db) { return db.exec(sql); });
    }

    core::Result<std::string> query_text(const std::string& sql) override {
        return db_->read([&](sqlite::Connection& db) { return db.query_text(sql); });
    }

    core::WorkspaceSettingsStore& settings() override { return *settings_; }

    core::ShareLinkStore& share_links() override { return *share_links_; }

private:
    TempDir dir_;
    std::string path_;
    std::shared_ptr<storage::SqliteDatabase> db_;
    std::unique_ptr<storage::SqliteJobStore> jobs_;
    std::unique_ptr<storage::SqliteEventStore> events_;
    std::unique_ptr<storage::SqliteContentStore> content_;
    std::unique_ptr<storage::SqliteBrandProfileStore> profiles_;
    std::unique_ptr<storage::SqliteRawOutputStore> raw_;
    std::unique_ptr<storage::SqliteAccessStore> access_;
    std::unique_ptr<storage::SqliteAuditLog> audit_;
    std::unique_ptr<storage::SqlitePeopleStore> people_;
    std::unique_ptr<storage::SqliteWorkspaceSettingsStore> settings_;
    std::unique_ptr<storage::SqliteShareLinkStore> share_links_;
    std::unique_ptr<kb::SqliteKnowledgeBase> kb_;
};

}  // namespace

std::vector<BackendFactory> all_backends() {
#ifdef SWARM_CONTRACT_POSTGRES
    return {postgres_backend_factory()};
#else
    return {
        {"sqlite", [] { return std::unique_ptr<StorageBackend>(new SqliteBackend()); }, {}},
    };
#endif
}

std::string StorageContract::add_job(const std::string& id) {
    core::NewJob job;
    job.id = id;
    job.brief_json = R"({"topic":")" + id + R"("})";
    job.requested_platforms = {core::Platform::kLinkedIn, core::Platform::kTwitter};
    auto created = backend().jobs().create(kTestWorkspace, job);
    EXPECT_TRUE(created.has_value()) << (created ? "" : created.error().message);
    return id;
}

}  // namespace swarm::test
