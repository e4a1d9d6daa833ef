// The built-in X writer: a single post (the brief's point, call to action, hashtags) or a
// numbered thread: the hook carries the news, then one idea per post in story order (why, how,
// proof), never the same fact twice, and the call to action last. Every post fits 280 weighted.
#include "core/agents/brief_angle.hpp"
#include "core/agents/copy_style.hpp"
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

// Topics in the order a thread tells them: why, what it is and how it works, the proof, context.
int story_rank(FactTopic topic) {
    switch (topic) {
        case FactTopic::kProblem:
            return 0;
        case FactTopic::kSolution:
        case FactTopic::kProduct:
            return 1;
        case FactTopic::kTraction:
        case FactTopic::kNumbers:
            return 2;
        case FactTopic::kMarket:
        case FactTopic::kCompetition:
            return 3;
        default:
            return 4;
    }
}

class TwitterComposer {
public:
    explicit TwitterComposer(const WriterInput& in)
        : in_(in),
          limit_(in.spec.max_chars),
          angle_(read_angle(in.brief)),
          copy_(in, angle_),
          cta_(copy_.cta_line()) {}

    Result<ContentItem> compose() {
        collect();
        if (candidates_.empty()) {
            return fail(ErrorCode::kFailedPrecondition,
                        "the knowledge base has no fact short enough for an X post");
        }
        item_.platform = in_.spec.platform;
        item_.hashtags = choose_hashtags(in_, in_.spec.min_hashtags + 1);
        const auto good = static_cast<std::size_t>(
            std::count_if(candidates_.begin(), candidates_.end(),
                          [](const Candidate& c) { return !c.fact->numbers.empty(); }));
        const bool thread = in_.brief.options.twitter_thread.value_or(good >= kThreadMinGoodFacts);
        std::vector<std::string> posts = thread ? thread_posts() : single_post();
        if (posts.empty()) {
            return fail(ErrorCode::kFailedPrecondition,
                        "no fact fits in one X post together with the call to action");
        }
        if (thread && posts.size() < 4) {
            add_note(item_, "thin_thread",
                     fmt::format("Only {} distinct facts fit a thread; add results, figures and "
                                 "how the product works to the knowledge base.",
                                 posts.size() - 1));
        }
        for (const auto& p : posts) {
            item_.parts.push_back(Part{{}, p, {}, {}});
        }
        item_.body = join(posts, "\n\n");
        copy_.add_withheld_note(item_);
        return item_;
    }

private:
    void collect() {
        for (const Fact* f : copy_.ranked_for_hook(publishable_facts(in_))) {
            auto s = copy_.sentence(*f, limit_ - kPrefixRoom);
            if (!s.empty() && weighted(s) <= limit_ - kPrefixRoom) {
                candidates_.push_back({f, std::move(s)});
            }
        }
    }

    std::string tags() const { return join(item_.hashtags, " "); }

    // The news line with the fact that best carries the brief's point, else that fact alone.
    std::string hook(std::size_t room, const Candidate*& used) {
        auto news = copy_.news_line(room);
        std::vector<std::string> lines;
        if (news) {
            lines.push_back(*news);
            copy_.mark_said(*news);
        }
        for (const auto& c : candidates_) {
            if (copy_.repeats(*c.fact)) {
                continue;
            }
            const std::string joined = news ? *news + " " + c.text : c.text;
            if (weighted(joined) + (copy_.angle().style.emoji ? 3 : 0) <= room) {
                lines.push_back(c.text);
                used = &c;
                copy_.mark_used(*c.fact);
                break;
            }
        }
        copy_.decorate_hook(lines);
        return join(lines, " ");
    }

    std::vector<std::string> thread_posts() {
        const Candidate* first = nullptr;
        std::vector<std::string> bodies{hook(limit_ - kPrefixRoom, first)};
        if (first != nullptr) {
            add_source(item_, *first->fact);
        }
        const auto max_posts =
            std::min(kMaxFactPosts, static_cast<std::size_t>(std::max(2, in_.spec.max_parts)) - 1);
        std::vector<const Candidate*> picked;
        for (const auto& c : candidates_) {
            if (picked.size() + 1 >= max_posts) {
                break;
            }
            if (&c == first || copy_.is_used(*c.fact) || copy_.repeats(*c.fact) ||
                !copy_.fits_story(*c.fact)) {
                continue;
            }
            copy_.mark_used(*c.fact);
            picked.push_back(&c);
        }
        // Why, then how, then the proof; within a topic, the documents' order.
        std::stable_sort(picked.begin(), picked.end(), [](const Candidate* a, const Candidate* b) {
            const int ra = story_rank(a->fact->topic);
            const int rb = story_rank(b->fact->topic);
            return ra != rb ? ra < rb : a->fact->order < b->fact->order;
        });
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
        const auto room = limit_ - std::min(limit_, weighted(tail));
        const Candidate* first = nullptr;
        std::string text = hook(room, first);
        if (text.empty()) {
            return {};
        }
        if (first != nullptr) {
            add_source(item_, *first->fact);
        }
        for (const auto& next : candidates_) {
            if (&next != first && !copy_.is_used(*next.fact) && !copy_.repeats(*next.fact) &&
                weighted(text + " " + next.text) <= room) {
                text += " " + next.text;
                add_source(item_, *next.fact);
                break;
            }
        }
        return {text + tail};
    }

    const WriterInput& in_;
    std::size_t limit_;
    BriefAngle angle_;
    CopyStyle copy_;
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
