// Round-trip property: render random layouts (platform subsets and orders, every header, thread
// and slide style, Markdown/tags/JSON, CRLF), parse them, and get back exactly what was written.
#include "core/parse/section_parser.hpp"
#include "layout_generator.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <random>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::Platform;

constexpr int kIterations = 500;

const std::vector<std::string> kHeaderDebris{
    "###",     "Platform:",       "💼",           "🐦",         "📊",
    "(Final)", "(150-300 words)", "</",          "<linkedin", "**LinkedIn",
    "Let me",  "I'll ",           "Here is the", "```",       "\r"};

std::vector<Platform> random_subset(std::mt19937& rng) {
    std::vector<Platform> all{Platform::kLinkedIn, Platform::kTwitter, Platform::kPitchDeck};
    std::vector<Platform> out;
    while (out.empty()) {
        for (const Platform p : all) {
            if (std::bernoulli_distribution(0.6)(rng)) {
                out.push_back(p);
            }
        }
    }
    return out;
}

void check_section(const GeneratedSection& want, const core::ContentItem& item) {
    for (const auto& s : want.sentences) {
        EXPECT_NE(item.body.find(s), std::string::npos) << "lost: " << s << "\nbody:\n"
                                                        << item.body;
    }
    for (const auto& debris : kHeaderDebris) {
        EXPECT_EQ(item.body.find(debris), std::string::npos) << "leaked '" << debris << "':\n"
                                                             << item.body;
    }
    if (!want.header.empty()) {
        EXPECT_EQ(item.body.find(want.header), std::string::npos)
            << "header leaked: " << want.header;
    }
    if (want.platform == Platform::kTwitter) {
        ASSERT_EQ(item.parts.size(), want.posts) << item.body;
        for (std::size_t i = 0; i < want.posts; ++i) {
            EXPECT_NE(item.parts[i].body.find(want.sentences[i]), std::string::npos);
            const std::string counter =
                want.posts < 2 ? std::string()
                               : std::to_string(i + 1) + "/" + std::to_string(want.posts) + " ";
            EXPECT_EQ(item.parts[i].body, counter + want.sentences[i])
                << "a post is its sentence behind one uniform counter";
        }
    }
    if (want.platform == Platform::kPitchDeck) {
        std::vector<std::string> titles;
        for (const auto& p : item.parts) {
            titles.push_back(p.title);
        }
        EXPECT_EQ(titles, want.slide_titles);
    }
}

// The seed is fixed so failures reproduce; SWARM_PARSER_SEED explores other seeds by hand.
std::uint32_t seed() {
    const char* env = std::getenv("SWARM_PARSER_SEED");  // NOLINT(concurrency-mt-unsafe)
    return env != nullptr ? static_cast<std::uint32_t>(std::strtoul(env, nullptr, 10)) : 20260601U;
}

TEST(ParserProperty, RandomLayoutsRoundTrip) {
    std::mt19937 rng(seed());
    for (int i = 0; i < kIterations; ++i) {
        const auto generated_platforms = random_subset(rng);
        const GeneratedLayout layout = generate_layout(rng, generated_platforms);
        // Sometimes ask for a platform the output lacks: it must be reported, not invented.
        std::vector<Platform> requested = generated_platforms;
        std::vector<Platform> absent;
        for (const Platform p : {Platform::kLinkedIn, Platform::kTwitter, Platform::kPitchDeck}) {
            if (std::find(requested.begin(), requested.end(), p) == requested.end() &&
                requested.size() >= 2 && std::bernoulli_distribution(0.3)(rng)) {
                requested.push_back(p);
                absent.push_back(p);
            }
        }
        const auto result = core::parse_model_output(layout.text, core::ParseOptions{requested});
        SCOPED_TRACE("iteration " + std::to_string(i) + " (" + layout.description + ")\n" +
                     layout.text);
        ASSERT_EQ(result.items.size(), generated_platforms.size());
        EXPECT_EQ(result.missing_platforms, absent);
        for (std::size_t k = 0; k < result.items.size(); ++k) {
            EXPECT_EQ(result.items[k].platform, requested[k]) << "items not in requested order";
        }
        for (const auto& w : result.warnings) {
            EXPECT_EQ(w.code, "parse.missing_section") << w.message;
        }
        for (const auto& want : layout.sections) {
            const auto it =
                std::find_if(result.items.begin(), result.items.end(),
                             [&](const auto& item) { return item.platform == want.platform; });
            ASSERT_NE(it, result.items.end());
            check_section(want, *it);
        }
        if (::testing::Test::HasFailure()) {
            break;  // one readable failure is enough
        }
    }
}

}  // namespace
}  // namespace swarm::test
