// Upgrade: content items written before content_items.scheduled_at existed get it from their JSON
// when the migration runs, exactly as the codec reads a schedule (codec::parse_rfc3339 is the
// oracle): a database built from the migration files before that one, filled the old way with
// generated schedule texts, then opened by the current code. SQLite in storage_contract_tests,
// PostgreSQL in storage_contract_pg_tests.
#include "codec/time_text.hpp"
#include "contract/storage_backends.hpp"
#include "support/test_paths.hpp"

#ifdef SWARM_CONTRACT_POSTGRES
#include "contract/storage_backends_pg.hpp"
#include "storage/postgres/pg_content_store.hpp"
#else
#include "sqlite/connection.hpp"
#include "storage/sqlite/sqlite_content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#endif

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using std::chrono::sys_seconds;

struct OldRow {
    std::string id;
    std::string item_json;
    std::optional<sys_seconds> expected;
};

/// The old schema: every migration file of `backend` before the one that adds scheduled_at.
std::vector<std::string> migrations_before_schedule(const std::string& backend) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "src" / "storage" /
                                                                 "migrations" / backend)) {
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> sql;
    for (const auto& file : files) {
        if (file.filename().string().find("content_schedule") != std::string::npos) {
            return sql;
        }
        sql.push_back(read_file(file));
    }
    ADD_FAILURE() << "no content_schedule migration for " << backend;
    return sql;
}

/// Schedules as old items hold them: valid and invalid RFC 3339 texts (days that do not exist,
/// 24:00, leap seconds, fractions, every offset form, lower-case t and z) in "suggested_at",
/// "at" or both, plus JSON without a usable schedule. Expected: what the codec decodes.
std::vector<OldRow> old_rows() {
    const std::vector<std::string> days{"2026-03-10", "2026-12-31", "2028-02-29", "2026-02-29",
                                        "2026-02-30", "1969-12-31", "2026-13-01"};
    const std::vector<std::string> times{"00:00:00", "09:30:00", "23:59:59",
                                         "23:59:60", "24:00:00", "12:60:00"};
    const std::vector<std::string> fractions{"", ".5", ".999999", "."};
    const std::vector<std::string> zones{"Z",      "z",      "+00:00", "-05:00", "+05:30",
                                         "-00:30", "+14:00", "+23:59", "+24:00", "-05"};
    std::vector<OldRow> rows;
    std::size_t n = 0;
    for (const auto& day : days) {
        for (const auto& time : times) {
            for (const auto& fraction : fractions) {
                for (const auto& zone : zones) {
                    const auto text = day + (n % 5 == 0 ? "t" : "T") + time + fraction + zone;
                    nlohmann::json schedule = {{"timezone", "UTC"}, {"reason", "old"}};
                    switch (n % 3) {
                        case 0:
                            schedule["suggested_at"] = text;
                            break;
                        case 1:
                            schedule["at"] = text;
                            break;
                        default:  // both: "at" wins
                            schedule["at"] = text;
                            schedule["suggested_at"] = "2020-01-01T00:00:00Z";
                    }
                    const auto parsed = codec::parse_rfc3339(text);
                    rows.push_back({fmt::format("old-{:05}", n),
                                    nlohmann::json{{"body", "b"}, {"schedule", schedule}}.dump(),
                                    parsed ? std::optional<sys_seconds>(*parsed) : std::nullopt});
                    ++n;
                }
            }
        }
    }
    const std::vector<std::pair<std::string, std::optional<sys_seconds>>> fixed{
        {R"({"body":"no schedule"})", std::nullopt},
        {R"({"schedule":null})", std::nullopt},
        {R"({"schedule":"2026-03-10T09:30:00Z"})", std::nullopt},
        {R"({"schedule":{"at":5}})", std::nullopt},
        {R"({"schedule":{"at":"","suggested_at":""}})", std::nullopt},
        {R"({"schedule": not json)", std::nullopt},
        {R"({"schedule":{"at":"","suggested_at":"2026-03-10T09:30:00+05:30"}})",
         sys_seconds{std::chrono::sys_days{std::chrono::year{2026} / 3 / 10} +
                     std::chrono::hours{4}}},
    };
    for (const auto& [json, expected] : fixed) {
        rows.push_back({fmt::format("old-{:05}", n++), json, expected});
    }
    return rows;
}

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        out += c == '\'' ? std::string("''") : std::string(1, c);
    }
    return out + "'";
}

/// The old rows as INSERTs into kTestWorkspace: one job per item (one item per job and platform).
std::string insert_old_rows(const std::vector<OldRow>& rows) {
    std::string sql;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        sql += fmt::format(
            "INSERT INTO jobs (id, status, brief_json, requested_platforms, created_at, "
            "updated_at, workspace_id) VALUES ('old-job-{0}', 'succeeded', '{{}}', 'linkedin', "
            "1, 1, {1});"
            "INSERT INTO content_items (id, job_id, platform, status, item_json, score, version, "
            "created_at, updated_at, workspace_id) VALUES ({2}, 'old-job-{0}', 'linkedin', "
            "'draft', {3}, 0.5, 1, 1000, 1000, {1});",
            i, quoted(kTestWorkspace.str()), quoted(rows[i].id), quoted(rows[i].item_json));
    }
    return sql;
}

/// Every old row reads back with the instant the codec gives its JSON, and the calendar's range
/// read finds the scheduled ones in order.
void expect_backfilled(core::ContentStore& content, const std::vector<OldRow>& rows) {
    std::size_t scheduled = 0;
    for (const auto& row : rows) {
        auto got = content.get(kTestWorkspace, row.id);
        ASSERT_TRUE(got) << row.id << ": " << got.error().message;
        EXPECT_EQ(got->scheduled_at, row.expected) << row.item_json;
        scheduled += row.expected ? 1U : 0U;
    }
    ASSERT_GT(scheduled, 100U);
    ASSERT_LT(scheduled, rows.size() - 100);
    const sys_seconds from{std::chrono::sys_days{std::chrono::year{1969} / 1 / 1}};
    const sys_seconds to{std::chrono::sys_days{std::chrono::year{2030} / 1 / 1}};
    std::vector<std::pair<sys_seconds, std::string>> expected;
    for (const auto& row : rows) {
        if (row.expected) {
            expected.emplace_back(*row.expected, row.id);
        }
    }
    std::sort(expected.begin(), expected.end());
    expected.resize(std::min(expected.size(), static_cast<std::size_t>(core::kMaxScheduledItems)));
    auto listed = content.scheduled_between(kTestWorkspace, from, to, core::kMaxScheduledItems);
    ASSERT_TRUE(listed) << listed.error().message;
    std::vector<std::pair<sys_seconds, std::string>> got;
    for (const auto& item : *listed) {
        got.emplace_back(item.scheduled_at.value_or(sys_seconds{}), item.id);
    }
    EXPECT_EQ(got, expected);
}

#ifndef SWARM_CONTRACT_POSTGRES

TEST(ScheduleBackfill, SqliteRowsWrittenBeforeTheColumnGetTheirInstant) {
    TempDir dir;
    const auto path = (dir.path() / "old.db").string();
    const auto rows = old_rows();
    {
        auto db = sqlite::Connection::open(path);
        ASSERT_TRUE(db) << db.error().message;
        ASSERT_TRUE(
            (*db)->exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                        "applied_at INTEGER NOT NULL)"));
        const auto old = migrations_before_schedule("sqlite");
        for (std::size_t v = 0; v < old.size(); ++v) {
            ASSERT_TRUE((*db)->exec(old[v])) << "migration " << v + 1;
            ASSERT_TRUE((*db)->exec(
                fmt::format("INSERT INTO schema_migrations VALUES ({}, 1700000000000)", v + 1)));
        }
        auto inserted = (*db)->exec("BEGIN;" + insert_old_rows(rows) + "COMMIT;");
        ASSERT_TRUE(inserted) << inserted.error().message;
    }
    auto db = storage::SqliteDatabase::open(path);
    ASSERT_TRUE(db) << db.error().message;
    FakeClock clock{kContractEpoch};
    storage::SqliteContentStore content(*db, clock);
    expect_backfilled(content, rows);
}

#else

class ScheduleBackfillPg : public PgTest {};

TEST_F(ScheduleBackfillPg, PostgresRowsWrittenBeforeTheColumnGetTheirInstant) {
    const auto rows = old_rows();
    std::string sql = "CREATE SCHEMA \"" + schema() + "\"; SET search_path TO \"" + schema() +
                      "\"; CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, "
                      "applied_at BIGINT NOT NULL);";
    const auto old = migrations_before_schedule("postgres");
    for (std::size_t v = 0; v < old.size(); ++v) {
        sql += old[v] + fmt::format(";INSERT INTO schema_migrations VALUES ({}, 1);", v + 1);
    }
    sql += insert_old_rows(rows);
    try {
        pqxx::connection connection(url());
        pqxx::work tx(connection);
        tx.exec(sql);
        tx.commit();
    } catch (const std::exception& error) {
        FAIL() << "writing the old schema: " << error.what();
    }
    auto db = open_replica();
    ASSERT_TRUE(db);
    FakeClock clock{kContractEpoch};
    storage::PgContentStore content(db, clock);
    expect_backfilled(content, rows);
}

#endif

}  // namespace
}  // namespace swarm::test
