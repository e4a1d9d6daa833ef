// The SQLite row helpers: execute, query_one and query_all bind every supported type, map no row,
// one row and many rows, translate SQLite failures to core::Error and forward a mapper's error.
#include "sqlite/connection.hpp"

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::sqlite {
namespace {

class ConnectionHelpersTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = Connection::open(":memory:");
        ASSERT_TRUE(opened) << opened.error().message;
        db_ = std::move(*opened);
        ASSERT_TRUE(db_->exec(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB, "
            "note TEXT)"));
    }

    Connection& db() { return *db_; }

    /// Rows with ids 1..count (names n1, n2 ...); false at the first failed insert.
    bool insert_rows(int count) {
        for (int id = 1; id <= count; ++id) {
            if (!db().execute("INSERT INTO t (id, name) VALUES (?1, ?2)", id,
                              "n" + std::to_string(id))) {
                return false;
            }
        }
        return true;
    }

private:
    std::unique_ptr<Connection> db_;
};

std::string name_of(const Statement& row) {
    return row.column_text(0);
}

TEST_F(ConnectionHelpersTest, ExecuteBindsEveryTypeAndQueryOneReadsItBack) {
    const std::string name = "alpha";
    const std::string_view bytes("a\0b", 3);
    ASSERT_TRUE(db().execute("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)",
                             std::numeric_limits<std::int64_t>::max(), name, 2.5, Blob{bytes},
                             std::nullopt));
    ASSERT_TRUE(db().execute("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)", 7, "beta",
                             std::optional<double>(), std::optional<std::string>("x"),
                             std::optional<std::string>()));
    ASSERT_TRUE(db().execute("INSERT INTO t (id, name) VALUES (?1, ?2)", std::size_t{8},
                             std::string_view("gamma")));
    ASSERT_TRUE(db().execute("INSERT INTO t (id, name) VALUES (?1, ?2)", true, "delta"));

    struct Row {
        std::int64_t id;
        std::string name;
        double score;
        std::string data;
        bool data_is_blob;
        bool note_is_null;
    };

    auto row = db().query_one(
        "SELECT id, name, score, data, typeof(data) = 'blob', note IS NULL FROM t WHERE name = ?1",
        [](const Statement& r) {
            return Row{r.column_int(0),  r.column_text(1),     r.column_double(2),
                       r.column_text(3), r.column_int(4) != 0, r.column_int(5) != 0};
        },
        "alpha");
    ASSERT_TRUE(row) << row.error().message;
    ASSERT_TRUE(*row);
    EXPECT_EQ((*row)->id, std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ((*row)->name, "alpha");
    EXPECT_DOUBLE_EQ((*row)->score, 2.5);
    EXPECT_EQ((*row)->data, std::string(bytes));
    EXPECT_TRUE((*row)->data_is_blob);
    EXPECT_TRUE((*row)->note_is_null);

    auto beta = db().query_one(
        "SELECT score IS NULL, data, typeof(data), note IS NULL FROM t WHERE id = ?1",
        [](const Statement& r) {
            return std::to_string(r.column_int(0)) + r.column_text(1) + r.column_text(2) +
                   std::to_string(r.column_int(3));
        },
        std::int64_t{7});
    ASSERT_TRUE(beta);
    EXPECT_EQ(**beta, "1xtext1");
    EXPECT_EQ(*db().query_one("SELECT id FROM t WHERE name = 'gamma'",
                              [](const Statement& r) { return r.column_int(0); }),
              std::optional<std::int64_t>(8));
    EXPECT_EQ(*db().query_one("SELECT id FROM t WHERE name = 'delta'",
                              [](const Statement& r) { return r.column_int(0); }),
              std::optional<std::int64_t>(1));
}

TEST_F(ConnectionHelpersTest, QueryOneWithoutARowIsNullopt) {
    auto none = db().query_one("SELECT name FROM t WHERE id = ?1", name_of, 42);
    ASSERT_TRUE(none);
    EXPECT_EQ(*none, std::nullopt);
}

TEST_F(ConnectionHelpersTest, QueryAllReadsNoneOneAndManyRowsInOrder) {
    auto empty = db().query_all("SELECT name FROM t ORDER BY id", name_of);
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());

    ASSERT_TRUE(db().execute("INSERT INTO t (id, name) VALUES (1, 'one')"));
    auto one = db().query_all("SELECT name FROM t ORDER BY id", name_of);
    ASSERT_TRUE(one);
    EXPECT_EQ(*one, std::vector<std::string>{"one"});

    ASSERT_TRUE(db().execute("INSERT INTO t (id, name) VALUES (3, 'three'), (2, 'two')"));
    auto many = db().query_all("SELECT name FROM t WHERE id >= ?1 ORDER BY id", name_of, 1);
    ASSERT_TRUE(many);
    EXPECT_EQ(*many, (std::vector<std::string>{"one", "two", "three"}));
}

TEST_F(ConnectionHelpersTest, AConstraintViolationBecomesAnError) {
    ASSERT_TRUE(db().execute("INSERT INTO t (id, name) VALUES (?1, ?2)", 1, "same"));
    auto again = db().execute("INSERT INTO t (id, name) VALUES (?1, ?2)", 2, "same");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, core::ErrorCode::kAlreadyExists);
    EXPECT_NE(again.error().message.find("UNIQUE"), std::string::npos) << again.error().message;

    auto returning = db().query_one("INSERT INTO t (id, name) VALUES (1, 'other') RETURNING id",
                                    [](const Statement& r) { return r.column_int(0); });
    ASSERT_FALSE(returning);
    EXPECT_EQ(returning.error().code, core::ErrorCode::kAlreadyExists);
}

TEST_F(ConnectionHelpersTest, BadSqlAndBadBindingsAreErrors) {
    auto bad = db().query_all("SELEC name FROM t", name_of);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, core::ErrorCode::kIo);
    // Binding more arguments than the statement has parameters fails at bind.
    auto extra = db().execute("INSERT INTO t (id) VALUES (?1)", 1, 2);
    ASSERT_FALSE(extra);
    EXPECT_NE(extra.error().message.find("bind"), std::string::npos) << extra.error().message;
}

TEST_F(ConnectionHelpersTest, AMappersErrorIsForwardedAndStopsTheRows) {
    ASSERT_TRUE(db().execute("INSERT INTO t (id, name) VALUES (1, 'ok'), (2, 'bad'), (3, 'fine')"));
    int calls = 0;
    auto rows = db().query_all("SELECT name FROM t ORDER BY id",
                               [&](const Statement& r) -> core::Result<std::string> {
                                   ++calls;
                                   if (r.column_text(0) == "bad") {
                                       return core::fail(core::ErrorCode::kInternal, "bad row");
                                   }
                                   return r.column_text(0);
                               });
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().message, "bad row");
    EXPECT_EQ(calls, 2);

    auto first = db().query_one("SELECT name FROM t WHERE id = 2",
                                [](const Statement&) -> core::Result<int> {
                                    return core::fail(core::ErrorCode::kInternal, "no");
                                });
    ASSERT_FALSE(first);
    EXPECT_EQ(first.error().code, core::ErrorCode::kInternal);
}

TEST_F(ConnectionHelpersTest, AStatementExecutesAgainWithNewArguments) {
    auto insert = db().prepare("INSERT INTO t (id, name) VALUES (?1, ?2)");
    ASSERT_TRUE(insert);
    for (int i = 1; i <= 3; ++i) {
        ASSERT_TRUE(insert->execute(i, "n" + std::to_string(i)));
    }
    auto taken = insert->execute(1, "n9");
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, core::ErrorCode::kAlreadyExists);
    EXPECT_EQ(*db().query_int("SELECT count(*) FROM t"), 3);
    EXPECT_EQ(*db().query_text("SELECT group_concat(name, ',') FROM t"), "n1,n2,n3");
}

TEST_F(ConnectionHelpersTest, QueryIntAndTextWithoutARowAreZeroAndEmpty) {
    EXPECT_EQ(*db().query_int("SELECT id FROM t"), 0);
    EXPECT_EQ(*db().query_text("SELECT name FROM t"), "");
}

// ---- the prepared-statement cache ---------------------------------------------------------------

TEST_F(ConnectionHelpersTest, AStatementReturnsToTheCacheAndIsReusedWithFreshBindings) {
    ASSERT_TRUE(db().execute("INSERT INTO t (id, name) VALUES (?1, ?2)", 1, "one"));
    const auto before = db().cached_statements();
    const std::string_view insert = "INSERT INTO t (id, name, note) VALUES (?1, ?2, ?3)";
    ASSERT_TRUE(db().execute(insert, 2, "two", "a note"));
    EXPECT_EQ(db().cached_statements(), before + 1);
    // Reused: the third binding of the last run must not leak into a run that binds two.
    {
        auto stmt = db().prepare(insert);
        ASSERT_TRUE(stmt);
        EXPECT_EQ(db().cached_statements(), before);  // checked out while in use
        ASSERT_TRUE(stmt->bind_all(3, "three"));
        ASSERT_TRUE(stmt->run());
    }
    EXPECT_EQ(db().cached_statements(), before + 1);
    auto note = db().query_one(
        "SELECT note FROM t WHERE id = ?1",
        [](const Statement& row) { return row.column_is_null(0); }, 3);
    ASSERT_TRUE(note && *note);
    EXPECT_TRUE(**note) << "a binding of an earlier run leaked into the reused statement";
}

TEST_F(ConnectionHelpersTest, TheSameTextInUseTwiceAtOnceGetsTwoStatements) {
    ASSERT_TRUE(insert_rows(3));
    const std::string_view sql = "SELECT id FROM t WHERE id >= ?1 ORDER BY id";
    auto outer = db().prepare(sql);
    ASSERT_TRUE(outer);
    ASSERT_TRUE(outer->bind(1, 1));
    std::vector<std::int64_t> pairs;
    while (*outer->step()) {
        // A nested query with the same text while the outer one is mid-scan.
        auto inner = db().query_all(
            sql, [](const Statement& row) { return row.column_int(0); }, outer->column_int(0));
        ASSERT_TRUE(inner);
        pairs.push_back(static_cast<std::int64_t>(inner->size()));
    }
    EXPECT_EQ(pairs, (std::vector<std::int64_t>{3, 2, 1}));
}

TEST_F(ConnectionHelpersTest, AReadLeftMidScanDoesNotKeepItsPlaceWhenReused) {
    ASSERT_TRUE(insert_rows(3));
    const std::string_view sql = "SELECT id FROM t ORDER BY id";
    {
        auto stmt = db().prepare(sql);
        ASSERT_TRUE(stmt);
        ASSERT_TRUE(*stmt->step());
        ASSERT_TRUE(*stmt->step());  // abandoned at the second row
    }
    auto again = db().query_one(sql, [](const Statement& row) { return row.column_int(0); });
    ASSERT_TRUE(again && *again);
    EXPECT_EQ(**again, 1);
}

TEST_F(ConnectionHelpersTest, TheCacheIsBoundedWhateverTextsArePrepared) {
    for (std::size_t i = 0; i < Connection::kStatementCacheSize * 3; ++i) {
        auto value = db().query_int("SELECT " + std::to_string(i));
        ASSERT_TRUE(value);
        ASSERT_EQ(*value, static_cast<std::int64_t>(i));
    }
    EXPECT_EQ(db().cached_statements(), Connection::kStatementCacheSize);
}

TEST_F(ConnectionHelpersTest, ACachedStatementFollowsASchemaChange) {
    ASSERT_TRUE(db().execute("INSERT INTO t (id, name) VALUES (?1, ?2)", 1, "one"));
    const std::string_view sql = "SELECT * FROM t WHERE id = ?1";
    auto columns = [&] {
        auto stmt = db().prepare(sql);
        EXPECT_TRUE(stmt);
        EXPECT_TRUE(stmt->bind(1, 1));
        EXPECT_TRUE(*stmt->step());
        return stmt->column_text(5);
    };
    EXPECT_EQ(columns(), "");
    ASSERT_TRUE(db().exec("ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'added'"));
    EXPECT_EQ(columns(), "added");
}

TEST(ConnectionCacheTest, AReturningWriteIsCommittedWhenQueryOneReturns) {
    const auto path = (std::filesystem::temp_directory_path() /
                       ("swarm-returning-" + std::to_string(::getpid()) + ".db"))
                          .string();
    std::filesystem::remove(path);
    auto writer = Connection::open(path);
    ASSERT_TRUE(writer);
    ASSERT_TRUE((*writer)->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"));
    auto id = (*writer)->query_one(
        "INSERT INTO t (id, name) VALUES (?1, ?2) RETURNING id",
        [](const Statement& row) { return row.column_int(0); }, 41, "returned");
    ASSERT_TRUE(id && *id);
    EXPECT_EQ(**id, 41);
    // Another connection sees the row: the parked statement did not hold the write open.
    auto reader = Connection::open(path);
    ASSERT_TRUE(reader);
    auto count = (*reader)->query_int("SELECT COUNT(*) FROM t WHERE id = 41");
    ASSERT_TRUE(count) << count.error().message;
    EXPECT_EQ(*count, 1);
    reader->reset();
    writer->reset();
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace swarm::sqlite
