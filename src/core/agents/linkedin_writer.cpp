// The built-in LinkedIn writer: a hook above the fold, short paragraphs (problem, solution), 3-5
// bullets with numbers, the company line, the call to action and hashtags. Extractive only.
#include "core/agents/offline_writers.hpp"
#include "core/agents/text_tools.hpp"
#include "core/agents/writer_support.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

constexpr std::size_t kMaxBulletChars = 160;
constexpr std::size_t kMinBullets = 3;
constexpr std::size_t kMaxBullets = 5;
constexpr std::ptrdiff_t kMaxBulletsPerTopic = 2;  // variety: not five market figures
constexpr std::size_t kWordMargin = 10;            // stay inside the word range, not on its edge

enum class BlockKind { kHook, kProse, kBullets, kFiller, kCompany, kCta, kTags };

struct Block {
    BlockKind kind;
    std::vector<std::string> lines;  // prose: sentences; bullets: lead line then "- " items
    std::vector<const Fact*> facts;
};

std::string render_block(const Block& b) {
    return join(b.lines, b.kind == BlockKind::kBullets || b.kind == BlockKind::kTags ? "\n" : " ");
}

std::string render(const std::vector<Block>& blocks) {
    std::vector<std::string> parts;
    for (const auto& b : blocks) {
        if (!b.lines.empty()) {
            parts.push_back(render_block(b));
        }
    }
    return join(parts, "\n\n");
}

class LinkedInComposer {
public:
    explicit LinkedInComposer(const WriterInput& in) : in_(in), facts_(usable_facts(in)) {}

    Result<ContentItem> compose() {
        if (facts_.empty()) {
            return fail(ErrorCode::kFailedPrecondition,
                        "the knowledge base has no usable facts for a LinkedIn post");
        }
        add_hook();
        add_paragraph(BlockKind::kProse, {FactTopic::kProblem}, 2, false);
        add_paragraph(BlockKind::kProse, {FactTopic::kSolution, FactTopic::kProduct}, 2, true);
        add_bullets();
        add_company();
        fill();
        blocks_.push_back({BlockKind::kCta, {call_to_action(in_.brief, brand_name(in_))}, {}});
        item_.hashtags = choose_hashtags(in_, in_.spec.min_hashtags + 1);
        blocks_.push_back({BlockKind::kTags, {join(item_.hashtags, " ")}, {}});
        trim();
        return finish();
    }

private:
    bool is_used(const Fact* f) const { return used_.count(f) != 0; }

    void use(Block& block, const Fact* f, std::string text) {
        used_.insert(f);
        shown_.insert(f->numbers.begin(), f->numbers.end());
        block.lines.push_back(std::move(text));
        block.facts.push_back(f);
    }

    const Fact* predecessor(const Fact* f) const {
        for (const Fact* g : facts_) {
            if (g->passage_id == f->passage_id && g->order + 1 == f->order) {
                return g;
            }
        }
        return nullptr;
    }

    void add_hook() {
        Block hook{BlockKind::kHook, {}, {}};
        const auto fold = in_.spec.fold_chars;
        for (const Fact* f : ranked(facts_)) {
            const std::string s = as_sentence(*f);
            if (!starts_with_pronoun(s) && char_length(s) <= fold) {
                use(hook, f, s);
                break;
            }
        }
        if (hook.lines.empty()) {
            for (const Fact* f : ranked(facts_)) {
                if (auto s = shorten_at_clause(as_sentence(*f), fold, char_length);
                    s && !starts_with_pronoun(*s)) {
                    use(hook, f, *s);
                    break;
                }
            }
        }
        blocks_.push_back(std::move(hook));
    }

    // Up to `max` facts of the topics (best first), emitted in research order; a fact opening
    // with a pronoun brings its predecessor sentence along or is left out.
    void add_paragraph(BlockKind kind, std::initializer_list<FactTopic> topics, std::size_t max,
                       bool prose_only) {
        std::vector<const Fact*> picked;
        for (const Fact* f : ranked(facts_)) {
            const bool topical = std::find(topics.begin(), topics.end(), f->topic) != topics.end();
            if (!topical || is_used(f) || (prose_only && f->from_list) || picked.size() >= max) {
                continue;
            }
            if (starts_with_pronoun(f->text)) {
                const Fact* prev = predecessor(f);
                if (prev == nullptr || is_used(prev)) {
                    continue;
                }
                picked.push_back(prev);
            }
            picked.push_back(f);
        }
        std::sort(picked.begin(), picked.end(),
                  [](const Fact* a, const Fact* b) { return a->order < b->order; });
        picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
        Block block{kind, {}, {}};
        for (const Fact* f : picked) {
            use(block, f, as_sentence(*f));
        }
        if (!block.lines.empty()) {
            blocks_.push_back(std::move(block));
        }
    }

    // Facts with numbers the post has not shown yet: results and product figures first, then
    // anything else; a bullet keeps a number after shortening. The one-liner is kept for later.
    void add_bullets() {
        std::vector<std::pair<const Fact*, std::string>> picked;
        for (const bool story_only : {true, false}) {
            for (const Fact* f : ranked_for_story(facts_)) {
                const bool story =
                    f->topic == FactTopic::kTraction || f->topic == FactTopic::kProduct ||
                    f->topic == FactTopic::kSolution || f->topic == FactTopic::kProblem ||
                    f->topic == FactTopic::kMarket || f->topic == FactTopic::kNumbers;
                const auto same_topic =
                    std::count_if(picked.begin(), picked.end(),
                                  [&](const auto& p) { return p.first->topic == f->topic; });
                if (picked.size() >= kMaxBullets || is_used(f) || f->numbers.empty() ||
                    (story_only && same_topic >= kMaxBulletsPerTopic) || (story_only && !story) ||
                    f->text == in_.facts.one_liner || starts_with_pronoun(f->text) ||
                    !adds_new_number(*f, shown_)) {
                    continue;
                }
                auto s = shorten_at_clause(f->text, kMaxBulletChars, char_length);
                if (s && !extract_numbers(*s).empty()) {
                    picked.emplace_back(f, std::move(*s));
                    shown_.insert(f->numbers.begin(), f->numbers.end());
                }
            }
        }
        if (picked.size() < kMinBullets) {
            add_note(item_, "few_numbers",
                     fmt::format("{} in the knowledge base; a LinkedIn post reads best with 3-5 "
                                 "specific figures.",
                                 picked.empty() ? std::string("No facts with numbers")
                                                : fmt::format("Only {} fact(s) with new numbers",
                                                              picked.size())));
            Block block{BlockKind::kProse, {}, {}};
            for (auto& [f, s] : picked) {
                use(block, f, std::move(s));
            }
            if (!block.lines.empty()) {
                blocks_.push_back(std::move(block));
            }
            return;
        }
        Block block{BlockKind::kBullets, {"By the numbers:"}, {}};
        for (auto& [f, s] : picked) {
            use(block, f, "- " + s);
        }
        blocks_.push_back(std::move(block));
    }

    void add_company() {
        for (const Fact* f : facts_) {
            if (f->text == in_.facts.one_liner && !is_used(f)) {
                Block block{BlockKind::kCompany, {}, {}};
                use(block, f, f->text);
                blocks_.push_back(std::move(block));
                return;
            }
        }
    }

    std::size_t words() const { return count_words(render(blocks_)); }

    // Adds further relevant facts, one short paragraph each, until the post reaches its range.
    void fill() {
        const auto target = static_cast<std::size_t>(in_.spec.min_words) + kWordMargin + 10;
        const auto ceiling = static_cast<std::size_t>(in_.spec.max_words) - 3 * kWordMargin;
        auto insert_at = blocks_.end();
        if (!blocks_.empty() && blocks_.back().kind == BlockKind::kCompany) {
            insert_at = blocks_.end() - 1;
        }
        std::size_t offset = static_cast<std::size_t>(insert_at - blocks_.begin());
        for (const Fact* f : ranked(facts_)) {
            if (words() >= target) {
                break;
            }
            const std::string s = as_sentence(*f);
            if (is_used(f) || starts_with_pronoun(s) || words() + count_words(s) > ceiling ||
                char_length(s) > 300) {
                continue;
            }
            Block block{BlockKind::kFiller, {}, {}};
            use(block, f, s);
            blocks_.insert(blocks_.begin() + static_cast<std::ptrdiff_t>(offset++),
                           std::move(block));
        }
    }

    bool drop_one() {
        for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it) {
            if (it->kind == BlockKind::kFiller) {
                blocks_.erase(std::next(it).base());
                return true;
            }
        }
        for (auto& b : blocks_) {
            if (b.kind == BlockKind::kBullets && b.lines.size() > kMinBullets + 1) {
                b.lines.pop_back();
                b.facts.pop_back();
                return true;
            }
        }
        for (auto& b : blocks_) {
            if (b.kind == BlockKind::kProse && b.lines.size() > 1) {
                b.lines.pop_back();
                b.facts.pop_back();
                return true;
            }
        }
        return false;
    }

    void trim() {
        const auto max_words = static_cast<std::size_t>(in_.spec.max_words) - kWordMargin;
        while ((words() > max_words || char_length(render(blocks_)) > in_.spec.max_chars) &&
               drop_one()) {
        }
    }

    Result<ContentItem> finish() {
        item_.platform = in_.spec.platform;
        item_.body = render(blocks_);
        for (const auto& b : blocks_) {
            for (const Fact* f : b.facts) {
                add_source(item_, *f);
            }
        }
        const std::size_t n = count_words(item_.body);
        if (n < static_cast<std::size_t>(in_.spec.min_words)) {
            add_note(item_, "short_material",
                     fmt::format("The knowledge base supports about {} words; LinkedIn posts "
                                 "should have {}-{}. Add more facts (results, figures, customer "
                                 "problems) to the knowledge base.",
                                 n, in_.spec.min_words, in_.spec.max_words));
        }
        if (blocks_.front().kind != BlockKind::kHook || blocks_.front().lines.empty()) {
            add_note(
                item_, "no_hook",
                fmt::format("No fact fits above the fold ({} characters).", in_.spec.fold_chars));
        }
        return item_;
    }

    const WriterInput& in_;
    std::vector<const Fact*> facts_;
    std::set<const Fact*> used_;
    std::set<std::string> shown_;  // numbers already in the post
    std::vector<Block> blocks_;
    ContentItem item_;
};

class LinkedInWriter final : public Writer {
public:
    Result<ContentItem> write(const WriterInput& input) override {
        return LinkedInComposer(input).compose();
    }
};

}  // namespace

std::unique_ptr<Writer> make_linkedin_writer() {
    return std::make_unique<LinkedInWriter>();
}

}  // namespace swarm::core::agents
