#include "contract/storage_backends_pg.hpp"

#include "storage/postgres/pg_access_store.hpp"
#include "storage/postgres/pg_audit_log.hpp"
#include "storage/postgres/pg_brand_profile_store.hpp"
#include "storage/postgres/pg_codec.hpp"
#include "storage/postgres/pg_content_store.hpp"
#include "storage/postgres/pg_event_store.hpp"
#include "storage/postgres/pg_job_store.hpp"
#include "storage/postgres/pg_knowledge_base.hpp"
#include "storage/postgres/pg_people_store.hpp"
#include "storage/postgres/pg_raw_output_store.hpp"
#include "storage/postgres/pg_share_link_store.hpp"
#include "storage/postgres/pg_workspace_settings_store.hpp"

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <unistd.h>

namespace swarm::test {

std::optional<std::string> pg_test_url() {
    const char* url = std::getenv("SWARM_TEST_PG_URL");  // NOLINT(concurrency-mt-unsafe)
    if (url == nullptr || *url == '\0') {
        return std::nullopt;
    }
    return std::string(url);
}

std::string fresh_pg_schema() {
    // pid + counter are unique among running processes; the random part guards against a
    // leftover schema of an earlier run that had the same pid.
    static std::atomic<int> counter{0};
    static const auto salt = std::random_device{}() % 100000U;
    return "swarm_t" + std::to_string(::getpid()) + "_" + std::to_string(salt) + "_" +
           std::to_string(++counter);
}

storage::PgOptions pg_test_options(const std::string& schema, std::size_t pool_size) {
    storage::PgOptions options;
    options.schema = schema;
    options.pool_size = pool_size;
    options.statement_timeout = std::chrono::milliseconds{10000};
    options.acquire_timeout = std::chrono::milliseconds{10000};
    return options;
}

std::string pg_query(const std::string& url, const std::string& sql) {
    try {
        pqxx::connection connection(url);
        pqxx::nontransaction tx(connection);
        const auto rows = tx.exec(sql);
        return rows.empty() || rows[0][0].is_null() ? std::string() : rows[0][0].c_str();
    } catch (const std::exception& error) {
        ADD_FAILURE() << "pg_query(" << sql << "): " << error.what();
        return {};
    }
}

void drop_pg_schema(const std::string& url, const std::string& schema) {
    pg_query(url, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
}

namespace {

/// A fresh schema on the configured server; reopen closes every connection and opens again.
class PgBackend final : public StorageBackend {
public:
    explicit PgBackend(std::string url) : url_(std::move(url)), schema_(fresh_pg_schema()) {
        reopen();
    }

    ~PgBackend() override {
        close();
        drop_pg_schema(url_, schema_);
    }

    PgBackend(const PgBackend&) = delete;
    PgBackend& operator=(const PgBackend&) = delete;

    void reopen() override {
        close();
        auto db = storage::PgDatabase::open(url_, pg_test_options(schema_));
        if (!db) {
            throw std::runtime_error(core::describe(db.error()));
        }
        db_ = *db;
        jobs_ = std::make_unique<storage::PgJobStore>(db_, clock());
        events_ = std::make_unique<storage::PgEventStore>(db_, clock());
        content_ = std::make_unique<storage::PgContentStore>(db_, clock());
        profiles_ = std::make_unique<storage::PgBrandProfileStore>(db_, clock());
        raw_ = std::make_unique<storage::PgRawOutputStore>(db_, clock());
        kb_ = std::make_unique<storage::PgKnowledgeBase>(db_, kTestWorkspace);
        access_ = std::make_unique<storage::PgAccessStore>(db_, clock());
        audit_ = std::make_unique<storage::PgAuditLog>(db_, clock());
        people_ = std::make_unique<storage::PgPeopleStore>(db_, clock());
        settings_ = std::make_unique<storage::PgWorkspaceSettingsStore>(db_, clock());
        share_links_ = std::make_unique<storage::PgShareLinkStore>(db_, clock());
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
        return db_->transact([&](pqxx::work& tx) -> core::Result<void> {
            tx.exec(sql);
            return {};
        });
    }

    core::Result<std::string> query_text(const std::string& sql) override {
        return db_->transact([&](pqxx::work& tx) -> core::Result<std::string> {
            const auto rows = tx.exec(sql);
            return rows.empty() ? std::string() : storage::pg_text(rows[0][0]);
        });
    }

    core::WorkspaceSettingsStore& settings() override { return *settings_; }

    core::ShareLinkStore& share_links() override { return *share_links_; }

private:
    void close() {
        jobs_.reset();
        events_.reset();
        content_.reset();
        profiles_.reset();
        raw_.reset();
        kb_.reset();
        access_.reset();
        audit_.reset();
        people_.reset();
        settings_.reset();
        share_links_.reset();
        db_.reset();
    }

    std::string url_;
    std::string schema_;
    std::shared_ptr<storage::PgDatabase> db_;
    std::unique_ptr<storage::PgJobStore> jobs_;
    std::unique_ptr<storage::PgEventStore> events_;
    std::unique_ptr<storage::PgContentStore> content_;
    std::unique_ptr<storage::PgBrandProfileStore> profiles_;
    std::unique_ptr<storage::PgRawOutputStore> raw_;
    std::unique_ptr<storage::PgKnowledgeBase> kb_;
    std::unique_ptr<storage::PgAccessStore> access_;
    std::unique_ptr<storage::PgAuditLog> audit_;
    std::unique_ptr<storage::PgPeopleStore> people_;
    std::unique_ptr<storage::PgWorkspaceSettingsStore> settings_;
    std::unique_ptr<storage::PgShareLinkStore> share_links_;
};

}  // namespace

BackendFactory postgres_backend_factory() {
    const auto url = pg_test_url();
    return {"postgres",
            [url] { return std::unique_ptr<StorageBackend>(new PgBackend(url.value_or(""))); },
            url ? std::string() : std::string(kPgSkipMessage)};
}

void PgTest::SetUp() {
    const auto url = pg_test_url();
    if (!url) {
        GTEST_SKIP() << kPgSkipMessage;
    }
    url_ = *url;
    schema_ = fresh_pg_schema();
}

void PgTest::TearDown() {
    if (!schema_.empty()) {
        drop_pg_schema(url_, schema_);
    }
}

std::shared_ptr<storage::PgDatabase> PgTest::open_replica(std::size_t pool_size) {
    auto db = storage::PgDatabase::open(url_, pg_test_options(schema_, pool_size));
    EXPECT_TRUE(db) << (db ? "" : core::describe(db.error()));
    return db ? *db : nullptr;
}

}  // namespace swarm::test
