// Pitch-deck rules: slide count, titles, bullets, investor order and the required topics.
#include "core/validate/deck_rules.hpp"

#include "core/validate/rules.hpp"
#include "unit/validate/fieldnote_fixture.hpp"
#include "unit/validate/issue_helpers.hpp"

#include <cctype>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::validate {
namespace {

using test::count_code;
using test::dump;
using test::find_code;
using test::has_code;
using test::has_issue_at;

std::vector<Issue> check(const ContentItem& item) {
    std::vector<Issue> issues;
    check_deck(item, issues);
    return issues;
}

ContentItem deck_of(const std::vector<std::string>& titles) {
    ContentItem item;
    item.platform = Platform::kPitchDeck;
    for (const auto& title : titles) {
        item.parts.push_back(Part{title, "", {"A short point", "Another point"}, ""});
    }
    return item;
}

std::vector<std::string> good_titles() {
    return {"Acme",     "Problem",     "Solution", "Product",    "Market",  "Business model",
            "Traction", "Competition", "Team",     "Financials", "The ask", "Thank you"};
}

TEST(DeckRules, FixtureDeckPasses) {
    const auto issues = check(test::fieldnote::deck());
    EXPECT_TRUE(issues.empty()) << dump(issues);
}

TEST(DeckRules, WellOrderedDeckPasses) {
    EXPECT_TRUE(check(deck_of(good_titles())).empty());
}

struct CountCase {
    int slides;
    bool error;       // deck.slide_count: not a deck (under 5 slides) or too long (over 12)
    bool short_deck;  // deck.short: a shorter deck the documents could not fill
};

class DeckSlideCount : public ::testing::TestWithParam<CountCase> {};

TEST_P(DeckSlideCount, TenToTwelveSlidesOrShorterWithAWarning) {
    std::vector<std::string> titles{"Problem", "Solution", "Traction", "Team", "The ask"};
    while (static_cast<int>(titles.size()) < GetParam().slides) {
        titles.emplace_back("Roadmap");
    }
    titles.resize(static_cast<std::size_t>(GetParam().slides));
    const auto issues = check(deck_of(titles));
    EXPECT_EQ(has_code(issues, "deck.slide_count"), GetParam().error) << dump(issues);
    EXPECT_EQ(has_code(issues, "deck.short"), GetParam().short_deck) << dump(issues);
    if (GetParam().error) {
        EXPECT_EQ(find_code(issues, "deck.slide_count").severity, Severity::kError);
    }
    if (GetParam().short_deck) {
        EXPECT_EQ(find_code(issues, "deck.short").severity, Severity::kWarning);
    }
}

INSTANTIATE_TEST_SUITE_P(Bounds, DeckSlideCount,
                         ::testing::Values(CountCase{4, true, false}, CountCase{5, false, true},
                                           CountCase{9, false, true}, CountCase{10, false, false},
                                           CountCase{12, false, false},
                                           CountCase{13, true, false}));

TEST(DeckRules, ASlideWithNothingOnItIsAnErrorWhateverItsNotes) {
    for (std::size_t at = 1; at < good_titles().size(); ++at) {
        auto deck = deck_of(good_titles());
        deck.parts[at].bullets =
            at % 2 == 0 ? std::vector<std::string>{} : std::vector<std::string>{" ", ""};
        deck.parts[at].notes = "No supporting material; add it before presenting.";
        const auto issues = check(deck);
        EXPECT_TRUE(has_issue_at(issues, "deck.blank_slide", "parts[" + std::to_string(at) + "]"))
            << dump(issues);
        EXPECT_EQ(find_code(issues, "deck.blank_slide").severity, Severity::kError);
        deck.parts[at].body = "A paragraph drawn on the slide.";
        EXPECT_FALSE(has_code(check(deck), "deck.blank_slide"));
    }
    auto cover_only = deck_of(good_titles());
    cover_only.parts[0].bullets.clear();  // a cover shows its title
    EXPECT_FALSE(has_code(check(cover_only), "deck.blank_slide"));
}

TEST(DeckRules, BulletsThatBelongElsewhereAreMisfiled) {
    struct Case {
        std::size_t slide;  // index in good_titles()
        std::string bullet;
        bool misfiled;
    };

    const std::vector<Case> cases{
        {8, "Pricing is $39 per seat", true},
        {8, "Maria Lopez, CEO, ex-DHL", false},
        {8, "We are raising $4M", true},
        {6, "We are raising $4M to hire", true},
        {10, "We are raising $4M to hire", false},
        {9, "Seed round of $4M closes in May", false},
        {4, "Pricing: $39 per technician", true},
        {5, "Pricing: $39 per technician", false},
        {7, "Unlike Jobber, we re-plan all day", false},
        {1, "Dispatchers lose 2 hours a day", false},
        {8, "Estamos levantando 4 millones", true},
        {6, "14,000 pre-orders on Kickstarter, raising $2.3M", false},
        {6, "Fieldnote is raising a $6M Series A", true},
    };
    for (const auto& c : cases) {
        auto deck = deck_of(good_titles());
        deck.parts[c.slide].bullets = {c.bullet};
        const auto issues = check(deck);
        EXPECT_EQ(has_code(issues, "deck.misfiled"), c.misfiled)
            << good_titles()[c.slide] << ": " << c.bullet << "\n"
            << dump(issues);
    }
}

TEST(DeckRules, PeopleInFourLanguagesAndSeparators) {
    const std::vector<std::string> names{"Maria Lopez",  "Ana de la Fuente", "Jan van Dijk",
                                         "Émile Durand", "Jürgen Groß",      "Tom"};
    const std::vector<std::string> roles{"CEO",           "co-founder and CTO", "directora general",
                                         "cofundadora",   "Geschäftsführerin",  "fondatrice",
                                         "Head of Sales", "ingeniera de datos", "VP Engineering"};
    const std::vector<std::string> separators{", ", " - ", " \u2014 ", ": ", " ("};
    for (const auto& name : names) {
        for (const auto& role : roles) {
            for (const auto& sep : separators) {
                const std::string line = name + sep + role + (sep == " (" ? ")" : "");
                EXPECT_TRUE(looks_like_person(line)) << line;
            }
        }
    }
    for (const std::string line :
         {"Pricing, per seat", "Revenue: $2M ARR", "Hiring: a head of sales",
          "The team has 14 engineers", "Founded in 2021, Fieldnote has 120 customers",
          "Maria Lopez", "our CEO, Maria", "120 Customers, mostly CTO-led", ""}) {
        EXPECT_FALSE(looks_like_person(line)) << line;
    }
}

TEST(DeckRules, TitlesAreRecognisedInEveryLanguage) {
    const std::vector<std::pair<std::string, int>> titles{
        {"Equipo", 7},
        {"Équipe", 7},
        {"Wettbewerb", 6},
        {"Competencia", 6},
        {"Mercado", 3},
        {"Marché", 3},
        {"Tracción", 5},
        {"Ronda de financiación", 9},
        {"Levée de fonds", 9},
        {"Finanzierungsbedarf", 9},
        {"Modelo de negocio", 4},
        {"Geschäftsmodell", 4},
    };
    for (const auto& [title, rank] : titles) {
        const auto topic = classify_slide_title(title);
        ASSERT_TRUE(topic.has_value()) << title;
        EXPECT_EQ(topic->rank, rank) << title;
    }
}

TEST(DeckRules, ASlideRepeatingAnEarlierTopicIsAnErrorWhateverItsSpelling) {
    const auto titles = good_titles();
    // Every slide repeated at every later position, in three spellings of the same title.
    for (std::size_t first = 0; first < titles.size(); ++first) {
        for (std::size_t later = first + 1; later < titles.size(); ++later) {
            for (const auto& spelling :
                 {titles[first], "  " + titles[first] + " ", std::string(titles[first]) + "  "}) {
                auto repeated = titles;
                repeated[later] = spelling;
                auto upper = spelling;
                for (auto& c : upper) {
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                }
                for (const auto& title : {spelling, upper}) {
                    repeated[later] = title;
                    const auto issues = check(deck_of(repeated));
                    ASSERT_EQ(count_code(issues, "deck.repeated_slide"), 1)
                        << first << " at " << later << " as '" << title << "': " << dump(issues);
                    EXPECT_TRUE(has_issue_at(issues, "deck.repeated_slide",
                                             "parts[" + std::to_string(later) + "]"))
                        << dump(issues);
                }
            }
        }
    }
    // Titles that only share words are different topics.
    auto distinct = titles;
    distinct[6] = "Traction so far";
    EXPECT_FALSE(has_code(check(deck_of(distinct)), "deck.repeated_slide"));
}

TEST(DeckRules, SlideWithoutTitleIsAnError) {
    auto deck = deck_of(good_titles());
    deck.parts[4].title = "  ";
    const auto issues = check(deck);
    EXPECT_TRUE(has_issue_at(issues, "deck.missing_title", "parts[4]")) << dump(issues);
    EXPECT_EQ(find_code(issues, "deck.missing_title").severity, Severity::kError);
}

TEST(DeckRules, MoreThanFiveBulletsIsAnError) {
    auto deck = deck_of(good_titles());
    deck.parts[2].bullets = {"a", "b", "c", "d", "e"};
    EXPECT_FALSE(has_code(check(deck), "deck.too_many_bullets"));
    deck.parts[2].bullets.emplace_back("f");
    const auto issues = check(deck);
    EXPECT_TRUE(has_issue_at(issues, "deck.too_many_bullets", "parts[2]")) << dump(issues);
    EXPECT_EQ(find_code(issues, "deck.too_many_bullets").severity, Severity::kError);
}

TEST(DeckRules, BulletOverNinetyCharactersIsAWarning) {
    auto deck = deck_of(good_titles());
    deck.parts[3].bullets[1] = std::string(90, 'x');
    EXPECT_FALSE(has_code(check(deck), "deck.long_bullet"));
    deck.parts[3].bullets[1] = std::string(91, 'x');
    const auto issues = check(deck);
    EXPECT_TRUE(has_issue_at(issues, "deck.long_bullet", "parts[3].bullets[1]")) << dump(issues);
    EXPECT_EQ(find_code(issues, "deck.long_bullet").severity, Severity::kWarning);
    EXPECT_NE(find_code(issues, "deck.long_bullet").message.find("91"), std::string::npos);
}

TEST(DeckRules, OnlyTheMisplacedSlideIsFlagged) {
    const std::vector<std::string> titles{"Acme",        "Problem",    "Solution", "Team",
                                          "Product",     "Market",     "Pricing",  "Traction",
                                          "Competition", "Financials", "The ask",  "Thank you"};
    const auto issues = check(deck_of(titles));
    EXPECT_EQ(count_code(issues, "deck.out_of_order"), 1) << dump(issues);
    EXPECT_TRUE(has_issue_at(issues, "deck.out_of_order", "parts[3]")) << dump(issues);
    EXPECT_NE(find_code(issues, "deck.out_of_order").message.find("after slide 9 (competition)"),
              std::string::npos)
        << dump(issues);
}

TEST(DeckRules, SwappedTopicsNeedTwoMoves) {
    auto titles = good_titles();
    std::swap(titles[6], titles[8]);  // Team where Traction was and the other way round
    const auto issues = check(deck_of(titles));
    EXPECT_EQ(count_code(issues, "deck.out_of_order"), 2) << dump(issues);
}

TEST(DeckRules, CoverMustBeFirstAndClosingLast) {
    auto titles = good_titles();
    titles[0] = "Cover";
    EXPECT_FALSE(has_code(check(deck_of(titles)), "deck.out_of_order"));
    std::swap(titles[0], titles[1]);
    EXPECT_TRUE(has_issue_at(check(deck_of(titles)), "deck.out_of_order", "parts[1]"));
    titles = good_titles();
    std::swap(titles[10], titles[11]);  // "Thank you" before "The ask"
    EXPECT_TRUE(has_issue_at(check(deck_of(titles)), "deck.out_of_order", "parts[11]"));
}

TEST(DeckRules, MissingTractionTeamOrAskAreWarnings) {
    auto titles = good_titles();
    titles[6] = "Roadmap";
    titles[8] = "Vision";
    titles[10] = "Appendix";
    const auto issues = check(deck_of(titles));
    EXPECT_EQ(count_code(issues, "deck.missing_topic"), 3) << dump(issues);
    for (const auto* topic : {"traction", "team", "ask"}) {
        bool named = false;
        for (const auto& issue : issues) {
            named = named || (issue.code == "deck.missing_topic" &&
                              issue.message.find(std::string("No ") + topic) != std::string::npos);
        }
        EXPECT_TRUE(named) << topic << "\n" << dump(issues);
    }
}

struct TitleCase {
    const char* title;
    SlideTopic::Kind kind;
    int rank;
};

class SlideTitles : public ::testing::TestWithParam<TitleCase> {};

TEST_P(SlideTitles, MapToInvestorTopics) {
    const auto topic = classify_slide_title(GetParam().title);
    ASSERT_TRUE(topic.has_value()) << GetParam().title;
    EXPECT_EQ(topic->kind, GetParam().kind) << GetParam().title;
    EXPECT_EQ(topic->rank, GetParam().rank) << GetParam().title;
}

using K = SlideTopic::Kind;
INSTANTIATE_TEST_SUITE_P(
    Synonyms, SlideTitles,
    ::testing::Values(
        TitleCase{"The problem with dispatch", K::kRanked, 0},
        TitleCase{"How it works", K::kRanked, 2}, TitleCase{"Product roadmap", K::kRanked, 2},
        TitleCase{"Why now", K::kRanked, 3}, TitleCase{"Market size", K::kRanked, 3},
        TitleCase{"TAM / SAM / SOM", K::kRanked, 3},
        TitleCase{"Go-to-market strategy", K::kRanked, 4},
        TitleCase{"Revenue model", K::kRanked, 4}, TitleCase{"Pricing", K::kRanked, 4},
        TitleCase{"Traction & growth", K::kRanked, 5},
        TitleCase{"Competitive landscape", K::kRanked, 6},
        TitleCase{"Meet the team", K::kRanked, 7}, TitleCase{"FINANCIALS", K::kRanked, 8},
        TitleCase{"The Ask", K::kRanked, 9}, TitleCase{"Fundraise", K::kRanked, 9},
        TitleCase{"Use of funds", K::kRanked, 9}, TitleCase{"Roadmap", K::kNeutral, -1},
        TitleCase{"Vision", K::kNeutral, -1}, TitleCase{"Thank you!", K::kClosing, -1},
        TitleCase{"Contact", K::kClosing, -1}, TitleCase{"Cover", K::kCover, -1}));

TEST(SlideTitlesUnknown, UnrelatedTitlesAreNotTopics) {
    EXPECT_FALSE(classify_slide_title("Fieldnote").has_value());
    EXPECT_FALSE(classify_slide_title("Tasks and asking").has_value());  // no partial words
}

}  // namespace
}  // namespace swarm::core::validate
