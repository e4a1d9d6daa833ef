// Reading pqxx fields as the stores' column forms (bigint ms times, text, numbers) and a pqxx row
// as the backend-neutral Columns view, so the shared decoders (storage/common) read it.
#pragma once

#include "core/result_value.hpp"
#include "storage/common/row_codec.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

namespace swarm::storage {

inline std::string pg_text(const pqxx::field& field) {
    return field.is_null() ? std::string() : std::string(field.c_str(), field.size());
}

inline std::int64_t pg_int(const pqxx::field& field) {
    return field.is_null() ? 0 : field.as<std::int64_t>();
}

inline double pg_double(const pqxx::field& field) {
    return field.is_null() ? 0.0 : field.as<double>();
}

/// Valid while the row's result lives.
class PgColumns final : public Columns {
public:
    explicit PgColumns(const pqxx::row& row) : row_(row) {}

    bool is_null(int column) const override { return row_[column].is_null(); }

    std::string text(int column) const override { return pg_text(row_[column]); }

    std::int64_t integer(int column) const override { return pg_int(row_[column]); }

    double real(int column) const override { return pg_double(row_[column]); }

    bool flag(int column) const override {
        return !row_[column].is_null() && row_[column].as<bool>();
    }

private:
    const pqxx::row& row_;
};

/// What a neutral decoder yields: T for one returning T or core::Result<T>.
template <class Decode>
using PgDecodedType = core::InvokeResultValue<Decode, const Columns&>;

/// Every row of `rows` through a neutral decoder; the first failure is returned instead.
template <class Decode>
auto decode_rows(const pqxx::result& rows, Decode decode)
    -> core::Result<std::vector<PgDecodedType<Decode>>> {
    using T = PgDecodedType<Decode>;
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        SWARM_TRY_ASSIGN(auto value, core::Result<T>(decode(PgColumns(row))));
        out.push_back(std::move(value));
    }
    return out;
}

/// The first row through a neutral decoder, or nullopt when there is none.
template <class Decode>
auto decode_first(const pqxx::result& rows, Decode decode)
    -> core::Result<std::optional<PgDecodedType<Decode>>> {
    using T = PgDecodedType<Decode>;
    if (rows.empty()) {
        return std::optional<T>();
    }
    SWARM_TRY_ASSIGN(auto value, core::Result<T>(decode(PgColumns(rows[0]))));
    return std::optional<T>(std::move(value));
}

}  // namespace swarm::storage
