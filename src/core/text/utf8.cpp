#include "core/text/utf8.hpp"

#include <array>
#include <cstdlib>
#include <memory>

#include <utf8proc.h>

namespace swarm::core::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

struct FreeDeleter {
    void operator()(utf8proc_uint8_t* p) const {
        std::free(p);
    }  // NOLINT(cppcoreguidelines-no-malloc)
};

const utf8proc_uint8_t* bytes(std::string_view s) {
    return reinterpret_cast<const utf8proc_uint8_t*>(s.data());  // NOLINT
}

std::string map_with(std::string_view utf8, int options) {
    std::string clean = encode(decode(utf8));
    utf8proc_uint8_t* out = nullptr;
    const auto n = utf8proc_map(bytes(clean), static_cast<utf8proc_ssize_t>(clean.size()), &out,
                                static_cast<utf8proc_option_t>(options));
    std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(out);
    if (n < 0 || out == nullptr) {
        return clean;
    }
    return {reinterpret_cast<const char*>(out), static_cast<std::size_t>(n)};  // NOLINT
}

}  // namespace

std::vector<char32_t> decode(std::string_view utf8) {
    std::vector<char32_t> cps;
    cps.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        utf8proc_int32_t cp = 0;
        const auto n = utf8proc_iterate(bytes(utf8.substr(i)),
                                        static_cast<utf8proc_ssize_t>(utf8.size() - i), &cp);
        if (n <= 0) {
            cps.push_back(kReplacement);
            ++i;
            continue;
        }
        cps.push_back(static_cast<char32_t>(cp));
        i += static_cast<std::size_t>(n);
    }
    return cps;
}

void append_utf8(std::string& out, char32_t cp) {
    std::array<utf8proc_uint8_t, 4> buf{};
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf.data());
    if (n <= 0) {
        append_utf8(out, kReplacement);
        return;
    }
    out.append(reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(n));  // NOLINT
}

std::string encode(const std::vector<char32_t>& cps) {
    std::string out;
    out.reserve(cps.size());
    for (const char32_t cp : cps) {
        append_utf8(out, cp);
    }
    return out;
}

std::string nfc(std::string_view utf8) {
    return map_with(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string fold_case(std::string_view utf8) {
    return map_with(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

std::vector<std::vector<char32_t>> graphemes(std::string_view utf8) {
    std::vector<std::vector<char32_t>> out;
    utf8proc_int32_t state = 0;
    char32_t prev = 0;
    bool first = true;
    for (const char32_t cp : decode(utf8)) {
        if (first || utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(prev),
                                                      static_cast<utf8proc_int32_t>(cp), &state)) {
            out.emplace_back();
        }
        out.back().push_back(cp);
        prev = cp;
        first = false;
    }
    return out;
}

bool is_letter_or_mark(char32_t cp) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
        case UTF8PROC_CATEGORY_ME:
            return true;
        default:
            return false;
    }
}

bool is_digit(char32_t cp) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ND;
}

bool is_space(char32_t cp) {
    return cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == U'\f' || cp == U'\v' ||
           utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ZS;
}

bool is_emoji_component(char32_t cp) {
    const auto* prop = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
    switch (prop->boundclass) {
        case UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC:
        case UTF8PROC_BOUNDCLASS_E_ZWG:
        case UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR:
        case UTF8PROC_BOUNDCLASS_E_BASE:
        case UTF8PROC_BOUNDCLASS_E_MODIFIER:
        case UTF8PROC_BOUNDCLASS_E_BASE_GAZ:
        case UTF8PROC_BOUNDCLASS_GLUE_AFTER_ZWJ:
            return true;
        default:
            return false;
    }
}

std::size_t length(std::string_view utf8) {
    return decode(utf8).size();
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string_view trim(std::string_view s) {
    const auto cps_ok = [](std::string_view v, bool front) {
        // Strip one ASCII space or one multi-byte Unicode space (NBSP, ideographic space ...).
        if (v.empty()) {
            return std::size_t{0};
        }
        if (front) {
            const auto c = static_cast<unsigned char>(v.front());
            if (c < 0x80) {
                return is_space(c) ? std::size_t{1} : std::size_t{0};
            }
            utf8proc_int32_t cp = 0;
            const auto n = utf8proc_iterate(bytes(v), static_cast<utf8proc_ssize_t>(v.size()), &cp);
            return n > 0 && is_space(static_cast<char32_t>(cp)) ? static_cast<std::size_t>(n)
                                                                : std::size_t{0};
        }
        const auto c = static_cast<unsigned char>(v.back());
        if (c < 0x80) {
            return is_space(c) ? std::size_t{1} : std::size_t{0};
        }
        std::size_t start = v.size() - 1;
        while (start > 0 && (static_cast<unsigned char>(v[start]) & 0xC0U) == 0x80U) {
            --start;
        }
        utf8proc_int32_t cp = 0;
        const auto n = utf8proc_iterate(bytes(v.substr(start)),
                                        static_cast<utf8proc_ssize_t>(v.size() - start), &cp);
        return n > 0 && static_cast<std::size_t>(n) == v.size() - start &&
                       is_space(static_cast<char32_t>(cp))
                   ? v.size() - start
                   : std::size_t{0};
    };
    for (auto n = cps_ok(s, true); n != 0; n = cps_ok(s, true)) {
        s.remove_prefix(n);
    }
    for (auto n = cps_ok(s, false); n != 0; n = cps_ok(s, false)) {
        s.remove_suffix(n);
    }
    return s;
}

}  // namespace swarm::core::text
