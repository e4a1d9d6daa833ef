// Reading pqxx fields as the stores' column forms (bigint ms times, text, nullable platforms);
// the backend-neutral conversions (platform lists, statuses, cursors) come from row_codec.
#pragma once

#include "storage/sqlite/row_codec.hpp"

#include <cstdint>
#include <optional>
#include <string>

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

inline std::optional<core::Timestamp> pg_time(const pqxx::field& field) {
    if (field.is_null()) {
        return std::nullopt;
    }
    return from_millis(field.as<std::int64_t>());
}

/// NULL → nullopt; an unknown name is an error (never dropped silently).
inline core::Result<std::optional<core::Platform>> pg_platform(const pqxx::field& field) {
    if (field.is_null()) {
        return std::optional<core::Platform>();
    }
    auto platform = decode_platform(pg_text(field));
    if (!platform) {
        return tl::unexpected(std::move(platform.error()));
    }
    return std::optional<core::Platform>(*platform);
}

}  // namespace swarm::storage
