// X rules: weighted length per post (twitter-text v3), empty posts, invalid characters, thread
// length and "i/N" numbering, and the hashtag count across the item.
#include "core/model/platform.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/rules.hpp"
#include "core/validate/text_scan.hpp"
#include "core/validate/validator.hpp"
#include "core/validate/x_counter.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>

namespace swarm::core::validate {
namespace {

struct Post {
    std::string location;
    std::string_view text;
};

struct Marker {
    int index = 0;
    std::optional<int> total;
};

std::vector<Post> posts_of(const ContentItem& item) {
    std::vector<Post> posts;
    if (item.parts.empty()) {
        posts.push_back({"body", item.body});
        return posts;
    }
    for (std::size_t i = 0; i < item.parts.size(); ++i) {
        posts.push_back({part_location(i), item.parts[i].body});
    }
    return posts;
}

std::optional<int> small_number(std::string_view digits) {
    if (digits.empty() || digits.size() > 3) {
        return std::nullopt;
    }
    int value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

/// "3/6", "(3/6)", "[3/6]:", "3/" -> index 3, total 6 (or none).
std::optional<Marker> parse_marker(std::string_view token) {
    while (!token.empty() && std::string_view("([").find(token.front()) != std::string_view::npos) {
        token.remove_prefix(1);
    }
    while (!token.empty() &&
           std::string_view(")].:,").find(token.back()) != std::string_view::npos) {
        token.remove_suffix(1);
    }
    const auto slash = token.find('/');
    if (slash == std::string_view::npos) {
        return std::nullopt;
    }
    const auto index = small_number(token.substr(0, slash));
    const auto rest = token.substr(slash + 1);
    if (!index || *index == 0) {
        return std::nullopt;
    }
    if (rest.empty()) {
        return Marker{*index, std::nullopt};
    }
    const auto total = small_number(rest);
    return total ? std::optional<Marker>(Marker{*index, total}) : std::nullopt;
}

bool has_alnum(std::string_view token) {
    return std::any_of(token.begin(), token.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
}

/// The numbering marker of a post: its first or last word, looking past one leading or trailing
/// emoji (as in "🧵 1/6").
std::optional<Marker> thread_marker(std::string_view post) {
    std::vector<std::string_view> tokens;
    std::size_t pos = 0;
    while (pos < post.size()) {
        const auto start = post.find_first_not_of(" \t\r\n", pos);
        if (start == std::string_view::npos) {
            break;
        }
        auto end = post.find_first_of(" \t\r\n", start);
        end = end == std::string_view::npos ? post.size() : end;
        tokens.push_back(post.substr(start, end - start));
        pos = end;
    }
    if (tokens.empty()) {
        return std::nullopt;
    }
    const std::size_t n = tokens.size();
    std::vector<std::string_view> candidates{tokens.front(), tokens.back()};
    if (n > 1 && !has_alnum(tokens.front())) {
        candidates.push_back(tokens[1]);
    }
    if (n > 1 && !has_alnum(tokens.back())) {
        candidates.push_back(tokens[n - 2]);
    }
    for (const auto token : candidates) {
        if (auto marker = parse_marker(token)) {
            return marker;
        }
    }
    return std::nullopt;
}

void check_numbering(const std::vector<Post>& posts, std::vector<Issue>& out) {
    const int n = static_cast<int>(posts.size());
    std::vector<std::optional<Marker>> markers;
    markers.reserve(posts.size());
    for (const auto& post : posts) {
        markers.push_back(thread_marker(post.text));
    }
    if (std::none_of(markers.begin(), markers.end(), [](const auto& m) { return m.has_value(); })) {
        out.push_back(make_issue("x.thread_numbering", Severity::kWarning, "parts",
                                 fmt::format("The thread's {} posts are not numbered; number them "
                                             "1/{}, 2/{}, ...",
                                             n, n, n)));
        return;
    }
    for (int i = 0; i < n; ++i) {
        const auto& m = markers[static_cast<std::size_t>(i)];
        const auto& where = posts[static_cast<std::size_t>(i)].location;
        std::string message;
        if (text::trim(posts[static_cast<std::size_t>(i)].text).empty()) {
            continue;  // x.empty_post says it already
        }
        if (!m) {
            message = fmt::format("Post {} has no number; expected {}/{}.", i + 1, i + 1, n);
        } else if (m->index != i + 1) {
            message =
                fmt::format("Post {} is numbered {}; expected {}/{}.", i + 1, m->index, i + 1, n);
        } else if (m->total && *m->total != n) {
            message = fmt::format("Post {} says {}/{} but the thread has {} posts.", i + 1,
                                  m->index, *m->total, n);
        }
        if (!message.empty()) {
            out.push_back(make_issue("x.thread_numbering", Severity::kWarning, where, message));
        }
    }
}

void check_post(const Post& post, std::size_t limit, std::vector<Issue>& out) {
    if (text::trim(post.text).empty()) {
        out.push_back(
            make_issue("x.empty_post", Severity::kError, post.location, "The post is empty."));
        return;
    }
    const std::size_t weighted = x_weighted_length(post.text);
    if (weighted > limit) {
        out.push_back(make_issue(
            "x.too_long", Severity::kError, post.location,
            fmt::format("The post is {} weighted characters; the limit is {} (URLs count 23, "
                        "emoji and CJK characters 2). Cut {}.",
                        weighted, limit, weighted - limit)));
    }
    for (const char32_t cp : code_points(post.text)) {
        if (is_x_invalid_char(cp)) {
            out.push_back(make_issue("x.invalid_character", Severity::kError, post.location,
                                     fmt::format("The post holds U+{:04X}, which X rejects.",
                                                 static_cast<std::uint32_t>(cp))));
            break;
        }
    }
}

void check_hashtags(const ContentItem& item, const std::vector<Post>& posts,
                    const PlatformSpec& rules, std::vector<Issue>& out) {
    std::set<std::u32string> tags;
    for (const auto& tag : item.hashtags) {
        tags.insert(fold_key(tag));
    }
    for (const auto& post : posts) {
        for (const auto& tag : hashtags_in(post.text)) {
            tags.insert(fold_key(tag));
        }
    }
    const int count = static_cast<int>(tags.size());
    if (count > rules.max_hashtags) {
        out.push_back(make_issue("x.too_many_hashtags", Severity::kWarning, "hashtags",
                                 fmt::format("{} distinct hashtags across the posts; use {} to {}.",
                                             count, rules.min_hashtags, rules.max_hashtags)));
    } else if (count < rules.min_hashtags) {
        out.push_back(make_issue("x.no_hashtags", Severity::kInfo, "hashtags",
                                 fmt::format("No hashtags; {} to {} help discovery.",
                                             rules.min_hashtags, rules.max_hashtags)));
    }
}

}  // namespace

void check_twitter(const ContentItem& item, std::vector<Issue>& out) {
    const PlatformSpec& rules = spec(Platform::kTwitter);
    const auto posts = posts_of(item);
    for (const auto& post : posts) {
        check_post(post, rules.max_chars, out);
    }
    if (static_cast<int>(item.parts.size()) > rules.max_parts) {
        out.push_back(make_issue("x.thread_too_long", Severity::kWarning, "parts",
                                 fmt::format("The thread has {} posts; keep it to {}.",
                                             item.parts.size(), rules.max_parts)));
    }
    if (posts.size() > 1) {
        check_numbering(posts, out);
    }
    check_hashtags(item, posts, rules, out);
}

}  // namespace swarm::core::validate
