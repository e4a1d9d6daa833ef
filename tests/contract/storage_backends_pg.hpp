// PostgreSQL for the storage tests: the server URL from SWARM_TEST_PG_URL (scripts/pg-cluster
// prints one), a fresh schema per backend or test, and the contract suite's factory.
#pragma once

#include "contract/storage_backends.hpp"
#include "storage/postgres/pg_database.hpp"

#include <cstddef>
#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace swarm::test {

inline constexpr const char* kPgSkipMessage =
    "SWARM_TEST_PG_URL is not set: PostgreSQL cases skipped (start a server with "
    "scripts/pg-cluster start DIR PORT and export the URL it prints as SWARM_TEST_PG_URL)";

/// SWARM_TEST_PG_URL, or nullopt when unset or empty.
std::optional<std::string> pg_test_url();

/// A schema name no other backend or test process uses.
std::string fresh_pg_schema();

/// Options for a database living in `schema` (created at open, dropped by drop_pg_schema).
storage::PgOptions pg_test_options(const std::string& schema, std::size_t pool_size = 4);

/// Runs one statement on its own connection and returns the first column of the first row
/// ("" when there is none); failures are test failures.
std::string pg_query(const std::string& url, const std::string& sql);

/// DROP SCHEMA ... CASCADE on its own connection.
void drop_pg_schema(const std::string& url, const std::string& schema);

/// The contract suite's "postgres" backend; skipped (with kPgSkipMessage) without a URL.
BackendFactory postgres_backend_factory();

/// A test on a fresh schema of the configured server; skips without SWARM_TEST_PG_URL.
class PgTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    /// Opens one more "replica" of the test schema; fails the test if it cannot.
    std::shared_ptr<storage::PgDatabase> open_replica(std::size_t pool_size = 4);

    const std::string& url() const { return url_; }

    const std::string& schema() const { return schema_; }

private:
    std::string url_;
    std::string schema_;
};

}  // namespace swarm::test
