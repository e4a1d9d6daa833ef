// Copy a reviewer would reject: the copy validators on hand-made items, and the built-in writers
// on generated companies whose documents mix facts with internal notes, writer guidance, press
// boilerplate and FAQ answers (none of which may be published).
#include "core/agents/designer.hpp"
#include "core/agents/research.hpp"
#include "core/agents/text_tools.hpp"
#include "core/agents/writer.hpp"
#include "core/validate/validator.hpp"
#include "support/fakes.hpp"

#include <algorithm>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

bool has_code(const Quality& q, std::string_view code) {
    return std::any_of(q.issues.begin(), q.issues.end(),
                       [&](const Issue& i) { return i.code == code; });
}

Quality check(const ContentItem& item, const std::vector<Passage>& passages,
              std::string_view subject = {}) {
    return validate_item(item, ValidationContext{nullptr, passages, subject});
}

ContentItem linkedin(std::string body) {
    ContentItem item;
    item.platform = Platform::kLinkedIn;
    item.body = std::move(body);
    return item;
}

const std::vector<Passage> kNotes{
    {"n#0", "notes/sync.md", "Weekly sync",
     "- Target 300 clinics by Q2 - Sam thinks ambitious\n- Lead with the savings in every post.\n"
     "- Vetia books appointments for 120 clinics.\n",
     0.0},
};

TEST(CopyRules, InternalNotesAndGuidancePublishedWordForWordAreErrors) {
    const auto q = check(linkedin("Target 300 clinics by Q2 - Sam thinks ambitious.\n\nLead with "
                                  "the savings in every post."),
                         kNotes);
    const auto leaks = std::count_if(q.issues.begin(), q.issues.end(), [](const Issue& i) {
        return i.code == "copy.internal_text" && i.severity == Severity::kError;
    });
    EXPECT_EQ(leaks, 2);
    EXPECT_LT(q.score, 1.0);
    const auto clean = check(linkedin("Vetia books appointments for 120 clinics."), kNotes);
    EXPECT_FALSE(has_code(clean, "copy.internal_text"));
}

TEST(CopyRules, TheSameFactTwiceIsARepeat) {
    ContentItem thread;
    thread.platform = Platform::kTwitter;
    thread.parts = {Part{{}, "1/3 Vetia books appointments for 120 clinics in Spain.", {}, {}},
                    Part{{}, "2/3 120 clinics in Spain book appointments with Vetia.", {}, {}},
                    Part{{}, "3/3 Book a demo at vetia.example", {}, {}}};
    EXPECT_TRUE(has_code(check(thread, {}), "copy.repeated_fact"));
    thread.parts[1].body = "2/3 Owners save 6 hours a week on phone bookings.";
    EXPECT_FALSE(has_code(check(thread, {}), "copy.repeated_fact"));
    // Thousands separators and versions are parts of one figure, not shared "000" or "2".
    thread.parts[0].body = "1/3 Vetia is a booking app from Madrid with 210,000 monthly users.";
    thread.parts[1].body = "2/3 Rated 4.7 in the App Store from 18,000 ratings.";
    thread.parts[2].body = "3/3 Download Vetia 2.0 at vetia.example";
    EXPECT_FALSE(has_code(check(thread, {}), "copy.repeated_fact"));
    thread.parts[1].body = "2/3 Over 210,000 monthly users book with Vetia from Madrid.";
    EXPECT_TRUE(has_code(check(thread, {}), "copy.repeated_fact"));
}

TEST(CopyRules, OpeningsThatPointBackOrAreFragmentsAreFlagged) {
    EXPECT_TRUE(has_code(check(linkedin("It cuts no-shows by 30% for small clinics."), {}),
                         "copy.dangling_reference"));
    ContentItem deck;
    deck.platform = Platform::kPitchDeck;
    deck.parts = {Part{"Vetia", {}, {"Vetia books appointments for clinics."}, {}},
                  Part{"Traction", {}, {"It cuts no-shows by 30% for small clinics."}, {}}};
    EXPECT_TRUE(has_code(check(deck, {}), "copy.dangling_reference"));
    // A later paragraph may lean on the one before it.
    EXPECT_FALSE(has_code(check(linkedin("Vetia launched in May.\n\nSince then, 120 clinics have "
                                         "signed up for the app."),
                                {}),
                          "copy.dangling_reference"));
    EXPECT_TRUE(has_code(check(linkedin("integrates: Sage, Xero and QuickBooks for payroll."), {}),
                         "copy.fragment"));
    EXPECT_FALSE(
        has_code(check(linkedin("\U0001F680 Vetia cuts no-shows by 30%."), {}), "copy.fragment"));
}

TEST(CopyRules, AHookThatMissesTheBriefsSubjectIsOffTopic) {
    const auto off = check(linkedin("Vetia raised a $4M seed round in 2025."), {}, "booking app");
    EXPECT_TRUE(has_code(off, "copy.off_topic_hook"));
    const auto on =
        check(linkedin("Introducing the Vetia booking app for clinics."), {}, "booking app");
    EXPECT_FALSE(has_code(on, "copy.off_topic_hook"));
}

TEST(CardLabels, NeverEndOnAJoiningWord) {
    const std::vector<std::string> tails{"within 2 hours of sending it", "in 3 days",
                                         "for 40 clinics", "by 2027", "and 12 more"};
    const std::vector<std::string> middles{"of an approved invoice", "of every order",
                                           "of our customers", "de cada pedido"};
    for (const auto& middle : middles) {
        for (const auto& tail : tails) {
            ContentItem item;
            item.platform = Platform::kLinkedIn;
            item.body = "Instant Payout pays 95% " + middle + " " + tail + ".";
            const auto figure = agents::key_figure(item, nullptr);
            ASSERT_TRUE(figure.has_value()) << item.body;
            const auto& label = figure->label;
            const auto last =
                label.substr(label.rfind(' ') == std::string::npos ? 0 : label.rfind(' ') + 1);
            for (const std::string joining : {"within", "in", "for", "by", "and", "of", "de"}) {
                EXPECT_NE(last, joining) << item.body << " -> " << label;
            }
        }
    }
}

TEST(Sentences, GermanOrdinalDatesDoNotEndASentence) {
    for (const std::string month : {"Januar", "März", "Mai", "Dezember", "Oktober"}) {
        for (const std::string day : {"1", "15", "31"}) {
            const std::string text =
                "Ab dem " + day + ". " + month + " 2027 gibt es das Abo. Es kostet 59 Euro.";
            const auto parts = agents::split_sentences(text);
            ASSERT_EQ(parts.size(), 2U) << text;
            EXPECT_TRUE(parts[0].starts_with("Ab dem " + day + ". " + month)) << parts[0];
        }
    }
    EXPECT_EQ(agents::split_sentences("Wir haben 15. Das ist viel.").size(), 2U);
}

TEST(Shortening, NeverDropsItemsOfAListButCutsAnAside) {
    const std::vector<std::string> words{"weight",        "temperature",  "heart rate", "activity",
                                         "sleep quality", "water intake", "step count"};
    for (std::size_t n = 3; n <= words.size(); ++n) {
        for (const std::string conj : {" and ", ", and ", " or "}) {
            std::string list;
            for (std::size_t i = 0; i + 1 < n; ++i) {
                list += (i == 0 ? "" : ", ") + words[i];
            }
            list += conj + words[n - 1];
            const std::string text = "The collar measures " + list +
                                     ", which helps owners notice an illness days before it "
                                     "becomes an emergency at the clinic.";
            const auto cut = agents::shorten_at_clause(text, agents::char_length(text) - 10,
                                                       agents::char_length);
            ASSERT_TRUE(cut.has_value()) << text;
            for (std::size_t i = 0; i < n; ++i) {
                EXPECT_NE(cut->find(words[i]), std::string::npos) << *cut;
            }
            // Too short for the whole list: no cut inside it, so nothing fits.
            const auto none = agents::shorten_at_clause(text, 40, agents::char_length);
            EXPECT_FALSE(none.has_value()) << *none;
        }
    }
    // An opening prepositional phrase is not a clause: the cut keeps the claim or gives up.
    for (const std::string lead :
         {"Across 140 buildings monitored for at least 12 months", "In our tests with 300 families",
          "Según nuestros datos", "Seit dem Start im Mai", "Depuis notre lancement"}) {
        const std::string text =
            lead + ", HVAC energy use fell by 18% on average, measured against a baseline.";
        const auto cut =
            agents::shorten_at_clause(text, agents::char_length(text) - 5, agents::char_length);
        if (cut) {
            EXPECT_NE(cut->find("fell by 18%"), std::string::npos) << *cut;
        }
    }
    const auto aside = agents::shorten_at_clause(
        "Cada mes enviamos dos cafés de origen distintos, de 250 g cada uno, tostados esa misma "
        "semana, con una ficha de cata.",
        60, agents::char_length);
    ASSERT_TRUE(aside.has_value());
    EXPECT_EQ(*aside, "Cada mes enviamos dos cafés de origen distintos.");
}

// A generated company: facts of every topic plus planted statements that must never be copy.
struct Company {
    Brief brief;
    std::vector<Passage> passages;
    std::vector<std::string> planted;
};

Company generate(unsigned seed) {
    std::mt19937 rng(seed);
    const auto pick = [&](const std::vector<std::string>& v) {
        return v[rng() % v.size()];
    };
    const std::string name = pick({"Vetia", "Lumora", "Brightmill", "Quayside", "Nordlys"});
    const std::string product = pick(
        {"booking app", "route planner", "smart collar", "invoice scanner", "shift scheduler"});
    const std::string who = pick({"clinics", "bakeries", "fleets", "salons", "warehouses"});
    const auto n = [&](int lo, int hi) {
        return std::to_string(lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo)));
    };
    Company c;
    c.brief.prompt = "Announce the new " + name + " " + product + " for " + who + ".";
    c.brief.platforms = {Platform::kLinkedIn, Platform::kTwitter};
    c.brief.brand.name = name;
    c.brief.tone = pick({"confident", "playful, friendly", "formal", "concise, direct"});
    const std::string facts = name + " builds the " + product + " for independent " + who +
                              ".\n\n"
                              "- Most " +
                              who + " lose " + n(5, 20) +
                              " hours a week to manual planning.\n"
                              "- The " +
                              product + " plans a whole week in " + n(2, 9) +
                              " minutes.\n"
                              "- " +
                              n(40, 400) + " " + who + " use " + name +
                              " every day.\n"
                              "- Customers report " +
                              n(10, 40) + "% lower costs after " + n(2, 6) +
                              " months.\n"
                              "- The " +
                              product + " works offline and syncs when back online.\n";
    c.planted = {"Target " + n(500, 900) + " " + who + " by Q3 - Dana thinks ambitious",
                 "Don't mention the lawsuit with the former distributor", "FOR IMMEDIATE RELEASE",
                 "Media contact: Dana Fox, press@" + name + ".example",
                 "Yes, through the partner portal."};
    const std::string notes = "- " + c.planted[0] + "\n- " + c.planted[1] + "\n";
    const std::string release = c.planted[2] + "\n\n" + c.planted[3] + "\n";
    const std::string faq = "**Can resellers join?** " + c.planted[4] + "\n";
    c.passages = {{"a#0", "about.md", name + " > Product", facts, 0.0},
                  {"n#0", "meeting-notes.md", "Weekly sync", notes, 0.0},
                  {"p#0", "press.md", name + " > Release", release, 0.0},
                  {"f#0", "faq.md", name + " > FAQ", faq, 0.0}};
    return c;
}

std::string words6(const std::string& s) {
    std::istringstream in(s);
    std::string w;
    std::string out;
    for (int i = 0; i < 5 && in >> w; ++i) {
        out += (out.empty() ? "" : " ") + w;
    }
    return out;
}

TEST(Writers, GeneratedCompaniesNeverPublishPlantedTextAndReadAsCopy) {
    static const std::regex kPrefix(R"(^\d+/\d+ )");
    for (unsigned seed = 1; seed <= 40; ++seed) {
        const auto c = generate(seed);
        test::InMemoryKnowledgeBase kb(c.passages);
        auto sheet = make_offline_researcher()->research(ResearchInput{c.brief, kb, c.passages});
        ASSERT_TRUE(sheet.has_value());
        for (const auto platform : c.brief.platforms) {
            auto item =
                make_offline_writer(platform)->write(WriterInput{c.brief, *sheet, spec(platform)});
            ASSERT_TRUE(item.has_value()) << seed << " " << item.error().message;
            std::string all = item->body;
            for (const auto& p : item->parts) {
                all += "\n" + p.body;
            }
            for (const auto& planted : c.planted) {
                EXPECT_EQ(all.find(words6(planted)), std::string::npos)
                    << "seed " << seed << ": " << planted << "\n"
                    << all;
            }
            const auto q = check(*item, c.passages, "new " + c.brief.brand.name);
            for (const auto& issue : q.issues) {
                EXPECT_FALSE(issue.code.starts_with("copy."))
                    << "seed " << seed << ": " << issue.code << " " << issue.message << "\n"
                    << all;
            }
            if (platform == Platform::kLinkedIn) {
                std::size_t paragraphs = 1;
                for (auto at = item->body.find("\n\n"); at != std::string::npos;
                     at = item->body.find("\n\n", at + 2)) {
                    ++paragraphs;
                }
                EXPECT_LE(paragraphs, 6U) << item->body;  // 3-5 paragraphs plus the hashtags
                EXPECT_NE(item->body.find("Introducing"), std::string::npos) << item->body;
            }
            std::set<std::string> numbers_seen;
            for (std::size_t i = 0; i < item->parts.size(); ++i) {
                const std::string body = std::regex_replace(item->parts[i].body, kPrefix, "");
                ASSERT_FALSE(body.empty());
                EXPECT_FALSE(std::islower(static_cast<unsigned char>(body.front())))
                    << "seed " << seed << " post " << i << ": " << body;
            }
        }
    }
}

}  // namespace
}  // namespace swarm::core
