// The media contract's "postgres" backend: a fresh schema of the server SWARM_TEST_PG_URL names
// (scripts/pg-cluster start DIR PORT prints one); skipped without it.
#include "contract/media_backends.hpp"
#include "storage/media/pg_media_store.hpp"
#include "storage/postgres/pg_database.hpp"
#include "support/fakes.hpp"

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <unistd.h>

#include <pqxx/pqxx>

namespace swarm::test {
namespace {

std::string pg_url() {
    const char* url = std::getenv("SWARM_TEST_PG_URL");  // NOLINT(concurrency-mt-unsafe)
    return url == nullptr ? std::string() : std::string(url);
}

std::string fresh_schema() {
    static std::atomic<int> counter{0};
    static const auto salt = std::random_device{}() % 100000U;
    return "swarm_m" + std::to_string(::getpid()) + "_" + std::to_string(salt) + "_" +
           std::to_string(++counter);
}

void run_sql(const std::string& sql) {
    pqxx::connection connection(pg_url());
    pqxx::nontransaction tx(connection);
    tx.exec(sql);
}

class PgBackend final : public MediaBackend {
public:
    PgBackend() : schema_(fresh_schema()), db_(open_db()), store_(db_, clock_) {}

    ~PgBackend() override {
        db_.reset();
        try {
            run_sql("DROP SCHEMA IF EXISTS \"" + schema_ + "\" CASCADE");
        } catch (const std::exception& e) {
            ADD_FAILURE() << "drop schema: " << e.what();
        }
    }

    PgBackend(const PgBackend&) = delete;
    PgBackend& operator=(const PgBackend&) = delete;

    core::MediaStore& store() override { return store_; }

    std::unique_ptr<core::MediaStore> open_again() override {
        return std::make_unique<storage::PgMediaStore>(open_db(), clock_);
    }

    std::size_t object_count() override {
        auto n = db_->transact([](pqxx::work& tx) -> core::Result<std::int64_t> {
            return tx.exec1("SELECT COUNT(*) FROM media")[0].as<std::int64_t>();
        });
        return n ? static_cast<std::size_t>(*n) : 0;
    }

private:
    std::shared_ptr<storage::PgDatabase> open_db() const {
        storage::PgOptions options;
        options.schema = schema_;
        options.pool_size = 8;
        options.statement_timeout = std::chrono::milliseconds{10000};
        auto db = storage::PgDatabase::open(pg_url(), options);
        if (!db) {
            throw std::runtime_error(core::describe(db.error()));
        }
        return *db;
    }

    FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    std::string schema_;
    std::shared_ptr<storage::PgDatabase> db_;
    storage::PgMediaStore store_;
};

}  // namespace

MediaBackendFactory postgres_media_factory() {
    return {"postgres", [] { return std::make_unique<PgBackend>(); },
            [] {
                return pg_url().empty()
                           ? std::string(
                                 "SWARM_TEST_PG_URL is not set: PostgreSQL media cases "
                                 "skipped (scripts/pg-cluster start DIR PORT prints one)")
                           : std::string();
            }};
}

}  // namespace swarm::test
