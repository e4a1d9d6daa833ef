// The statement classes of the documents (internal notes, writer guidance, boilerplate, FAQ
// answers) and the brief's angle (announcement, subject, date, style), tested by generated
// variants of each class and by real facts that must stay facts.
#include "core/knowledge/statement_roles.hpp"

#include "core/agents/brief_angle.hpp"
#include "core/agents/research.hpp"

#include <array>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using knowledge::classify_statement;
using knowledge::StatementContext;
using knowledge::StatementRole;

const StatementContext kPlain{"overview.md", "Acme > Product", false};

TEST(StatementRoles, InternalNotesInEveryShapeAreInternal) {
    const std::array<std::string, 4> names{"Sam", "Priya", "Jonas", "Li"};
    const std::array<std::string, 3> targets{"Target", "Goal", "Stretch goal"};
    int n = 0;
    for (const auto& name : names) {
        for (const auto& target : targets) {
            for (int q = 1; q <= 4; ++q) {
                const std::string notes[] = {
                    target + " " + std::to_string(100 * q) + " customers by Q" + std::to_string(q) +
                        " - " + name + " thinks ambitious",
                    "TODO: " + name + " sends the pricing sheet to legal",
                    "@" + name + " to confirm the launch venue",
                    name + " is not sure the beta is ready.",
                    "Need to confirm with " + name + " whether we can name the customer",
                    "Internal only: " + name + " negotiated a discount for the pilot",
                };
                for (const auto& s : notes) {
                    EXPECT_EQ(classify_statement(s, kPlain), StatementRole::kInternal) << s;
                    ++n;
                }
            }
        }
    }
    EXPECT_GT(n, 200);
}

TEST(StatementRoles, MeetingNotesKeepOnlyCleanSentences) {
    const StatementContext notes{"notes/weekly-sync-2027-02-10.md", "Weekly sync > Launch", false};
    EXPECT_EQ(classify_statement("Beta runs in 40 clinics across Spain.", notes),
              StatementRole::kFact);
    for (const std::string s : {"launch moved to March 3 (Ana)", "Pricing - keep at 29/mo",
                                "Ana to send the deck to investors", "Beta feedback mostly good"}) {
        EXPECT_EQ(classify_statement(s, notes), StatementRole::kInternal) << s;
    }
}

TEST(StatementRoles, GuidanceToTheWriterIsAnInstructionInFourLanguages) {
    const std::array<std::string, 8> leads{"Lead with",      "Open with",     "Focus on",
                                           "Emphasize",      "Highlight the", "Don't mention",
                                           "Do not mention", "Never mention"};
    const std::array<std::string, 4> topics{"the savings in the post", "the lawsuit", "our story",
                                            "the launch"};
    for (const auto& lead : leads) {
        for (const auto& topic : topics) {
            const std::string s = lead + " " + topic + ".";
            EXPECT_EQ(classify_statement(s, kPlain), StatementRole::kInstruction) << s;
        }
    }
    for (const std::string s :
         {"Avoid jargon and exclamation marks in the copy.", "Keep the tone friendly.",
          "Make sure every post mentions the free trial.", "No menciones a la competencia.",
          "Evita el tono exagerado en el mensaje.", "Erwähne nicht den Preis.",
          "Vermeide Fachjargon im Beitrag.", "Ne mentionnez pas le procès.",
          "Évitez le jargon dans le message.",
          "Commencer par le geste et la matière, le prix à la fin.",
          "Empezar por el origen y el tueste, no por el precio.",
          "Note for whoever drafts the deck: don't mention the Series A talks.",
          "Pricing is final, but please don’t mention the discount."}) {
        EXPECT_EQ(classify_statement(s, kPlain), StatementRole::kInstruction) << s;
    }
}

TEST(StatementRoles, ClaimsThatOpenWithAVerbStayFacts) {
    for (const std::string s :
         {"Start with a 14-day free trial, no card required.",
          "Avoid downtime with automatic failover across two regions.",
          "Highlight reels are generated in 30 seconds.",
          "Keep 100% of your tips with zero platform fees.",
          "Focus mode blocks notifications for 2 hours.",
          "Mention tracking covers 40 social networks.", "Acme builds dispatch software."}) {
        const auto role = classify_statement(s, kPlain);
        // "Mention tracking" is a product noun, but a leading "Mention" reads as guidance: the
        // one accepted loss of the rule, checked so a change is deliberate.
        if (s.starts_with("Mention")) {
            EXPECT_EQ(role, StatementRole::kInstruction) << s;
        } else {
            EXPECT_EQ(role, StatementRole::kFact) << s;
        }
    }
}

TEST(StatementRoles, GuidanceSectionsSteerEvenInPlainSentences) {
    const StatementContext guide{"brand.md", "Acme > Messaging guidelines", false};
    EXPECT_EQ(classify_statement("Our customers are clinic owners, not hospitals.", guide),
              StatementRole::kInstruction);
}

TEST(StatementRoles, PressBoilerplateIsRecognised) {
    for (const std::string s :
         {"FOR IMMEDIATE RELEASE", "For immediate release", "Media contact: Jane Doe",
          "press@acme.example", "+49 30 1234 5678", "###", "© 2027 Acme GmbH. All rights reserved.",
          "This release contains forward-looking statements.", "Pressekontakt: Anna Weber",
          "Contact presse : Luc Martin"}) {
        EXPECT_EQ(classify_statement(s, kPlain), StatementRole::kBoilerplate) << s;
    }
}

TEST(StatementRoles, DatelinesAreStrippedInEveryFormat) {
    const std::array<std::string, 4> places{"BERLIN", "SAN FRANCISCO", "Madrid", "PARIS"};
    const std::array<std::string, 4> dates{"March 3, 2027", "3 March 2027", "Feb. 12, 2027",
                                           "2027-03-03"};
    const std::array<std::string, 3> dashes{" -- ", " \u2014 ", " \u2013 "};
    const std::string rest = "Acme today launched PetPal, a smart collar for cats.";
    for (const auto& place : places) {
        for (const auto& date : dates) {
            for (const auto& dash : dashes) {
                const std::string s = place + ", " + date + dash + rest;
                EXPECT_EQ(knowledge::strip_dateline(s), rest) << s;
            }
        }
    }
    EXPECT_EQ(knowledge::strip_dateline(rest), rest);
    EXPECT_EQ(knowledge::strip_dateline("Revenue grew 40% - driven by referrals."),
              "Revenue grew 40% - driven by referrals.");
}

TEST(StatementRoles, FaqAnswersNeedTheirQuestionUnlessTheyStandAlone) {
    const StatementContext faq{"faq.md", "Acme > FAQ", true};
    EXPECT_EQ(classify_statement("Yes, through our Twilio integration.", faq),
              StatementRole::kAnswer);
    EXPECT_EQ(classify_statement("No.", faq), StatementRole::kAnswer);
    EXPECT_EQ(classify_statement("Most teams are live in one day.", faq), StatementRole::kFact);
    EXPECT_EQ(knowledge::standalone_answer("Yes. The app works offline and syncs later."),
              "The app works offline and syncs later.");
    EXPECT_EQ(knowledge::standalone_answer("A: Setup takes one day."), "Setup takes one day.");
}

TEST(StatementRoles, StatementsOfAPassageMarkAnswersAfterQuestions) {
    const std::string md =
        "**Does it work offline?** Yes, through local sync.\n\n"
        "**How long is setup?** Most teams are live in one day.\n\n"
        "- TODO: add SOC 2 date\n- Data is encrypted at rest.\n";
    const auto st = knowledge::statements_of(md, "faq.md", "Acme > FAQ");
    ASSERT_EQ(st.size(), 4U);
    EXPECT_EQ(st[0].role, StatementRole::kAnswer);
    EXPECT_EQ(st[1].role, StatementRole::kFact);
    EXPECT_EQ(st[2].role, StatementRole::kInternal);
    EXPECT_EQ(st[3].role, StatementRole::kFact);
}

TEST(StatementRoles, SteeringReadsLeadAndAvoidTerms) {
    knowledge::Steering s;
    knowledge::read_steering("Lead with the savings, not the technology.", s);
    knowledge::read_steering("Don't mention the lawsuit.", s);
    knowledge::read_steering("Acme builds collars.", s);
    ASSERT_EQ(s.lead.size(), 1U);
    EXPECT_EQ(s.lead[0], "the savings");
    ASSERT_EQ(s.avoid.size(), 1U);
    EXPECT_EQ(s.avoid[0], "the lawsuit");
}

TEST(StatementRoles, DanglingOpenersInFourLanguages) {
    for (const std::string s :
         {"It cuts drive time by 24%.", "This means fewer calls.", "Since then, revenue doubled.",
          "As a result, churn fell.", "However, most teams still use paper.", "Esto reduce costes.",
          "Además, funciona sin conexión.", "Außerdem spart es Zeit.", "Cela réduit les coûts.",
          "Depuis, le chiffre a doublé."}) {
        EXPECT_TRUE(knowledge::has_dangling_start(s)) << s;
    }
    for (const std::string s :
         {"Italy is our second market.", "Thistle Labs builds sensors.",
          "Since 2019, Acme has served 300 clinics.", "Items ship in 2 days."}) {
        EXPECT_FALSE(knowledge::has_dangling_start(s)) << s;
    }
}

TEST(StatementRoles, TableRowsBecomeLabelValueFacts) {
    const Passage p{"t#0", "numbers.md", "Pawpost > Numbers",
                    "| Metric | Value |\n|---|---|\n| Customers | 18,500 |\n| Orders per month | "
                    "41,000 |\n\n| Plan | Price | Pets |\n|:--|--:|--|\n| Basic | 4.90 euros | 1 "
                    "|\n\n- Premium | 9.90 euros | 3\n",
                    0.0};
    std::vector<std::string> texts;
    for (const auto& f : agents::extract_facts(p)) {
        texts.push_back(f.text);
        EXPECT_TRUE(f.from_list) << f.text;
    }
    const std::vector<std::string> want{"Customers: 18,500", "Orders per month: 41,000",
                                        "Basic: Price 4.90 euros, Pets 1",
                                        "Premium: 9.90 euros, 3"};
    EXPECT_EQ(texts, want);
}

TEST(BriefAngle, DatesInEveryWrittenForm) {
    struct Case {
        std::string text;
        int month;
        int day;
        int year;
    };

    const std::vector<Case> cases{
        {"launch on 3 March", 3, 3, 0},
        {"launch on March 3rd, 2027", 3, 3, 2027},
        {"goes live 2027-11-05 worldwide", 11, 5, 2027},
        {"el lanzamiento es el 3 de marzo de 2027", 3, 3, 2027},
        {"Start am 3. März", 3, 3, 0},
        {"lancement le 12 février 2027", 2, 12, 2027},
        {"available from Sept. 14", 9, 14, 0},
        {"on the 21st of June", 6, 21, 0},
    };
    for (const auto& c : cases) {
        const auto d = agents::find_date(c.text);
        ASSERT_TRUE(d.has_value()) << c.text;
        EXPECT_EQ(d->month, c.month) << c.text;
        EXPECT_EQ(d->day, c.day) << c.text;
        EXPECT_EQ(d->year, c.year) << c.text;
        EXPECT_NE(c.text.find(d->text), std::string::npos) << c.text << " -> " << d->text;
    }
    for (const std::string none :
         {"We have 3 markets", "Series A of $6M", "May we help?", "42 clinics in 2026"}) {
        EXPECT_FALSE(agents::find_date(none).has_value()) << none;
    }
}

TEST(BriefAngle, AnnouncementSubjectFromTheBriefsOwnWords) {
    Brief b;
    b.prompt =
        "Announce Fieldnote's new real-time re-planning feature for emergency calls, aimed "
        "at owners of HVAC companies, and prepare an investor deck.";
    auto a = agents::read_angle(b);
    EXPECT_TRUE(a.announcement);
    EXPECT_EQ(a.subject, "Fieldnote's new real-time re-planning feature for emergency calls");

    b.prompt = "Write posts for the launch of the PetPal smart collar on 3 March.";
    a = agents::read_angle(b);
    EXPECT_TRUE(a.announcement);
    EXPECT_EQ(a.subject, "the PetPal smart collar");
    ASSERT_TRUE(a.date.has_value());
    EXPECT_EQ(a.date->text, "3 March");

    b.prompt = "Anuncia la nueva app de reservas para clínicas, dirigida a veterinarios.";
    a = agents::read_angle(b);
    EXPECT_TRUE(a.announcement);
    EXPECT_EQ(a.subject, "la nueva app de reservas para clínicas");

    b.prompt = "Invite locals to the opening weekend of our new riverside taproom on 14 May.";
    a = agents::read_angle(b);
    EXPECT_TRUE(a.announcement);
    EXPECT_EQ(a.subject, "our new riverside taproom");
    ASSERT_TRUE(a.date.has_value());

    b.prompt =
        "Tell coffee lovers that the Brewline One ships on 3 March 2027 and that "
        "pre-orders get 10% off.";
    a = agents::read_angle(b);
    EXPECT_EQ(a.statement, "The Brewline One ships on 3 March 2027");

    b.prompt = "Quillstack 2.0 is out today: introduce it to novelists.";
    a = agents::read_angle(b);
    EXPECT_EQ(a.statement, "Quillstack 2.0 is out today");

    b.prompt =
        "Recruit weekend volunteers for our market, which opens its second site on 12 April.";
    a = agents::read_angle(b);
    EXPECT_TRUE(a.statement.empty()) << a.statement;

    b.prompt = "Prepara una presentación para inversores sobre nuestra tracción.";
    EXPECT_FALSE(agents::read_angle(b).announcement);
    b.prompt = "Explain why small clinics lose bookings on weekends.";
    EXPECT_FALSE(agents::read_angle(b).announcement);
}

TEST(BriefAngle, ToneAndVoiceSetTheStyle) {
    const auto playful = agents::read_style("playful, warm", "friendly and concise");
    EXPECT_TRUE(playful.emoji);
    EXPECT_EQ(playful.max_sentence_words, 20U);
    const auto sober =
        agents::read_style("confident, practical, no hype", "numbers over adjectives");
    EXPECT_FALSE(sober.emoji);
    EXPECT_FALSE(sober.exclamation);
    EXPECT_TRUE(sober.numbers_first);
    const auto excited = agents::read_style("enthusiastic", "");
    EXPECT_TRUE(excited.exclamation);
    EXPECT_TRUE(agents::read_style("cercano y divertido", "").emoji);
    EXPECT_FALSE(agents::read_style("formal", "sachlich").emoji);
}

}  // namespace
}  // namespace swarm::core
