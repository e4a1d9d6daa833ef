#include "core/agents/editor.hpp"

#include "core/agents/brief_angle.hpp"
#include "core/agents/editor_repairs.hpp"
#include "core/agents/text_tools.hpp"
#include "core/agents/writer_support.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/validator.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace swarm::core {
namespace agents {
namespace {

constexpr std::size_t kMinKeptBullets = 3;

bool is_bullet_line(std::string_view line) {
    return line.starts_with("- ") || line.starts_with("* ") || line.starts_with("\u2022 ");
}

bool is_tag_block(std::string_view block) {
    bool any = false;
    std::size_t start = 0;
    while (start < block.size()) {
        const auto end = std::min(block.find_first_of(" \n", start), block.size());
        if (end > start) {
            if (block[start] != '#') {
                return false;
            }
            any = true;
        }
        start = end + 1;
    }
    return any;
}

std::vector<std::string> split_on(std::string_view text, std::string_view sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(sep, start), text.size());
        if (auto part = std::string(text::trim(text.substr(start, end - start))); !part.empty()) {
            out.push_back(std::move(part));
        }
        start = end + sep.size();
    }
    return out;
}

// A post body as blocks; the hashtag line is kept apart and re-added from item.hashtags.
struct PostDraft {
    std::vector<std::string> blocks;
    std::string cta;

    std::string render(const std::vector<std::string>& tags) const {
        auto all = blocks;
        if (!tags.empty()) {
            all.push_back(join(tags, " "));
        }
        return join(all, "\n\n");
    }

    bool is_protected(std::size_t i) const { return i == 0 || contains_phrase(blocks[i], cta); }
};

std::size_t drop_banned(PostDraft& d, const BrandRules& brand) {
    std::size_t dropped = 0;
    std::vector<std::string> kept;
    for (const auto& block : d.blocks) {
        std::vector<std::string> lines;
        bool had_bullets = false;
        for (const auto& line : split_on(block, "\n")) {
            had_bullets = had_bullets || is_bullet_line(line);
            if (is_bullet_line(line) && has_banned_phrase(line, brand)) {
                ++dropped;
            } else if (auto s = drop_banned_sentences(line, brand, dropped); !s.empty()) {
                lines.push_back(std::move(s));
            }
        }
        const bool only_lead = had_bullets && lines.size() == 1 && lines[0].ends_with(":");
        if (!lines.empty() && !only_lead) {
            kept.push_back(join(lines, "\n"));
        }
    }
    d.blocks = std::move(kept);
    return dropped;
}

std::optional<std::string> fix_fold(PostDraft& d, std::size_t fold) {
    if (d.blocks.empty() || char_length(d.blocks[0]) <= fold) {
        return std::nullopt;
    }
    const auto first = d.blocks[0];
    auto sentences = is_bullet_line(first) ? std::vector<std::string>{} : split_sentences(first);
    if (sentences.size() > 1 && char_length(sentences[0]) <= fold) {
        d.blocks[0] = sentences[0];
        sentences.erase(sentences.begin());
        d.blocks.insert(d.blocks.begin() + 1, join(sentences, " "));
        return "split the first paragraph so the hook ends above the fold";
    }
    for (const bool need_number : {true, false}) {
        for (std::size_t i = 1; i < d.blocks.size(); ++i) {
            if (is_bullet_line(d.blocks[i]) || d.is_protected(i) || is_tag_block(d.blocks[i])) {
                continue;
            }
            auto parts = split_sentences(d.blocks[i]);
            for (std::size_t k = 0; k < parts.size(); ++k) {
                const auto& s = parts[k];
                if (char_length(s) <= fold && !starts_with_pronoun(s) &&
                    (!need_number || !extract_numbers(s).empty())) {
                    std::string hook = s;
                    parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(k));
                    if (parts.empty()) {
                        d.blocks.erase(d.blocks.begin() + static_cast<std::ptrdiff_t>(i));
                    } else {
                        d.blocks[i] = join(parts, " ");
                    }
                    d.blocks.insert(d.blocks.begin(), std::move(hook));
                    return "moved a shorter sentence up as the hook";
                }
            }
        }
    }
    if (!sentences.empty()) {
        if (auto s = shorten_at_clause(sentences[0], fold, char_length)) {
            sentences.erase(sentences.begin());
            d.blocks[0] = *s;
            if (!sentences.empty()) {
                d.blocks.insert(d.blocks.begin() + 1, join(sentences, " "));
            }
            return "shortened the hook at a clause boundary";
        }
    }
    return std::nullopt;
}

// Removes one low-value unit (a sentence or a bullet) from the end; false when nothing is left.
bool drop_one_unit(PostDraft& d) {
    for (const bool keep_numbers : {true, false}) {
        for (std::size_t i = d.blocks.size(); i-- > 1;) {
            if (d.is_protected(i)) {
                continue;
            }
            auto lines = split_on(d.blocks[i], "\n");
            const auto bullets = static_cast<std::size_t>(std::count_if(
                lines.begin(), lines.end(), [](auto& l) { return is_bullet_line(l); }));
            if (bullets > 0) {
                for (std::size_t k = lines.size(); k-- > 0 && bullets > kMinKeptBullets;) {
                    if (is_bullet_line(lines[k]) &&
                        (!keep_numbers || extract_numbers(lines[k]).empty())) {
                        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(k));
                        d.blocks[i] = join(lines, "\n");
                        return true;
                    }
                }
                continue;
            }
            auto sentences = split_sentences(d.blocks[i]);
            for (std::size_t k = sentences.size(); k-- > 0;) {
                if (!keep_numbers || extract_numbers(sentences[k]).empty()) {
                    sentences.erase(sentences.begin() + static_cast<std::ptrdiff_t>(k));
                    if (sentences.empty()) {
                        d.blocks.erase(d.blocks.begin() + static_cast<std::ptrdiff_t>(i));
                    } else {
                        d.blocks[i] = join(sentences, " ");
                    }
                    return true;
                }
            }
        }
    }
    return false;
}

std::vector<std::string> repair_for_shape(ContentItem& item, const RepairContext& ctx) {
    auto repairs = repair_hashtags(item, ctx);
    std::vector<std::string> more;
    switch (ctx.spec.shape) {
        case OutputShape::kPost:
            more = repair_post(item, ctx);
            break;
        case OutputShape::kThread:
            more = repair_thread(item, ctx);
            break;
        case OutputShape::kDeck:
            more = repair_deck(item, ctx);
            break;
    }
    repairs.insert(repairs.end(), more.begin(), more.end());
    return repairs;
}

class OfflineEditor final : public Editor {
public:
    EditOutcome edit(ContentItem& item, const EditContext& context) override {
        return edit_item(item, context);
    }
};

}  // namespace

std::string drop_banned_sentences(std::string_view text, const BrandRules& brand,
                                  std::size_t& dropped) {
    if (!has_banned_phrase(text, brand)) {
        return std::string(text);
    }
    std::vector<std::string> kept;
    for (auto& s : split_sentences(text)) {
        if (has_banned_phrase(s, brand)) {
            ++dropped;
        } else {
            kept.push_back(std::move(s));
        }
    }
    return join(kept, " ");
}

std::vector<std::string> repair_hashtags(ContentItem& item, const RepairContext& ctx) {
    const auto& required = ctx.brief.brand.required_hashtags;
    const auto max = static_cast<std::size_t>(std::max(0, ctx.spec.max_hashtags));
    // Required hashtags (a brand rule) win over the platform's maximum (a house rule).
    const auto cap = max == 0 ? 0 : std::max(max, required.size());
    std::vector<std::string> fixed;
    const auto push = [&](std::string tag) {
        if (tag.empty() || fixed.size() >= cap || has_banned_phrase(tag, ctx.brief.brand)) {
            return;
        }
        if (tag.front() != '#') {
            tag.insert(tag.begin(), '#');
        }
        if (std::none_of(fixed.begin(), fixed.end(),
                         [&](const std::string& x) { return same_hashtag(x, tag); })) {
            fixed.push_back(std::move(tag));
        }
    };
    for (const auto& tag : required) {
        push(tag);
    }
    for (const auto& tag : item.hashtags) {
        push(tag);
    }
    if (fixed == item.hashtags) {
        return {};
    }
    item.hashtags = std::move(fixed);
    return {fmt::format("hashtags set to \"{}\" (required first, at most {})",
                        join(item.hashtags, " "), cap)};
}

std::vector<std::string> repair_post(ContentItem& item, const RepairContext& ctx) {
    std::vector<std::string> repairs;
    PostDraft d;
    d.cta = call_to_action(ctx.brief, ctx.brief.brand.name);
    for (auto& block : split_on(item.body, "\n\n")) {
        if (!is_tag_block(block)) {
            d.blocks.push_back(std::move(block));
        }
    }
    if (const auto n = drop_banned(d, ctx.brief.brand); n > 0) {
        repairs.push_back(fmt::format("dropped {} sentence(s) with a banned phrase", n));
    }
    if (!contains_phrase(d.render({}), d.cta)) {
        d.blocks.push_back(d.cta);
        repairs.emplace_back("added the call to action");
    }
    if (auto r = fix_fold(d, ctx.spec.fold_chars)) {
        repairs.push_back(*r);
    }
    std::size_t dropped = 0;
    const auto over = [&] {
        const auto body = d.render(item.hashtags);
        return count_words(body) > static_cast<std::size_t>(ctx.spec.max_words) ||
               char_length(body) > ctx.spec.max_chars;
    };
    while (ctx.spec.max_words > 0 && over() && drop_one_unit(d)) {
        ++dropped;
    }
    if (dropped > 0) {
        repairs.push_back(
            fmt::format("dropped {} low-value sentence(s) or bullet(s) to fit the "
                        "limits",
                        dropped));
    }
    const auto body = d.render(item.hashtags);
    if (body != item.body) {
        if (repairs.empty()) {
            repairs.emplace_back("rewrote the hashtag line");
        }
        item.body = body;
    }
    return repairs;
}

}  // namespace agents

EditOutcome edit_item(ContentItem& item, const EditContext& context) {
    EditOutcome outcome;
    const PlatformSpec& sp = spec(item.platform);
    std::vector<Issue> notes;
    for (const auto& issue : item.quality.issues) {
        if (issue.severity == Severity::kInfo && issue.code.starts_with("writer.")) {
            notes.push_back(issue);
        }
    }
    const auto angle = agents::read_angle(context.brief);
    // The brief is the user's own statement: its figures and names (the launch date, the
    // product's name) are grounded, and its instructions ("Don't mention ...") are checked for
    // leaks like the documents' own.
    std::vector<Passage> passages(context.passages.begin(), context.passages.end());
    if (!passages.empty()) {  // no passages: grounding is off, and stays off
        passages.push_back(Passage{"brief", "brief", "brief", context.brief.prompt, 0.0});
    }
    const ValidationContext vctx{&context.brief.brand, passages, angle.subject};
    Quality quality = validate_item(item, vctx);
    for (int round = 1; round <= kMaxEditRounds; ++round) {
        const agents::RepairContext rctx{context.brief, sp, quality.issues};
        auto repairs = agents::repair_for_shape(item, rctx);
        outcome.rounds = round;
        if (repairs.empty()) {
            break;
        }
        outcome.repairs.insert(outcome.repairs.end(), repairs.begin(), repairs.end());
        quality = validate_item(item, vctx);
    }
    item.quality = std::move(quality);
    item.quality.issues.insert(item.quality.issues.end(), notes.begin(), notes.end());
    return outcome;
}

std::unique_ptr<Editor> make_offline_editor() {
    return std::make_unique<agents::OfflineEditor>();
}

}  // namespace swarm::core
