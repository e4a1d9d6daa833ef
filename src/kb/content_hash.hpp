// Content hashing for the knowledge base: a document's SHA-256 decides whether re-adding it
// changes anything ("unchanged" when the stored hash matches).
#pragma once

#include <string>
#include <string_view>

namespace swarm::kb {

/// Lower-case hex SHA-256 (FIPS 180-4) of the bytes of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace swarm::kb
