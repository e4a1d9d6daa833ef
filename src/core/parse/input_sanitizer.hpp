// Makes any byte string safe to parse: valid UTF-8 (bad bytes become U+FFFD), no NUL or other
// control bytes, '\n' line ends, NFC, and no <thinking> blocks.
#pragma once

#include <string>
#include <string_view>

namespace swarm::core::parse {

struct Sanitized {
    std::string text;
    bool invalid_utf8 = false;      // some bytes were replaced by U+FFFD
    bool control_bytes = false;     // NUL or other control bytes were removed
    bool reasoning_blocks = false;  // <thinking>...</thinking> and the like were removed
};

Sanitized sanitize(std::string_view input);

/// Text that JSON escapes produced after sanitize() ran ("\r", "\u0000" in a model's JSON):
/// '\n' line ends and no control bytes other than tab and newline, as sanitize() leaves text.
std::string clean_decoded_text(std::string_view text);

/// Removes closed <thinking>, <reasoning>, <scratchpad>, <analysis>, <reflection> blocks; an
/// unclosed opening tag only loses the tag itself.
std::string remove_reasoning_blocks(std::string_view text, bool& removed);

}  // namespace swarm::core::parse
