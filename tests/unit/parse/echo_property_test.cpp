// Property: whatever words a model uses, template slots, lines addressed to the writer and its own
// narration are never delivered - a section made only of them is missing with a reason, and
// around real copy they are removed - while real copy with legitimate brackets, links and counters
// is delivered intact.
#include "core/parse/section_parser.hpp"
#include "echo_generator.hpp"

#include <algorithm>
#include <random>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::Platform;

constexpr int kIterations = 300;

enum class Kind { kSlotsOnly, kInstructionsOnly, kCopyWithJunk, kBracketedCopy };

struct Section {
    Platform platform;
    Kind kind;
    std::string text;
    std::vector<std::string> copy;  // must be delivered
    std::vector<std::string> junk;  // must never be delivered
};

std::string header(Platform p, std::mt19937& rng) {
    if (p == Platform::kLinkedIn) {
        return pick(rng, {"### LinkedIn", "## LinkedIn Post", "**LinkedIn:**"});
    }
    if (p == Platform::kPitchDeck) {
        return pick(rng, {"# Pitch Deck", "**Pitch Deck:**"});
    }
    return pick(rng, {"### X", "## Twitter/X Post", "**X Post:**"});
}

// Junk lines of one kind as paragraphs (each line a paragraph or several lines in one).
std::vector<std::string> junk_lines(Kind kind, std::mt19937& rng) {
    std::vector<std::string> lines;
    const int n = std::uniform_int_distribution<int>(1, 4)(rng);
    for (int i = 0; i < n; ++i) {
        if (kind == Kind::kSlotsOnly) {
            lines.push_back(random_slot_line(rng));
        } else if (i == 0 || std::bernoulli_distribution(0.6)(rng)) {
            lines.push_back(random_instruction_line(rng));
        } else {
            lines.push_back(random_slot_line(rng));
        }
    }
    return lines;
}

std::string join(const std::vector<std::string>& lines, std::mt19937& rng) {
    std::string out;
    for (const auto& l : lines) {
        out += out.empty() ? "" : (std::bernoulli_distribution(0.5)(rng) ? "\n\n" : "\n");
        out += l;
    }
    return out;
}

Section make_section(Platform platform, std::mt19937& rng) {
    Section s{
        platform, static_cast<Kind>(std::uniform_int_distribution<int>(0, 3)(rng)), "", {}, {}};
    switch (s.kind) {
        case Kind::kSlotsOnly:
        case Kind::kInstructionsOnly:
            s.junk = junk_lines(s.kind, rng);
            s.text = join(s.junk, rng);
            break;
        case Kind::kCopyWithJunk: {
            s.copy = {random_copy_sentence(rng)};
            if (platform == Platform::kLinkedIn) {
                s.copy.push_back(random_copy_sentence(rng));
            }
            std::string body = s.copy.front();
            for (std::size_t i = 1; i < s.copy.size(); ++i) {
                body += "\n\n" + s.copy[i];
            }
            if (platform == Platform::kPitchDeck) {
                body = "## Slide 1: Traction\n- " + s.copy.front();
            }
            // A rule before the copy; not an example label ("WRONG:"), which makes what follows it
            // an example.
            std::string before = random_instruction_line(rng);
            while (before.ends_with(":")) {
                before = random_instruction_line(rng);
            }
            const bool narrated = std::bernoulli_distribution(0.5)(rng);
            const std::string after =
                narrated ? random_narration_line(rng) : random_instruction_line(rng);
            s.junk = {after};
            // A narration or rule line right under the copy (same paragraph) or apart from it;
            // narration may also be glued to the last sentence on the same line.
            const int glue = std::uniform_int_distribution<int>(0, narrated ? 2 : 1)(rng);
            body += (glue == 0 ? "\n" : glue == 1 ? "\n\n" : " ") + after;
            if (std::bernoulli_distribution(0.5)(rng)) {
                body = before + "\n\n" + body;
                s.junk.push_back(before);
            }
            if (std::bernoulli_distribution(0.4)(rng)) {
                const std::string narration = random_narration_line(rng);
                body += "\n\n" + narration;
                s.junk.push_back(narration);
            }
            s.text = body;
            break;
        }
        case Kind::kBracketedCopy:
            s.copy = {random_bracketed_copy(rng)};
            s.text = s.copy.front();
            break;
    }
    s.text = header(platform, rng) + "\n\n" + s.text + "\n";
    return s;
}

// The visible words of a junk line, without list markers and emphasis, as they would appear.
std::string core_of(std::string line) {
    for (const std::string prefix : {"- ", "* ", "1. ", "> ", "**"}) {
        if (line.starts_with(prefix)) {
            line.erase(0, prefix.size());
        }
    }
    while (!line.empty() && (line.back() == '.' || line.back() == ':' || line.back() == '!')) {
        line.pop_back();
    }
    return line;
}

const core::ContentItem* find_item(const core::ParseResult& r, Platform p) {
    const auto it = std::find_if(r.items.begin(), r.items.end(),
                                 [&](const core::ContentItem& i) { return i.platform == p; });
    return it == r.items.end() ? nullptr : &*it;
}

TEST(EchoProperty, JunkIsNeverDeliveredAndRealCopyAlwaysIs) {
    std::mt19937 rng(1101);
    for (int iter = 0; iter < kIterations; ++iter) {
        std::vector<Section> sections{make_section(Platform::kLinkedIn, rng),
                                      make_section(Platform::kTwitter, rng),
                                      make_section(Platform::kPitchDeck, rng)};
        std::shuffle(sections.begin(), sections.end(), rng);
        std::string text;
        for (const auto& s : sections) {
            text += s.text + "\n";
        }
        const auto result = core::parse_model_output(
            text,
            core::ParseOptions{{Platform::kLinkedIn, Platform::kTwitter, Platform::kPitchDeck}});
        for (const auto& s : sections) {
            const auto* item = find_item(result, s.platform);
            const bool junk_only = s.kind == Kind::kSlotsOnly || s.kind == Kind::kInstructionsOnly;
            if (junk_only) {
                EXPECT_EQ(item, nullptr) << "delivered junk:\n"
                                         << text << "\n---\n"
                                         << (item ? item->body : "");
                continue;
            }
            ASSERT_NE(item, nullptr) << "lost real copy:\n" << text;
            for (const auto& c : s.copy) {
                EXPECT_NE(item->body.find(c), std::string::npos) << "lost: " << c << "\nin:\n"
                                                                 << text << "\n---\n"
                                                                 << item->body;
            }
            for (const auto& j : s.junk) {
                EXPECT_EQ(item->body.find(core_of(j)), std::string::npos)
                    << "kept: " << j << "\nin:\n"
                    << text << "\n---\n"
                    << item->body;
            }
        }
        EXPECT_LT(result.completeness, 1.0 + 1e-9);
        const bool any_junk_only = std::any_of(sections.begin(), sections.end(), [](const auto& s) {
            return s.kind == Kind::kSlotsOnly || s.kind == Kind::kInstructionsOnly;
        });
        if (any_junk_only) {
            EXPECT_LT(result.completeness, 1.0) << text;
        }
    }
}

}  // namespace
}  // namespace swarm::test
