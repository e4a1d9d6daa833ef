// The built-in X writer: a single post (best fact, call to action, hashtags) or a numbered thread
// (hook, one fact per post, call to action last). Every post fits the weighted 280 limit.
#include "core/agents/offline_writers.hpp"
#include "core/agents/text_tools.hpp"
#include "core/agents/writer_support.hpp"
#include "core/validate/validator.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

constexpr std::size_t kThreadMinGoodFacts = 4;  // unset option: a thread from this many facts
                                                // with numbers
constexpr std::size_t kMaxFactPosts = 6;        // posts with facts in a thread (plus the CTA)
constexpr std::size_t kPrefixRoom = 8;          // "12/15 " and a margin

std::size_t weighted(std::string_view s) {
    return x_weighted_length(s);
}

struct Candidate {
    const Fact* fact;
    std::string text;  // already within the post limit
};

class TwitterComposer {
public:
    explicit TwitterComposer(const WriterInput& in)
        : in_(in), limit_(in.spec.max_chars), cta_(call_to_action(in.brief, brand_name(in))) {}

    Result<ContentItem> compose() {
        collect();
        if (candidates_.empty()) {
            return fail(ErrorCode::kFailedPrecondition,
                        "the knowledge base has no fact short enough for an X post");
        }
        item_.platform = in_.spec.platform;
        item_.hashtags = choose_hashtags(in_, in_.spec.min_hashtags + 1);
        const std::size_t good = static_cast<std::size_t>(
            std::count_if(candidates_.begin(), candidates_.end(),
                          [](const Candidate& c) { return !c.fact->numbers.empty(); }));
        const bool thread = in_.brief.options.twitter_thread.value_or(good >= kThreadMinGoodFacts);
        std::vector<std::string> posts = thread ? thread_posts() : single_post();
        if (posts.empty()) {
            return fail(ErrorCode::kFailedPrecondition,
                        "no fact fits in one X post together with the call to action");
        }
        if (thread && good < kThreadMinGoodFacts) {
            add_note(item_, "thin_thread",
                     fmt::format("Only {} facts with numbers in the knowledge base; the "
                                 "thread is short.",
                                 good));
        }
        for (const auto& p : posts) {
            item_.parts.push_back(Part{{}, p, {}, {}});
        }
        item_.body = join(posts, "\n\n");
        return item_;
    }

private:
    void collect() {
        for (const Fact* f : ranked_for_story(usable_facts(in_))) {
            const std::string s = as_sentence(*f);
            if (starts_with_pronoun(s)) {
                continue;
            }
            if (auto fit = shorten_at_clause(s, limit_ - kPrefixRoom, weighted)) {
                candidates_.push_back({f, std::move(*fit)});
            }
        }
    }

    std::string tags() const { return join(item_.hashtags, " "); }

    std::vector<std::string> thread_posts() {
        std::vector<const Candidate*> picked{&candidates_.front()};
        std::set<std::string> shown(candidates_.front().fact->numbers.begin(),
                                    candidates_.front().fact->numbers.end());
        // Story facts (and the company's one-liner) first; other facts only to fill the thread.
        const auto max_posts =
            std::min(kMaxFactPosts, static_cast<std::size_t>(std::max(2, in_.spec.max_parts)) - 1);
        for (const bool story_only : {true, false}) {
            for (const auto& c : candidates_) {
                const bool story = story_score(*c.fact) > fact_score(*c.fact) ||
                                   c.fact->text == in_.facts.one_liner;
                const bool useful = c.fact->numbers.empty() ? c.fact->relevance > 0
                                                            : adds_new_number(*c.fact, shown);
                const bool taken = std::find(picked.begin(), picked.end(), &c) != picked.end();
                if (picked.size() < max_posts && !taken && useful && (story || !story_only)) {
                    picked.push_back(&c);
                    shown.insert(c.fact->numbers.begin(), c.fact->numbers.end());
                }
            }
        }
        // The hook stays first; the rest follow the documents' order (problem before results).
        std::sort(picked.begin() + 1, picked.end(), [](const Candidate* a, const Candidate* b) {
            return a->fact->order < b->fact->order;
        });
        std::vector<std::string> bodies;
        for (const Candidate* c : picked) {
            bodies.push_back(c->text);
            add_source(item_, *c->fact);
        }
        bodies.push_back(closing_post(bodies.size() + 1));
        return number(std::move(bodies));
    }

    // The call to action with the hashtags; hashtags beyond the required ones go if it is long.
    std::string closing_post(std::size_t total) {
        const std::string prefix = thread_prefix(total - 1, total);
        while (!item_.hashtags.empty() && weighted(prefix + cta_ + "\n\n" + tags()) > limit_ &&
               item_.hashtags.size() > in_.brief.brand.required_hashtags.size()) {
            item_.hashtags.pop_back();
        }
        return item_.hashtags.empty() ? cta_ : cta_ + "\n\n" + tags();
    }

    std::vector<std::string> number(std::vector<std::string> bodies) const {
        const std::size_t total = bodies.size();
        std::vector<std::string> posts;
        for (std::size_t i = 0; i < total; ++i) {
            const std::string prefix = thread_prefix(i, total);
            std::string body = bodies[i];
            if (weighted(prefix + body) > limit_) {
                auto fit = shorten_at_clause(body, limit_ - weighted(prefix), weighted);
                body = fit ? *fit : body;
            }
            posts.push_back(prefix + body);
        }
        return posts;
    }

    std::vector<std::string> single_post() {
        const std::string tail = "\n\n" + cta_ + (item_.hashtags.empty() ? "" : "\n\n" + tags());
        for (const auto& first : candidates_) {
            std::string text = first.text;
            if (weighted(text + tail) > limit_) {
                const auto room = limit_ - std::min(limit_, weighted(tail));
                auto fit = shorten_at_clause(text, room, weighted);
                if (!fit) {
                    continue;
                }
                text = *fit;
            }
            add_source(item_, *first.fact);
            for (const auto& next : candidates_) {
                if (&next != &first &&
                    adds_new_number(*next.fact,
                                    {first.fact->numbers.begin(), first.fact->numbers.end()}) &&
                    weighted(text + " " + next.text + tail) <= limit_) {
                    text += " " + next.text;
                    add_source(item_, *next.fact);
                    break;
                }
            }
            return {text + tail};
        }
        return {};
    }

    const WriterInput& in_;
    std::size_t limit_;
    std::string cta_;
    std::vector<Candidate> candidates_;
    ContentItem item_;
};

class TwitterWriter final : public Writer {
public:
    Result<ContentItem> write(const WriterInput& input) override {
        return TwitterComposer(input).compose();
    }
};

}  // namespace

std::unique_ptr<Writer> make_twitter_writer() {
    return std::make_unique<TwitterWriter>();
}

}  // namespace swarm::core::agents
