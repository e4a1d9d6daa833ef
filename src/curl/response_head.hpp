// The status and headers of one HTTP response, and the one parser of libcurl's header lines
// (status line, case-insensitive names, folded and repeated headers, CRLF) every client uses.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace swarm::curl {

struct ResponseHead {
    long status = 0;                                           // 0 until a status line arrived
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order

    /// First value of a header, if present; `name` is matched case-insensitively.
    std::optional<std::string> header(std::string_view name) const;
};

/// Fed the header lines of a transfer one at a time, as libcurl's CURLOPT_HEADERFUNCTION hands
/// them over (each with its CRLF or LF). A status line starts a new block (after 100 Continue or
/// a redirect), so the head holds the last response only. A line starting with a space or tab
/// continues the previous header's value (obsolete folding); repeated headers stay separate
/// entries; lines without a colon and the blank line ending the block are ignored.
class HeaderParser {
public:
    void feed(std::string_view line);

    const ResponseHead& head() const { return head_; }

private:
    ResponseHead head_;
};

}  // namespace swarm::curl
