// The editor's repairs for X posts and threads and for deck slides (posts of LinkedIn shape are in
// editor.cpp). Repairs only drop, shorten, move or renumber text, plus the brief's CTA and tags.
#include "core/agents/editor_repairs.hpp"

#include "core/agents/text_tools.hpp"
#include "core/agents/writer_support.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/validator.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

constexpr std::string_view kParagraph = "\n\n";

std::vector<std::string> paragraphs(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(kParagraph, start), text.size());
        if (auto p = std::string(text::trim(text.substr(start, end - start))); !p.empty()) {
            out.push_back(std::move(p));
        }
        start = end + kParagraph.size();
    }
    return out;
}

bool only_hashtags(std::string_view p) {
    bool any = false;
    std::size_t start = 0;
    while (start < p.size()) {
        const auto end = std::min(p.find_first_of(" \n", start), p.size());
        if (end > start) {
            if (p[start] != '#') {
                return false;
            }
            any = true;
        }
        start = end + 1;
    }
    return any;
}

struct ThreadState {
    std::vector<std::vector<std::string>> posts;  // paragraphs of each post, no prefix, no tags
    std::size_t banned = 0;
    std::size_t split = 0;
    std::size_t dropped = 0;
};

ThreadState read_posts(const ContentItem& item, const BrandRules& brand) {
    ThreadState st;
    std::vector<std::string> raw;
    for (const auto& p : item.parts) {
        raw.push_back(p.body);
    }
    if (raw.empty() && !item.body.empty()) {
        raw.push_back(item.body);
    }
    for (const auto& r : raw) {
        std::vector<std::string> kept;
        for (const auto& para : paragraphs(strip_thread_prefix(r))) {
            if (only_hashtags(para)) {
                continue;
            }
            if (auto s = drop_banned_sentences(para, brand, st.banned); !s.empty()) {
                kept.push_back(std::move(s));
            }
        }
        if (!kept.empty()) {
            st.posts.push_back(std::move(kept));
        }
    }
    return st;
}

// Splits posts over the limit at paragraph and sentence boundaries; shortens or drops sentences
// that cannot fit alone.
void fit_posts(ThreadState& st, std::size_t limit, std::size_t room) {
    std::vector<std::vector<std::string>> out;
    for (auto& post : st.posts) {
        if (x_weighted_length(join(post, kParagraph)) + room <= limit) {
            out.push_back(std::move(post));
            continue;
        }
        ++st.split;
        std::vector<std::string> current;
        for (const auto& para : post) {
            const bool is_tags = only_hashtags(para);
            for (auto& s : is_tags ? std::vector<std::string>{para} : split_sentences(para)) {
                if (x_weighted_length(s) + room > limit) {
                    auto fit = shorten_at_clause(s, limit - room, x_weighted_length);
                    if (!fit) {
                        ++st.dropped;
                        continue;
                    }
                    s = std::move(*fit);
                }
                auto trial = current;
                trial.push_back(s);
                if (!current.empty() && x_weighted_length(join(trial, " ")) + room > limit) {
                    out.push_back({join(current, " ")});
                    current.clear();
                }
                current.push_back(std::move(s));
            }
        }
        if (!current.empty()) {
            out.push_back({join(current, " ")});
        }
    }
    st.posts = std::move(out);
}

std::vector<std::string> render_posts(const ThreadState& st) {
    std::vector<std::string> bodies;
    for (const auto& p : st.posts) {
        bodies.push_back(join(p, kParagraph));
    }
    if (bodies.size() > 1) {
        for (std::size_t i = 0; i < bodies.size(); ++i) {
            bodies[i] = thread_prefix(i, bodies.size()) + bodies[i];
        }
    }
    return bodies;
}

bool bullet_low_value(const std::string& b) {
    return extract_numbers(b).empty();
}

void drop_lowest_bullet(std::vector<std::string>& bullets) {
    for (std::size_t k = bullets.size(); k-- > 0;) {
        if (bullet_low_value(bullets[k])) {
            bullets.erase(bullets.begin() + static_cast<std::ptrdiff_t>(k));
            return;
        }
    }
    bullets.pop_back();
}

// Puts the call to action (if no post has it) and the hashtag line at the end of the last post.
bool close_thread(ThreadState& st, const std::string& cta, const std::vector<std::string>& tags) {
    const bool has_cta = std::any_of(st.posts.begin(), st.posts.end(), [&](const auto& p) {
        return contains_phrase(join(p, " "), cta);
    });
    if (st.posts.empty()) {
        st.posts.emplace_back();
    }
    if (!has_cta) {
        st.posts.back().push_back(cta);
    }
    if (!tags.empty()) {
        st.posts.back().push_back(join(tags, " "));
    }
    return !has_cta;
}

std::vector<std::string> thread_report(const ThreadState& st, std::size_t limit) {
    std::vector<std::string> repairs;
    if (st.banned > 0) {
        repairs.push_back(fmt::format("dropped {} sentence(s) with a banned phrase", st.banned));
    }
    if (st.split > 0) {
        repairs.push_back(fmt::format("split {} post(s) over {} characters", st.split, limit));
    }
    if (st.dropped > 0) {
        repairs.push_back(
            fmt::format("dropped {} sentence(s) or post(s) that could not fit", st.dropped));
    }
    return repairs;
}

// Stores the posts; true when anything differs from what the item had.
bool store_posts(ContentItem& item, const ThreadState& st) {
    const auto bodies = render_posts(st);
    std::vector<Part> parts;
    parts.reserve(bodies.size());
    for (const auto& b : bodies) {
        parts.push_back(Part{{}, b, {}, {}});
    }
    const std::string body = join(bodies, kParagraph);
    const bool same_parts =
        parts.size() == item.parts.size() &&
        std::equal(parts.begin(), parts.end(), item.parts.begin(),
                   [](const Part& a, const Part& b) { return a.body == b.body; });
    if (same_parts && body == item.body) {
        return false;
    }
    item.parts = std::move(parts);
    item.body = body;
    return true;
}

struct DeckCounts {
    std::size_t banned = 0;
    std::size_t shortened = 0;
    std::size_t dropped = 0;
};

void clean_slide(Part& slide, std::size_t index, const RepairContext& ctx, DeckCounts& counts) {
    const auto& brand = ctx.brief.brand;
    const auto max_chars = ctx.spec.max_bullet_chars;
    const auto max_bullets = static_cast<std::size_t>(std::max(0, ctx.spec.max_bullets_per_part));
    if (has_banned_phrase(slide.title, brand)) {
        slide.title = fmt::format("Slide {}", index + 1);
        ++counts.banned;
    }
    std::vector<std::string> kept;
    for (auto& b : slide.bullets) {
        if (has_banned_phrase(b, brand)) {
            ++counts.banned;
        } else if (max_chars == 0 || char_length(b) <= max_chars) {
            kept.push_back(std::move(b));
        } else if (auto fit = shorten_at_clause(b, max_chars, char_length)) {
            kept.push_back(std::move(*fit));
            ++counts.shortened;
        } else {
            ++counts.dropped;
        }
    }
    while (max_bullets > 0 && kept.size() > max_bullets) {
        drop_lowest_bullet(kept);
        ++counts.dropped;
    }
    slide.bullets = std::move(kept);
    slide.notes = drop_banned_sentences(slide.notes, brand, counts.banned);
}

}  // namespace

std::vector<std::string> repair_thread(ContentItem& item, const RepairContext& ctx) {
    const std::size_t limit = ctx.spec.max_chars;
    ThreadState st = read_posts(item, ctx.brief.brand);
    const bool added_cta =
        close_thread(st, call_to_action(ctx.brief, ctx.brief.brand.name), item.hashtags);
    const bool single_fits =
        st.posts.size() == 1 && x_weighted_length(join(st.posts.front(), kParagraph)) <= limit;
    if (!single_fits) {
        fit_posts(st, limit, x_weighted_length(thread_prefix(98, 99)));
    }
    while (st.posts.size() > static_cast<std::size_t>(std::max(1, ctx.spec.max_parts)) &&
           st.posts.size() > 2) {
        st.posts.erase(st.posts.end() - 2);  // the CTA post stays last
        ++st.dropped;
    }
    auto repairs = thread_report(st, limit);
    if (added_cta) {
        repairs.insert(repairs.begin(), "added the call to action to the last post");
    }
    if (store_posts(item, st) && repairs.empty()) {
        repairs.emplace_back("renumbered the posts and rewrote the hashtags");
    }
    return repairs;
}

std::vector<std::string> repair_deck(ContentItem& item, const RepairContext& ctx) {
    std::vector<std::string> repairs;
    DeckCounts counts;
    for (std::size_t i = 0; i < item.parts.size(); ++i) {
        clean_slide(item.parts[i], i, ctx, counts);
    }
    const auto max_slides = static_cast<std::size_t>(std::max(1, ctx.spec.max_parts));
    while (item.parts.size() > max_slides) {
        const auto closing = std::find_if(item.parts.begin() + 1, item.parts.end(),
                                          [](const Part& p) { return p.title == "Next steps"; });
        item.parts.erase(closing != item.parts.end() ? closing : item.parts.end() - 1);
        repairs.push_back(fmt::format("dropped a slide to stay within {} slides", max_slides));
    }
    if (counts.banned > 0) {
        repairs.push_back(
            fmt::format("dropped {} bullet(s) or sentence(s) with a banned phrase", counts.banned));
    }
    if (counts.shortened > 0 || counts.dropped > 0) {
        repairs.push_back(fmt::format("shortened {} and dropped {} bullet(s) to fit the slides",
                                      counts.shortened, counts.dropped));
    }
    const std::string body = render_deck_markdown(item.parts);
    if (body != item.body) {
        if (repairs.empty()) {
            repairs.emplace_back("re-rendered the deck's Markdown body");
        }
        item.body = body;
    }
    return repairs;
}

}  // namespace swarm::core::agents
