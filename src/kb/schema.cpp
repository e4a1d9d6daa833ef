#include "kb/schema.hpp"

#include "kb/schema_sql.hpp"

#include <string>

namespace swarm::kb {

namespace {

static_assert(static_cast<std::int64_t>(kSchemaMigrations.size()) == kSchemaVersion,
              "one migration script per schema version");

core::Result<void> configure(sqlite::Connection& db) {
    const std::string settings = "PRAGMA busy_timeout = " + std::to_string(kBusyTimeout.count()) +
                                 "; PRAGMA foreign_keys = ON;";
    SWARM_TRY(db.exec(settings));
    if (db.in_memory()) {
        return {};
    }
    // WAL lets searches run while another connection writes. A file system without shared
    // memory support keeps the default journal, which is still correct, only less concurrent.
    SWARM_TRY(db.query_text("PRAGMA journal_mode = WAL"));
    return db.exec("PRAGMA synchronous = NORMAL");
}

core::Result<void> migrate(sqlite::Connection& db) {
    SWARM_TRY_ASSIGN(const auto version, db.query_int("PRAGMA user_version"));
    if (version > kSchemaVersion) {
        return core::fail(core::ErrorCode::kFailedPrecondition,
                          "knowledge base " + db.location() + " has schema version " +
                              std::to_string(version) + "; this build supports up to " +
                              std::to_string(kSchemaVersion));
    }
    for (std::int64_t v = version; v < kSchemaVersion; ++v) {
        SWARM_TRY_ASSIGN(auto txn, sqlite::Transaction::begin(db));
        const auto script = kSchemaMigrations.at(static_cast<std::size_t>(v));
        SWARM_TRY(db.exec(std::string(script)));
        SWARM_TRY(db.exec("PRAGMA user_version = " + std::to_string(v + 1)));
        SWARM_TRY(txn.commit());
    }
    return {};
}

}  // namespace

core::Result<void> prepare_database(sqlite::Connection& db) {
    SWARM_TRY(configure(db));
    return migrate(db);
}

}  // namespace swarm::kb
