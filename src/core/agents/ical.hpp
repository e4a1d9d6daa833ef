// RFC 5545 building blocks behind to_icalendar (declared in scheduler.hpp): TEXT escaping and
// line folding at 75 octets, exposed so tests and other exporters can use them directly.
#pragma once

#include <string>
#include <string_view>

namespace swarm::core {

/// TEXT value escaping: backslash, semicolon and comma get a backslash, every line break (CRLF,
/// LF or CR) becomes "\n", other control characters except tab are dropped and invalid UTF-8
/// becomes U+FFFD.
std::string ical_escape_text(std::string_view text);

/// One content line, folded so no physical line exceeds 75 octets (continuations start with a
/// space) and no UTF-8 sequence is split; every physical line ends in CRLF.
std::string ical_fold_line(std::string_view line);

}  // namespace swarm::core
