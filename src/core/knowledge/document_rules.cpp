#include "core/knowledge/document_rules.hpp"

namespace swarm::core::knowledge {

namespace {

/// Position of the first invalid sequence, or bytes.size() when all of it is valid UTF-8.
std::size_t utf8_error_at(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto b0 = static_cast<unsigned char>(bytes[i]);
        std::size_t len = 0;
        unsigned char lo = 0x80;  // allowed range of the second byte
        unsigned char hi = 0xBF;
        if (b0 < 0x80) {
            len = 1;
        } else if (b0 >= 0xC2 && b0 <= 0xDF) {
            len = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            len = 3;
            lo = b0 == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
            hi = b0 == 0xED ? 0x9F : 0xBF;  // no surrogates
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            len = 4;
            lo = b0 == 0xF0 ? 0x90 : 0x80;  // no overlong forms
            hi = b0 == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
        } else {
            return i;
        }
        if (i + len > bytes.size()) {
            return i;
        }
        for (std::size_t k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(bytes[i + k]);
            const bool ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
            if (!ok) {
                return i;
            }
        }
        i += len;
    }
    return i;
}

core::Result<void> bad_name(std::string message) {
    return core::fail(core::ErrorCode::kInvalidArgument, std::move(message), "name");
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
    return utf8_error_at(bytes) == bytes.size();
}

std::string text_problem(std::string_view content) {
    if (content.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return "empty";
    }
    if (content.find('\0') != std::string_view::npos) {
        return "binary file";
    }
    if (const std::size_t at = utf8_error_at(content); at != content.size()) {
        return "not valid UTF-8 text (byte " + std::to_string(at) + ")";
    }
    return {};
}

core::Result<void> check_document_name(std::string_view name) {
    if (name.empty()) {
        return bad_name("a document needs a name");
    }
    if (!is_valid_utf8(name)) {
        return bad_name("must be UTF-8 text");
    }
    std::size_t chars = 0;
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        chars += (byte & 0xC0U) != 0x80U ? 1 : 0;  // count lead bytes: one per code point
        if (byte < 0x20U || byte == 0x7FU) {
            return bad_name("must not contain control characters");
        }
    }
    if (chars > kMaxDocumentNameChars) {
        return bad_name("must be at most 200 characters");
    }
    if (name.front() == '/') {
        return bad_name("must be relative (no leading '/')");
    }
    if (name.find("..") != std::string_view::npos) {
        return bad_name("must not contain \"..\"");
    }
    return {};
}

}  // namespace swarm::core::knowledge
