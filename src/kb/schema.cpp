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
    if (auto ok = db.exec(settings); !ok) {
        return ok;
    }
    if (db.in_memory()) {
        return {};
    }
    // WAL lets searches run while another connection writes. A file system without shared
    // memory support keeps the default journal, which is still correct, only less concurrent.
    auto mode = db.query_text("PRAGMA journal_mode = WAL");
    if (!mode) {
        return tl::unexpected(std::move(mode.error()));
    }
    return db.exec("PRAGMA synchronous = NORMAL");
}

core::Result<void> migrate(sqlite::Connection& db) {
    auto version = db.query_int("PRAGMA user_version");
    if (!version) {
        return tl::unexpected(std::move(version.error()));
    }
    if (*version > kSchemaVersion) {
        return core::fail(core::ErrorCode::kFailedPrecondition,
                          "knowledge base " + db.location() + " has schema version " +
                              std::to_string(*version) + "; this build supports up to " +
                              std::to_string(kSchemaVersion));
    }
    for (std::int64_t v = *version; v < kSchemaVersion; ++v) {
        auto txn = sqlite::Transaction::begin(db);
        if (!txn) {
            return tl::unexpected(std::move(txn.error()));
        }
        const auto script = kSchemaMigrations.at(static_cast<std::size_t>(v));
        if (auto ok = db.exec(std::string(script)); !ok) {
            return ok;
        }
        if (auto ok = db.exec("PRAGMA user_version = " + std::to_string(v + 1)); !ok) {
            return ok;
        }
        if (auto ok = txn->commit(); !ok) {
            return ok;
        }
    }
    return {};
}

}  // namespace

core::Result<void> prepare_database(sqlite::Connection& db) {
    if (auto ok = configure(db); !ok) {
        return ok;
    }
    return migrate(db);
}

}  // namespace swarm::kb
