#include "core/validate/x_counter.hpp"

#include "core/text/utf8.hpp"
#include "core/validate/text_scan.hpp"
#include "core/validate/validator.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace swarm::core::validate {
namespace {

constexpr std::size_t kUrlWeight = 23;      // twitter-text transformedURLLength (t.co)
constexpr std::size_t kEmojiWeight = 2;     // an emoji sequence counts as one heavy character
constexpr std::size_t kMaxLabelChars = 63;  // DNS label limit; longer "hosts" are plain text

// Country-code TLDs in use. Two-label bare domains on these need a path ("example.de/x").
constexpr std::string_view kCountryTlds =
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br "
    "bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz "
    "ec ee eg er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu "
    "gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr "
    "kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt "
    "mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps "
    "pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz "
    "tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf "
    "ws ye yt za zm zw";

// Generic TLDs common in marketing copy; "example" is reserved (RFC 2606) and used by samples.
constexpr std::string_view kGenericTlds =
    "com org net edu gov mil int info biz name pro mobi aero asia cat coop jobs museum tel "
    "travel post app dev tech online site store shop blog cloud page link news media design "
    "agency studio xyz club live life world today space website digital email solutions "
    "services network systems software tools team company works group global academy center "
    "support guru ninja rocks social wiki zone health care money finance capital ventures fund "
    "partners marketing events photography photo video music games art fashion energy city "
    "london nyc berlin paris tokyo google amazon microsoft apple io ai co me tv example";

bool in_word_list(std::string_view list, std::u32string_view label) {
    if (label.empty() || label.size() > 16) {
        return false;
    }
    std::string key;
    for (const char32_t cp : label) {
        if (cp >= 0x80) {
            return false;
        }
        key.push_back(static_cast<char>(cp >= U'A' && cp <= U'Z' ? cp - U'A' + U'a' : cp));
    }
    for (std::size_t pos = list.find(key); pos != std::string_view::npos;
         pos = list.find(key, pos + 1)) {
        const bool left = pos == 0 || list[pos - 1] == ' ';
        const bool right = pos + key.size() == list.size() || list[pos + key.size()] == ' ';
        if (left && right) {
            return true;
        }
    }
    return false;
}

bool is_country_tld(std::u32string_view label) {
    return in_word_list(kCountryTlds, label);
}

bool ascii_alnum(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
}

bool is_latin_accent(char32_t c) {
    return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x300 && c <= 0x36F) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

bool is_cyrillic(char32_t c) {
    return c >= 0x400 && c <= 0x4FF;
}

bool is_domain_char(char32_t c, bool unicode) {
    if (ascii_alnum(c) || c == U'-' || c == U'_') {
        return true;
    }
    return unicode && c >= 0x80 && (text::is_letter_or_mark(c) || text::is_digit(c));
}

bool contains(std::u32string_view set, char32_t c) {
    return set.find(c) != std::u32string_view::npos;
}

bool is_path_char(char32_t c) {
    return ascii_alnum(c) || is_cyrillic(c) || is_latin_accent(c) || c == 0x2013 ||
           contains(U"!*';:=+,.$/%#[]-_~@|&", c);
}

bool is_path_end_char(char32_t c) {
    return ascii_alnum(c) || is_cyrillic(c) || is_latin_accent(c) || contains(U"=_#/+-", c);
}

bool is_query_char(char32_t c) {
    return ascii_alnum(c) || contains(U"!?*'@();:&=+$/%#[]-_.,~|", c);
}

bool is_query_end_char(char32_t c) {
    return ascii_alnum(c) || contains(U"-_&=#/", c);
}

bool tld_ok(std::u32string_view tld, bool with_protocol) {
    if (is_known_tld(tld)) {
        return true;
    }
    if (!with_protocol || tld.size() < 2) {
        return false;
    }
    if (tld.size() > 4 && (tld.substr(0, 4) == U"xn--" || tld.substr(0, 4) == U"XN--")) {
        return true;
    }
    return std::all_of(tld.begin(), tld.end(), [](char32_t c) {
        return (c >= 0x80 && text::is_letter_or_mark(c)) || (ascii_alnum(c) && c > U'9');
    });
}

/// Label lengths and characters: no leading or trailing '-'/'_', '_' only in subdomains.
bool labels_ok(std::u32string_view t, const std::vector<Span>& labels, std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) {
        const auto label = t.substr(labels[k].begin, labels[k].end - labels[k].begin);
        const bool edge_bad = label.front() == U'-' || label.back() == U'-' ||
                              label.front() == U'_' || label.back() == U'_';
        const bool underscore_bad = k + 2 >= count && contains(label, U'_');
        if (label.size() > kMaxLabelChars || edge_bad || underscore_bad) {
            return false;
        }
    }
    return true;
}

struct DomainMatch {
    std::size_t end = 0;
    std::size_t labels = 0;
    Span tld;
};

/// The longest run of dot-separated labels from pos that ends in an acceptable TLD.
std::optional<DomainMatch> match_domain(std::u32string_view t, std::size_t pos, bool protocol) {
    std::vector<Span> labels;
    std::size_t i = pos;
    while (true) {
        const std::size_t start = i;
        while (i < t.size() && is_domain_char(t[i], protocol)) {
            ++i;
        }
        if (i == start) {
            break;
        }
        labels.push_back({start, i});
        if (i + 1 < t.size() && t[i] == U'.' && is_domain_char(t[i + 1], protocol)) {
            ++i;
            continue;
        }
        break;
    }
    for (std::size_t k = labels.size(); k >= 2; --k) {
        const Span tld = labels[k - 1];
        if (!tld_ok(t.substr(tld.begin, tld.end - tld.begin), protocol)) {
            continue;
        }
        if (!labels_ok(t, labels, k) || (tld.end < t.size() && contains(U"@+", t[tld.end]))) {
            return std::nullopt;
        }
        return DomainMatch{tld.end, k, tld};
    }
    return std::nullopt;
}

std::size_t scan_path(std::u32string_view t, std::size_t slash) {
    std::size_t j = slash + 1;
    int depth = 0;
    std::size_t last_good = j;  // end after the last character a path may end with
    while (j < t.size()) {
        const char32_t c = t[j];
        if (c == U'(') {
            ++depth;
        } else if (c == U')') {
            if (depth == 0) {
                break;
            }
            --depth;
        } else if (!is_path_char(c)) {
            break;
        }
        ++j;
        if ((c == U')' && depth == 0) || is_path_end_char(c)) {
            last_good = j;
        }
    }
    return last_good;
}

std::size_t scan_query(std::u32string_view t, std::size_t mark) {
    std::size_t j = mark + 1;
    std::size_t last_good = mark;  // a bare '?' is not part of the URL
    while (j < t.size() && is_query_char(t[j])) {
        if (is_query_end_char(t[j])) {
            last_good = j + 1;
        }
        ++j;
    }
    return last_good;
}

std::size_t protocol_length(std::u32string_view t, std::size_t i) {
    for (const std::u32string_view p :
         {std::u32string_view(U"https://"), std::u32string_view(U"http://")}) {
        if (t.size() - i < p.size()) {
            continue;
        }
        bool same = true;
        for (std::size_t k = 0; k < p.size() && same; ++k) {
            const char32_t c = t[i + k];
            same = (c >= U'A' && c <= U'Z' ? c - U'A' + U'a' : c) == p[k];
        }
        if (same) {
            return p.size();
        }
    }
    return 0;
}

// Directional marks may precede a URL (twitter-text's conformance counts one after U+202A).
bool can_precede_url(char32_t prev) {
    return !(ascii_alnum(prev) || contains(U"@$#\uFF20\uFF03", prev));
}

std::optional<Span> match_url(std::u32string_view t, std::size_t i) {
    if (i > 0 && !can_precede_url(t[i - 1])) {
        return std::nullopt;
    }
    const std::size_t proto = protocol_length(t, i);
    if (proto == 0 && i > 0 && contains(U"-_./", t[i - 1])) {
        return std::nullopt;
    }
    const auto domain = match_domain(t, i + proto, proto != 0);
    if (!domain) {
        return std::nullopt;
    }
    std::size_t end = domain->end;
    if (end + 1 < t.size() && t[end] == U':' && t[end + 1] >= U'0' && t[end + 1] <= U'9') {
        for (++end; end < t.size() && t[end] >= U'0' && t[end] <= U'9'; ++end) {
        }
    }
    const bool has_path = end < t.size() && t[end] == U'/';
    if (has_path) {
        end = scan_path(t, end);
    }
    if (end < t.size() && t[end] == U'?') {
        end = scan_query(t, end);
    }
    const auto tld = t.substr(domain->tld.begin, domain->tld.end - domain->tld.begin);
    const bool special = tld == U"co" || tld == U"tv" || tld == U"CO" || tld == U"TV";
    if (proto == 0 && domain->labels == 2 && is_country_tld(tld) && !has_path && !special) {
        return std::nullopt;
    }
    return Span{i, end};
}

/// Walks URL spans in step with increasing code point indexes.
struct UrlCursor {
    const std::vector<Span>& urls;
    std::size_t next = 0;

    bool contains(std::size_t k) {
        while (next < urls.size() && urls[next].end <= k) {
            ++next;
        }
        return next < urls.size() && urls[next].begin <= k;
    }
};

bool is_ascii_space(char32_t cp) {
    return cp == U' ' || (cp >= U'\t' && cp <= U'\r');
}

bool may_start_emoji(char32_t cp) {
    return cp >= 0x80 && (text::is_emoji_component(cp) || cp == 0x20E3);
}

/// Weight of the code points [begin, end) outside URLs; emoji sequences by grapheme cluster.
std::size_t word_weight(std::u32string_view all, std::size_t begin, std::size_t end,
                        UrlCursor& in_url) {
    std::size_t total = 0;
    const auto word = all.substr(begin, end - begin);
    if (std::none_of(word.begin(), word.end(), may_start_emoji)) {
        for (std::size_t k = begin; k < end; ++k) {
            total += in_url.contains(k) ? 0 : x_code_point_weight(all[k]);
        }
        return total;
    }
    std::size_t pos = begin;
    for (const auto& cluster : text::graphemes(to_utf8(word))) {
        const std::u32string_view c(cluster.data(), cluster.size());
        std::size_t outside = 0;  // weight of the cluster's code points outside URLs
        bool any_in_url = false;
        for (std::size_t k = pos; k < pos + c.size(); ++k) {
            const bool linked = in_url.contains(k);
            any_in_url = any_in_url || linked;
            outside += linked ? 0 : x_code_point_weight(all[k]);
        }
        // A cluster straddling a URL edge counts its code points outside the URL one by one.
        total += any_in_url ? outside : cluster_weight(c);
        pos += c.size();
    }
    return total;
}

}  // namespace

bool is_known_tld(std::u32string_view label) {
    return is_country_tld(label) || in_word_list(kGenericTlds, label);
}

std::vector<Span> find_urls(std::u32string_view text) {
    std::vector<Span> urls;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!ascii_alnum(text[i])) {
            continue;
        }
        if (const auto url = match_url(text, i)) {
            urls.push_back(*url);
            i = url->end - 1;
        }
    }
    return urls;
}

std::size_t x_code_point_weight(char32_t cp) {
    const bool light = cp <= 0x10FF || (cp >= 0x2000 && cp <= 0x200D) ||
                       (cp >= 0x2010 && cp <= 0x201F) || (cp >= 0x2032 && cp <= 0x2037);
    return light ? 1 : 2;
}

bool is_x_emoji_cluster(std::u32string_view cluster) {
    if (cluster.empty() || contains(cluster, 0xFE0E)) {
        return false;
    }
    const char32_t first = cluster.front();
    if (first == U'#' || first == U'*' || (first >= U'0' && first <= U'9')) {
        return contains(cluster, 0x20E3);
    }
    if (first == 0xA9 || first == 0xAE || first == 0x2122) {
        return false;  // text-style symbols: twitter-text counts them by code point
    }
    return text::is_emoji_component(first);
}

std::size_t cluster_weight(std::u32string_view cluster) {
    if (is_x_emoji_cluster(cluster)) {
        return kEmojiWeight;
    }
    std::size_t weight = 0;
    for (const char32_t cp : cluster) {
        weight += x_code_point_weight(cp);
    }
    return weight;
}

bool is_x_invalid_char(char32_t cp) {
    return cp == 0xFFFE || cp == 0xFEFF || cp == 0xFFFF;
}

}  // namespace swarm::core::validate

namespace swarm::core {

std::size_t x_weighted_length(std::string_view text) {
    const auto cps = validate::nfc_code_points(text);
    const std::u32string_view all(cps.data(), cps.size());
    const auto urls = validate::find_urls(all);
    std::size_t total = validate::kUrlWeight * urls.size();
    if (validate::is_ascii(text)) {
        // Every ASCII code point weighs 1 and no emoji is possible.
        std::size_t in_urls = 0;
        for (const auto& url : urls) {
            in_urls += url.end - url.begin;
        }
        return total + cps.size() - in_urls;
    }
    // Grapheme clusters matter only around emoji; elsewhere every code point counts alone.
    // Clusters never cross ASCII white space, so words are segmented one at a time.
    validate::UrlCursor in_url{urls};
    std::size_t start = 0;
    while (start < cps.size()) {
        std::size_t end = start;
        while (end < cps.size() && !validate::is_ascii_space(cps[end])) {
            ++end;
        }
        total += validate::word_weight(all, start, end, in_url);
        if (end < cps.size()) {
            total += 1;  // the white space itself
        }
        start = end + 1;
    }
    return total;
}

}  // namespace swarm::core
