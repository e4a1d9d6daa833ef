#include "core/agents/writer_support.hpp"

#include "core/agents/text_tools.hpp"
#include "core/text/language.hpp"
#include "core/text/phrasebook.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

constexpr auto kDeterminers = std::to_array<std::string_view>(
    {"the", "a", "an", "every", "each", "all", "your", "their", "its", "up", "more", "less",
     "fewer", "any", "new", "live", "real-time"});

std::string first_word(std::string_view s, std::size_t& end) {
    end = s.find(' ');
    return std::string(s.substr(0, end));
}

// The heading's last segment when it reads like a name ("Smart Dispatch"), else empty.
std::string subject_from_heading(std::string_view heading) {
    const auto last = heading.rfind(" > ");
    const std::string_view tail =
        text::trim(last == std::string_view::npos ? heading : heading.substr(last + 3));
    if (tail.empty() || count_words(tail) > 4 || tail.find_first_of(":()") != std::string::npos) {
        return {};
    }
    std::size_t start = 0;
    while (start < tail.size()) {
        if (std::isupper(static_cast<unsigned char>(tail[start])) == 0) {
            return {};
        }
        const auto space = tail.find(' ', start);
        start = space == std::string_view::npos ? tail.size() : space + 1;
    }
    return std::string(tail);
}

}  // namespace

bool has_banned_phrase(std::string_view text, const BrandRules& brand) {
    return std::any_of(brand.banned_phrases.begin(), brand.banned_phrases.end(),
                       [&](const std::string& p) { return contains_phrase(text, p); });
}

std::vector<const Fact*> usable_facts(const WriterInput& input) {
    std::vector<const Fact*> out;
    for (const auto& f : input.facts.facts) {
        if (!has_banned_phrase(f.text, input.brief.brand)) {
            out.push_back(&f);
        }
    }
    return out;
}

double fact_score(const Fact& fact) {
    double score = 2.0 * fact.relevance + (fact.numbers.empty() ? 0.0 : 1.0);
    if (starts_with_pronoun(fact.text)) {
        score -= 3.0;
    }
    return score;
}

std::vector<const Fact*> ranked(std::vector<const Fact*> facts) {
    std::stable_sort(facts.begin(), facts.end(),
                     [](const Fact* a, const Fact* b) { return fact_score(*a) > fact_score(*b); });
    return facts;
}

double story_score(const Fact& fact) {
    double bonus = 0;
    switch (fact.topic) {
        case FactTopic::kTraction:
            bonus = 1.5;
            break;
        case FactTopic::kProduct:
        case FactTopic::kSolution:
            bonus = 1.0;
            break;
        case FactTopic::kProblem:
        case FactTopic::kMarket:
            bonus = 0.5;
            break;
        default:
            break;
    }
    return fact_score(fact) + bonus;
}

std::vector<const Fact*> ranked_for_story(std::vector<const Fact*> facts) {
    std::stable_sort(facts.begin(), facts.end(), [](const Fact* a, const Fact* b) {
        return story_score(*a) > story_score(*b);
    });
    return facts;
}

std::string as_sentence(const Fact& fact) {
    if (!fact.from_list ||
        (fact.topic != FactTopic::kProduct && fact.topic != FactTopic::kSolution)) {
        return fact.text;
    }
    std::size_t end = 0;
    const std::string verb = first_word(fact.text, end);
    if (end == std::string::npos || verb.size() < 3 || verb.back() != 's' ||
        std::isupper(static_cast<unsigned char>(verb[0])) == 0 ||
        verb.find_first_of(":,") != std::string::npos) {
        return fact.text;
    }
    std::size_t next_end = 0;
    const std::string next =
        text::ascii_lower(first_word(std::string_view(fact.text).substr(end + 1), next_end));
    if (std::find(kDeterminers.begin(), kDeterminers.end(), next) == kDeterminers.end()) {
        return fact.text;
    }
    const std::string subject = subject_from_heading(fact.heading);
    if (subject.empty()) {
        return fact.text;
    }
    std::string out = subject + " " + fact.text;
    out[subject.size() + 1] =
        static_cast<char>(std::tolower(static_cast<unsigned char>(out[subject.size() + 1])));
    return out;
}

bool adds_new_number(const Fact& fact, const std::set<std::string>& shown) {
    return std::any_of(fact.numbers.begin(), fact.numbers.end(),
                       [&](const std::string& n) { return !shown.contains(n); });
}

std::string brand_name(const WriterInput& input) {
    const auto name = text::trim(input.brief.brand.name);
    return name.empty() ? input.facts.company_name : std::string(name);
}

std::string call_to_action(const Brief& brief, std::string_view fallback_brand) {
    const auto cta = text::trim(brief.brand.call_to_action);
    if (!cta.empty()) {
        return std::string(cta);
    }
    const auto name = text::trim(brief.brand.name);
    const std::string_view brand = name.empty() ? fallback_brand : name;
    std::string lang = text::normalize_language(brief.language);
    if (brand.empty()) {
        return std::string(text::phrase(lang, text::Phrase::kLearnMore));
    }
    return text::phrase_format(lang, text::Phrase::kLearnMoreAbout, brand);
}

std::vector<std::string> choose_hashtags(const WriterInput& input, int count) {
    const auto cap = static_cast<std::size_t>(std::max(0, input.spec.max_hashtags));
    const auto want = std::min(cap, static_cast<std::size_t>(std::max(0, count)));
    std::vector<std::string> out;
    const auto push = [&](std::string tag, std::size_t limit) {
        if (tag.empty() || out.size() >= limit) {
            return;
        }
        if (tag.front() != '#') {
            tag.insert(tag.begin(), '#');
        }
        const auto same = [&](const std::string& x) {
            return same_hashtag(x, tag);
        };
        if (std::none_of(out.begin(), out.end(), same)) {
            out.push_back(std::move(tag));
        }
    };
    // Required hashtags are a brand rule (an error when missing): they stay even past the
    // platform's maximum, which is only a house rule. A platform without hashtags gets none.
    const auto& required = input.brief.brand.required_hashtags;
    for (const auto& tag : required) {
        push(tag, cap == 0 ? 0 : std::max(cap, required.size()));
    }
    for (const auto& tag : input.facts.hashtag_candidates) {
        if (!has_banned_phrase(tag.substr(1), input.brief.brand)) {
            push(tag, want);
        }
    }
    return out;
}

void add_source(ContentItem& item, const Fact& fact) {
    const auto same = [&](const Source& s) {
        return s.chunk_id == fact.passage_id;
    };
    if (std::none_of(item.sources.begin(), item.sources.end(), same)) {
        item.sources.push_back(source_of(fact));
    }
}

void add_note(ContentItem& item, std::string code, std::string message) {
    item.quality.issues.push_back(
        Issue{"writer." + std::move(code), Severity::kInfo, std::move(message), "body"});
}

std::string render_deck_markdown(const std::vector<Part>& slides) {
    std::string out;
    for (std::size_t i = 0; i < slides.size(); ++i) {
        const auto& s = slides[i];
        out += fmt::format("{}## {}. {}\n", i == 0 ? "" : "\n", i + 1, s.title);
        for (const auto& b : s.bullets) {
            out += "- " + b + "\n";
        }
        if (!s.notes.empty()) {
            out +=
                (s.bullets.empty() ? "" : "\n") + std::string("_Speaker notes:_ ") + s.notes + "\n";
        }
    }
    return out;
}

std::string thread_prefix(std::size_t index, std::size_t total) {
    return fmt::format("{}/{} ", index + 1, total);
}

std::string strip_thread_prefix(std::string_view post) {
    std::size_t i = 0;
    const auto digits = [&] {
        const std::size_t start = i;
        while (i < post.size() && std::isdigit(static_cast<unsigned char>(post[i])) != 0) {
            ++i;
        }
        return i > start;
    };
    if (digits() && i < post.size() && post[i] == '/' && (++i, digits()) && i < post.size() &&
        post[i] == ' ') {
        return std::string(post.substr(i + 1));
    }
    return std::string(post);
}

}  // namespace swarm::core::agents
