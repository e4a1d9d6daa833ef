// SQLite rows as the backend-neutral decoders (storage/common) read them: a Columns view over a
// sqlite::Statement's current row, and the row mapper Connection::query_one/query_all take.
#pragma once

#include "sqlite/connection.hpp"
#include "storage/common/row_codec.hpp"

#include <cstdint>
#include <string>

namespace swarm::storage {

/// Valid while the statement stays on the row.
class SqliteColumns final : public Columns {
public:
    explicit SqliteColumns(const sqlite::Statement& row) : row_(row) {}

    bool is_null(int column) const override { return row_.column_is_null(column); }

    std::string text(int column) const override { return row_.column_text(column); }

    std::int64_t integer(int column) const override { return row_.column_int(column); }

    double real(int column) const override { return row_.column_double(column); }

    bool flag(int column) const override { return row_.column_int(column) != 0; }

private:
    const sqlite::Statement& row_;
};

/// A row mapper from a neutral decoder: `db.query_all(sql, decoded(decode_item), job_id)`.
template <class Decode>
auto decoded(Decode decode) {
    return [decode](const sqlite::Statement& row) {
        return decode(SqliteColumns(row));
    };
}

}  // namespace swarm::storage
