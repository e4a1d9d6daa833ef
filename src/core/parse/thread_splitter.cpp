#include "core/parse/thread_splitter.hpp"

#include "core/parse/hashtags.hpp"
#include "core/parse/line_utils.hpp"
#include "core/text/utf8.hpp"

namespace swarm::core::parse {
namespace {

constexpr std::size_t kPostLimit = 280;
constexpr int kMaxPosts = 99;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::size_t skip_decoration(std::string_view s, std::size_t p) {
    while (p < s.size()) {
        const char c = s[p];
        if (c == ' ' || c == '\t' || c == '#' || c == '>' || c == '*' || c == '_' || c == '(' ||
            c == '[') {
            ++p;
            continue;
        }
        std::size_t len = 0;
        const char32_t cp = code_point_at(s, p, len);
        // Skip emoji such as the thread spool, but not a keycap digit ("1️⃣").
        if (cp < 0x80 || !is_emoji_noise(cp) || cp == 0x20E3 || (cp >= 0xFE00 && cp <= 0xFE0F)) {
            break;
        }
        p += len;
    }
    return p;
}

std::size_t read_number(std::string_view s, std::size_t p, int& n) {
    n = 0;
    std::size_t q = p;
    while (q < s.size() && is_digit(s[q]) && q - p < 3) {
        n = n * 10 + (s[q] - '0');
        ++q;
    }
    return q;
}

std::size_t skip_total(std::string_view s, std::size_t q) {
    if (q < s.size() && s[q] == '/') {
        ++q;
        while (q < s.size() && (is_digit(s[q]) || s[q] == 'n' || s[q] == 'N')) {
            ++q;
        }
    } else if (s.substr(q).starts_with(" of ")) {
        std::size_t r = q + 4;
        while (r < s.size() && is_digit(s[r])) {
            ++r;
        }
        q = r > q + 4 ? r : q;
    }
    return q;
}

// After the number: the separator and markup before the text. npos when it is prose.
std::size_t after_marker(std::string_view s, std::size_t q, bool labelled) {
    if (labelled && q < s.size() && s[q] == ' ' && q + 1 < s.size() && s[q + 1] == '(') {
        const auto close = s.find(')', q);
        q = close == std::string_view::npos ? q : close + 1;  // "Tweet 1 (Hook):"
    }
    const bool ok =
        q >= s.size() || s[q] == ':' || s[q] == ')' || s[q] == ']' || s[q] == '.' || s[q] == '*' ||
        s[q] == '_' || s[q] == '-' || s[q] == '(' || (!labelled && (s[q] == ' ' || s[q] == '\t')) ||
        s.substr(q).starts_with("\xE2\x80\x94") || s.substr(q).starts_with(" -") ||
        s.substr(q).starts_with(" \xE2\x80\x94") || s.substr(q).starts_with(" \xE2\x80\x93");
    if (!ok) {
        return std::string_view::npos;
    }
    while (q < s.size()) {
        const char c = s[q];
        if (c == ':' || c == ')' || c == ']' || c == '.' || c == '*' || c == '_' || c == '-' ||
            c == ' ' || c == '\t') {
            ++q;
        } else if (s.substr(q).starts_with("\xE2\x80\x94") ||
                   s.substr(q).starts_with("\xE2\x80\x93")) {
            q += 3;
        } else {
            break;
        }
    }
    return q;
}

struct Segment {
    std::size_t first_line;
    std::size_t offset;  // where the text starts on the first line
};

std::vector<std::string> assemble(const std::vector<std::string>& lines,
                                  const std::vector<Segment>& segments, std::size_t end_line) {
    std::vector<std::string> posts;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::size_t stop = i + 1 < segments.size() ? segments[i + 1].first_line : end_line;
        std::vector<std::string> chunk;
        for (std::size_t l = segments[i].first_line; l < stop; ++l) {
            chunk.push_back(l == segments[i].first_line ? lines[l].substr(segments[i].offset)
                                                        : lines[l]);
        }
        std::string post = join_paragraphs(chunk);
        post = std::string(strip_emphasis(post).empty() ? std::string_view() : text::trim(post));
        if (!post.empty()) {
            posts.push_back(std::move(post));
        }
    }
    return posts;
}

std::size_t total_length(const std::vector<std::string>& lines) {
    std::size_t n = 0;
    for (const auto& l : lines) {
        n += text::trim(l).size();
    }
    return n;
}

// Leading markers "1/5", "Tweet 1:" ... in sequence.
std::vector<Segment> marker_segments(const std::vector<std::string>& lines) {
    std::vector<Segment> segments;
    int expected = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto marker = post_marker(lines[i]);
        if (!marker) {
            continue;
        }
        const bool starts = expected == 0 && (marker->number == 1 || marker->number == 2);
        if (starts || (expected > 0 && marker->number == expected)) {
            segments.push_back({i, marker->content_offset});
            expected = marker->number + 1;
        }
    }
    return segments;
}

// A counter closing a post: "... text 2/5" or "... text (2/5)"; returns its number and where
// the counter starts, or 0.
int trailing_counter(std::string_view line, std::size_t& start) {
    std::string_view t = text::trim(line);
    const bool paren = t.ends_with(")");
    if (paren) {
        t.remove_suffix(1);
    }
    std::size_t p = t.size();
    while (p > 0 && is_digit(t[p - 1])) {
        --p;
    }
    if (p == t.size() || p == 0 || t[p - 1] != '/') {
        return 0;
    }
    std::size_t q = p - 1;
    const std::size_t num_end = q;
    while (q > 0 && is_digit(t[q - 1]) && num_end - q < 2) {
        --q;
    }
    if (q == num_end || (paren && (q == 0 || t[q - 1] != '('))) {
        return 0;
    }
    const std::size_t counter_start = paren ? q - 1 : q;
    if (counter_start == 0 || t[counter_start - 1] != ' ') {
        return 0;  // "24/7" glued to a word, or a line that is only a counter
    }
    int n = 0;
    read_number(t, q, n);
    start = static_cast<std::size_t>(t.data() - line.data()) + counter_start;
    return n;
}

// Posts that end with "1/5", "2/5" ... in sequence: each counter closes a post.
std::vector<std::string> trailing_counter_posts(const std::vector<std::string>& lines) {
    std::vector<std::string> posts;
    std::vector<std::string> current;
    int expected = 1;
    for (const auto& line : lines) {
        std::size_t start = 0;
        if (trailing_counter(line, start) == expected) {
            current.emplace_back(text::trim(std::string_view(line).substr(0, start)));
            posts.push_back(join_paragraphs(current));
            current.clear();
            ++expected;
        } else {
            current.push_back(line);
        }
    }
    if (expected <= 2) {
        return {};
    }
    std::string rest = join_paragraphs(current);
    if (!rest.empty()) {
        if (is_hashtag_only_line(rest)) {
            posts.back() += "\n\n" + rest;
        } else {
            posts.push_back(std::move(rest));
        }
    }
    return posts;
}

// "1. post" / "1) post" list items in sequence, starting at the first line.
std::vector<Segment> list_segments(const std::vector<std::string>& lines) {
    std::vector<Segment> segments;
    int expected = 1;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view l = lines[i];
        if (is_blank(l)) {
            continue;
        }
        int n = 0;
        const std::size_t q = read_number(l, 0, n);
        const bool item = q > 0 && q + 1 < l.size() && (l[q] == '.' || l[q] == ')') &&
                          (l[q + 1] == ' ' || l[q + 1] == '\t');
        if (segments.empty() && !item) {
            return {};
        }
        if (item && n == expected) {
            segments.push_back({i, q + 2});
            ++expected;
        }
    }
    return segments;
}

std::vector<std::string> paragraph_posts(const std::vector<std::string>& lines) {
    std::vector<std::string> posts;
    std::vector<std::string> current;
    const auto flush = [&] {
        std::string post = join_paragraphs(current);
        current.clear();
        if (post.empty()) {
            return;
        }
        if (!posts.empty() && is_hashtag_only_line(post)) {
            posts.back() += "\n\n" + post;  // trailing tags belong to the last post
        } else {
            posts.push_back(std::move(post));
        }
    };
    for (const auto& l : lines) {
        if (is_blank(l)) {
            flush();
        } else {
            current.push_back(l);
        }
    }
    flush();
    return posts;
}

// The text before the first marker: its own post when it is real copy, dropped when a label.
void add_leading_text(const std::vector<std::string>& lines, std::size_t end,
                      std::vector<std::string>& posts) {
    const std::vector<std::string> head(lines.begin(),
                                        lines.begin() + static_cast<std::ptrdiff_t>(end));
    const std::string text = join_paragraphs(head);
    if (text.empty()) {
        return;
    }
    const std::string simple = simplify(text);
    const auto words = words_of(simple);
    const bool label =
        words.size() <= 6 && (text.ends_with(":") || text.find("thread") != std::string::npos ||
                              text.find("Thread") != std::string::npos);
    if (!label) {
        posts.insert(posts.begin(), text);
    }
}

}  // namespace

std::optional<PostMarker> post_marker(std::string_view line) {
    std::size_t p = skip_decoration(line, 0);
    if (p >= line.size()) {
        return std::nullopt;
    }
    PostMarker marker;
    const std::string_view rest = line.substr(p);
    if (istarts_with(rest, "tweet") || istarts_with(rest, "post")) {
        std::size_t q = p + (istarts_with(rest, "tweet") ? 5 : 4);
        while (q < line.size() && (line[q] == ' ' || line[q] == '#')) {
            ++q;
        }
        const std::size_t e = read_number(line, q, marker.number);
        if (e == q) {
            return std::nullopt;
        }
        marker.labelled = true;
        const std::size_t c = after_marker(line, skip_total(line, e), true);
        if (c == std::string_view::npos) {
            return std::nullopt;
        }
        marker.content_offset = c;
        return marker.number > 0 && marker.number <= kMaxPosts ? std::optional(marker)
                                                               : std::nullopt;
    }
    const std::size_t e = read_number(line, p, marker.number);
    if (e == p || marker.number <= 0 || marker.number > kMaxPosts || e >= line.size()) {
        return std::nullopt;
    }
    const bool keycap = line.substr(e).starts_with("\xEF\xB8\x8F\xE2\x83\xA3") ||
                        line.substr(e).starts_with("\xE2\x83\xA3");  // keycap "1️⃣"
    if (line[e] != '/' && !keycap) {
        return std::nullopt;
    }
    const std::size_t q = line[e] == '/' ? skip_total(line, e) : e + (line[e] == '\xEF' ? 6 : 3);
    const std::size_t c = after_marker(line, q, false);
    if (c == std::string_view::npos) {
        return std::nullopt;
    }
    marker.content_offset = c;
    return marker;
}

std::vector<std::string> split_thread(const std::vector<std::string>& lines, bool thread_hint) {
    std::size_t end = lines.size();
    while (end > 0 && is_blank(lines[end - 1])) {
        --end;
    }
    std::vector<Segment> segments = marker_segments(lines);
    if (segments.size() >= 2 || (segments.size() == 1 && thread_hint)) {
        auto posts = assemble(lines, segments, end);
        const auto first = post_marker(lines[segments.front().first_line]);
        if (first && first->number == 1) {
            add_leading_text(lines, segments.front().first_line, posts);
        } else {
            const std::vector<Segment> head{{0, 0}};
            auto lead = assemble(lines, head, segments.front().first_line);
            posts.insert(posts.begin(), lead.begin(), lead.end());
        }
        return posts;
    }
    if (segments.size() == 1) {
        std::vector<std::string> copy(lines.begin(),
                                      lines.begin() + static_cast<std::ptrdiff_t>(end));
        copy[segments.front().first_line] =
            copy[segments.front().first_line].substr(segments.front().offset);
        const std::string post = join_paragraphs(copy);
        return post.empty() ? std::vector<std::string>{} : std::vector<std::string>{post};
    }
    if (auto posts = trailing_counter_posts(lines); !posts.empty()) {
        return posts;
    }
    const auto items = list_segments(lines);
    if (items.size() >= 2 && (thread_hint || total_length(lines) > kPostLimit)) {
        return assemble(lines, items, end);
    }
    if (thread_hint) {
        return paragraph_posts(lines);
    }
    const std::string whole = join_paragraphs(lines);
    return whole.empty() ? std::vector<std::string>{} : std::vector<std::string>{whole};
}

}  // namespace swarm::core::parse
