// SHA-256 (FIPS 180-4): knowledge-base document hashes and media ids (content hashes).

#pragma once

#include <string>
#include <string_view>

namespace swarm::core {

/// Lower-case hex SHA-256 (FIPS 180-4) of the bytes of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace swarm::core
