// What a knowledge-base document must be, whatever stores it: strict UTF-8 text that is not
// empty or binary, under a size limit, with a safe relative name. Pure.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace swarm::core::knowledge {

/// Larger files are skipped ("too large"): a knowledge base holds prose, not data dumps.
inline constexpr std::uintmax_t kMaxDocumentBytes = std::uintmax_t{16} * 1024 * 1024;

inline constexpr std::size_t kMaxDocumentNameChars = 200;

/// Strict UTF-8 (RFC 3629): no overlong forms, surrogates or code points above U+10FFFF.
bool is_valid_utf8(std::string_view bytes);

/// Why `content` cannot be ingested ("empty", "binary file", "not valid UTF-8 text"), or "".
std::string text_problem(std::string_view content);

/// kInvalidArgument (field "name") unless the name is 1..200 characters of UTF-8 without control
/// characters, does not start with '/' and does not contain "..".
core::Result<void> check_document_name(std::string_view name);

}  // namespace swarm::core::knowledge
