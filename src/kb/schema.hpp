// Connection settings and schema migrations for the knowledge base database: WAL, busy timeout
// and foreign keys, then schema.sql and schema_v2.sql applied by PRAGMA user_version.
#pragma once

#include "core/result.hpp"
#include "sqlite/connection.hpp"

#include <chrono>
#include <cstdint>

namespace swarm::kb {

/// The schema version this build writes (PRAGMA user_version).
inline constexpr std::int64_t kSchemaVersion = 2;

/// How long a statement waits for another connection's lock before failing.
inline constexpr std::chrono::milliseconds kBusyTimeout{5000};

/// Sets the connection up (busy timeout, foreign keys, WAL for file databases) and migrates the
/// schema to kSchemaVersion. A database written by a newer build is refused
/// (kFailedPrecondition); SQLite failures are kIo.
core::Result<void> prepare_database(sqlite::Connection& db);

}  // namespace swarm::kb
