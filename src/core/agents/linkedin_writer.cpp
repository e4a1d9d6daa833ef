// The built-in LinkedIn writer: the brief's point above the fold (the news and its date for an
// announcement), then at most four short paragraphs: why it matters, how it works, the proof in
// figures, and the company line with the call to action; hashtags last. Extractive only: every
// sentence is a fact from the sheet, the brief's own words, or a fixed label.
#include "core/agents/brief_angle.hpp"
#include "core/agents/copy_style.hpp"
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
constexpr std::size_t kMaxBullets = 4;
constexpr std::size_t kMaxSentencesPerParagraph = 4;
constexpr std::size_t kWordMargin = 10;  // stay inside the word range, not on its edge

enum class BlockKind { kHook, kWhy, kHow, kProof, kClose, kTags };

struct Block {
    BlockKind kind;
    std::vector<std::string> lines;  // sentences; proof bullets: a lead line then "- " items
    std::vector<const Fact*> facts;
    bool bullets = false;
};

std::string render(const std::vector<Block>& blocks) {
    std::vector<std::string> parts;
    for (const auto& b : blocks) {
        if (!b.lines.empty()) {
            parts.push_back(join(b.lines, b.bullets || b.kind == BlockKind::kTags ? "\n" : " "));
        }
    }
    return join(parts, "\n\n");
}

class LinkedInComposer {
public:
    explicit LinkedInComposer(const WriterInput& in)
        : in_(in), facts_(publishable_facts(in)), angle_(read_angle(in.brief)), copy_(in, angle_) {}

    Result<ContentItem> compose() {
        if (facts_.empty()) {
            return fail(ErrorCode::kFailedPrecondition,
                        "the knowledge base has no usable facts for a LinkedIn post");
        }
        blocks_ = {{BlockKind::kHook, {}, {}},
                   {BlockKind::kWhy, {}, {}},
                   {BlockKind::kHow, {}, {}},
                   {BlockKind::kProof, {}, {}},
                   {BlockKind::kClose, {}, {}}};
        add_hook();
        add_sentences(block(BlockKind::kWhy), {FactTopic::kProblem, FactTopic::kMarket}, 2);
        add_sentences(block(BlockKind::kHow), {FactTopic::kSolution, FactTopic::kProduct}, 2);
        add_proof();
        add_close();
        fill();
        if (angle_.style.numbers_first) {
            // "Numbers over adjectives": the figures come right after the hook.
            auto proof = std::find_if(blocks_.begin(), blocks_.end(),
                                      [](const Block& b) { return b.kind == BlockKind::kProof; });
            std::rotate(blocks_.begin() + 1, proof, proof + 1);
        }
        item_.hashtags = choose_hashtags(in_, in_.spec.min_hashtags + 1);
        blocks_.push_back({BlockKind::kTags, {join(item_.hashtags, " ")}, {}});
        trim();
        return finish();
    }

private:
    Block& block(BlockKind kind) {
        return *std::find_if(blocks_.begin(), blocks_.end(),
                             [&](const Block& b) { return b.kind == kind; });
    }

    bool is_used(const Fact* f) const { return copy_.is_used(*f); }

    void use(Block& b, const Fact* f, std::string text) {
        copy_.mark_used(*f);
        b.lines.push_back(std::move(text));
        b.facts.push_back(f);
    }

    // The news (and its date) for an announcement, else the fact closest to the brief; the
    // second sentence is the fact that says most about the subject.
    void add_hook() {
        Block& hook = block(BlockKind::kHook);
        const auto fold = in_.spec.fold_chars;
        if (auto news = copy_.news_line(fold)) {
            hook.lines.push_back(*news);
            copy_.mark_said(*news);
        }
        for (const Fact* f : copy_.ranked_for_hook(facts_)) {
            const std::string s = copy_.sentence(*f, fold);
            if (s.empty() || char_length(s) > fold || copy_.repeats(*f)) {
                continue;
            }
            use(hook, f, s);
            break;
        }
        if (hook.lines.size() == 1 && hook.facts.empty() && !angle_.subject.empty()) {
            add_note(item_, "no_subject_fact",
                     fmt::format("No fact in the knowledge base describes \"{}\"; add what it "
                                 "does and for whom.",
                                 angle_.subject));
        }
        copy_.decorate_hook(hook.lines);
    }

    // Up to `max` unused facts of the topics, best first, emitted in research order.
    void add_sentences(Block& b, std::initializer_list<FactTopic> topics, std::size_t max) {
        std::vector<std::pair<const Fact*, std::string>> picked;
        for (const Fact* f : copy_.ranked_for_subject(facts_)) {
            if (picked.size() >= max) {
                break;
            }
            const bool topical = std::find(topics.begin(), topics.end(), f->topic) != topics.end();
            if (!topical || is_used(f) || copy_.repeats(*f)) {
                continue;
            }
            if (auto s = copy_.sentence(*f, 300); !s.empty()) {
                copy_.mark_used(*f);
                picked.emplace_back(f, std::move(s));
            }
        }
        std::sort(picked.begin(), picked.end(),
                  [](const auto& x, const auto& y) { return x.first->order < y.first->order; });
        for (auto& [f, s] : picked) {
            use(b, f, std::move(s));
        }
    }

    // Results and figures the post has not shown: 3-4 bullets, or a sentence when fewer.
    void add_proof() {
        std::vector<std::pair<const Fact*, std::string>> picked;
        for (const Fact* f : ranked_for_story(facts_)) {
            if (picked.size() >= kMaxBullets) {
                break;
            }
            if (is_used(f) || f->numbers.empty() || f->text == in_.facts.one_liner ||
                copy_.repeats(*f) || !copy_.fits_story(*f)) {
                continue;
            }
            auto s = CopyStyle::bullet(*f, kMaxBulletChars);
            if (!s.empty()) {
                copy_.mark_used(*f);
                picked.emplace_back(f, std::move(s));
            }
        }
        Block& proof = block(BlockKind::kProof);
        if (picked.size() < kMinBullets) {
            if (picked.empty()) {
                add_note(item_, "few_numbers",
                         "No facts with figures in the knowledge base; a LinkedIn post reads "
                         "best with 3-4 specific results.");
            }
            for (auto& [f, s] : picked) {
                use(proof, f, CopyStyle::as_prose(s));
            }
            return;
        }
        proof.bullets = true;
        proof.lines.push_back(copy_.label_by_the_numbers());
        for (auto& [f, s] : picked) {
            use(proof, f, "- " + s);
        }
    }

    void add_close() {
        Block& close = block(BlockKind::kClose);
        for (const Fact* f : facts_) {
            if (f->text == in_.facts.one_liner && !is_used(f) && !copy_.repeats(*f)) {
                use(close, f, copy_.sentence(*f, 300));
                break;
            }
        }
        close.lines.push_back(copy_.cta_line());
    }

    std::size_t words() const { return count_words(render(blocks_)); }

    // Adds relevant sentences to the why and how paragraphs until the post reaches its range.
    void fill() {
        const auto target = static_cast<std::size_t>(in_.spec.min_words) + kWordMargin + 10;
        const auto ceiling = static_cast<std::size_t>(in_.spec.max_words) - 3 * kWordMargin;
        for (const Fact* f : copy_.ranked_for_subject(facts_)) {
            if (words() >= target) {
                break;
            }
            if (is_used(f) || copy_.repeats(*f) || !copy_.fits_story(*f)) {
                continue;
            }
            // A figure the proof list does not have yet joins it (up to five bullets).
            Block& proof = block(BlockKind::kProof);
            if (proof.bullets && !f->numbers.empty() && proof.lines.size() <= kMaxBullets + 1) {
                if (auto b = CopyStyle::bullet(*f, kMaxBulletChars);
                    !b.empty() && words() + count_words(b) <= ceiling) {
                    use(proof, f, "- " + b);
                    continue;
                }
            }
            const std::string s = copy_.sentence(*f, 300);
            if (s.empty() || words() + count_words(s) > ceiling) {
                continue;
            }
            const bool why = f->topic == FactTopic::kProblem || f->topic == FactTopic::kMarket;
            Block& b = block(why ? BlockKind::kWhy : BlockKind::kHow);
            if (b.lines.size() < kMaxSentencesPerParagraph) {
                use(b, f, s);
            }
        }
    }

    bool drop_one() {
        for (const auto kind : {BlockKind::kHow, BlockKind::kWhy}) {
            Block& b = block(kind);
            if (b.lines.size() > 1) {
                b.lines.pop_back();
                b.facts.pop_back();
                return true;
            }
        }
        Block& proof = block(BlockKind::kProof);
        if (proof.bullets && proof.lines.size() > kMinBullets + 1) {
            proof.lines.pop_back();
            proof.facts.pop_back();
            return true;
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
        copy_.add_withheld_note(item_);
        return item_;
    }

    const WriterInput& in_;
    std::vector<const Fact*> facts_;
    BriefAngle angle_;
    CopyStyle copy_;
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
