// A brief's "documents": the job researches, writes, critiques and checks grounding against
// those knowledge-base documents only, offline and with models.
#include "core/agents/pipeline.hpp"
#include "unit/agents/llm_test_fixtures.hpp"

#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using test::reply;
using test::user_text;

std::vector<std::string> sample_documents() {
    std::set<std::string> names;
    for (const auto& p : test::sample_passages()) {
        names.insert(p.document);
    }
    return {names.begin(), names.end()};
}

/// Every document an item cites.
std::set<std::string> cited(const ContentItem& item) {
    std::set<std::string> out;
    for (const auto& s : item.sources) {
        out.insert(s.document);
    }
    return out;
}

struct OfflineRun {
    test::InMemoryKnowledgeBase kb{test::sample_passages()};
    test::FixedTimeZones tz;
    test::FakeClock clock{std::chrono::system_clock::time_point{
        std::chrono::sys_days{std::chrono::year{2026} / 11 / 30}}};
    test::RecordingEventSink events;

    Result<Job> run(const Brief& brief, WriterFactory factory = {}) {
        PipelineDeps deps{kb, tz, clock, events, std::move(factory)};
        return run_pipeline(brief, deps, PipelineOptions{"job1", std::nullopt});
    }

    /// The research agent's progress message ("found N facts in M documents").
    std::string research_progress() const {
        for (const auto& e : events.events()) {
            if (e.type == EventType::kAgentProgress && e.agent == "research") {
                return e.message;
            }
        }
        return {};
    }

    /// N of "found F facts in N documents"; 0 when absent.
    std::size_t research_documents() const {
        const auto message = research_progress();
        const auto in = message.find(" in ");
        return in == std::string::npos ? 0U : std::stoul(message.substr(in + 4));
    }
};

// Unrestricted, the sample brief draws on several documents: the checks below can fail.
TEST(PipelineDocuments, WithoutAListItemsCiteSeveralDocuments) {
    OfflineRun r;
    auto job = r.run(test::sample_brief());
    ASSERT_TRUE(job.has_value()) << job.error().message;
    std::set<std::string> all;
    for (const auto& item : job->items) {
        const auto c = cited(item);
        all.insert(c.begin(), c.end());
    }
    EXPECT_GT(all.size(), 2U);
    EXPECT_EQ(r.research_documents(), sample_documents().size()) << r.research_progress();
}

// Each document alone, and each pair: every item cites only the brief's documents, and research
// finds its facts in no more documents than the brief names.
TEST(PipelineDocuments, ItemsCiteOnlyTheBriefsDocuments) {
    const auto names = sample_documents();
    ASSERT_EQ(names.size(), 6U);
    std::vector<std::vector<std::string>> lists;
    for (std::size_t i = 0; i < names.size(); ++i) {
        lists.push_back({names[i]});
        lists.push_back({names[i], names[(i + 1) % names.size()]});
    }
    std::size_t cited_somewhere = 0;
    for (const auto& list : lists) {
        OfflineRun r;
        auto brief = test::sample_brief();
        brief.documents = list;
        auto job = r.run(brief);
        ASSERT_TRUE(job.has_value()) << job.error().message;
        const std::set<std::string> allowed(list.begin(), list.end());
        std::set<std::string> used;
        for (const auto& item : job->items) {
            for (const auto& document : cited(item)) {
                EXPECT_TRUE(allowed.contains(document))
                    << item.id << " cites " << document << " with documents "
                    << ::testing::PrintToString(list);
                used.insert(document);
            }
        }
        EXPECT_GE(r.research_documents(), 1U) << r.research_progress();
        EXPECT_LE(r.research_documents(), list.size()) << r.research_progress();
        cited_somewhere += used.size();
    }
    EXPECT_GT(cited_somewhere, lists.size());  // items do cite: the checks above bite
}

TEST(PipelineDocuments, DocumentsNoLongerInTheBaseFailTheRunNamingTheField) {
    OfflineRun r;
    auto brief = test::sample_brief();
    brief.documents = {"deleted-since.md"};
    auto job = r.run(brief);
    ASSERT_FALSE(job.has_value());
    EXPECT_EQ(job.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(job.error().field, "documents");
}

/// A LinkedIn post with one figure from traction.md ($2.1M) and one from pricing.md ($29).
class TwoFigureWriter final : public Writer {
public:
    Result<ContentItem> write(const WriterInput& input) override {
        ContentItem item;
        item.platform = input.spec.platform;
        item.body =
            "Fieldnote reached $2.1M in annual recurring revenue.\n\nThe Starter plan costs $29 "
            "per technician per month. Start a 14-day free trial at fieldnote.example";
        item.hashtags = {"#FieldService"};
        return item;
    }
};

/// The figures the grounding check reported as unsupported.
std::set<std::string> unsupported(const ContentItem& item) {
    std::set<std::string> out;
    for (const auto& issue : item.quality.issues) {
        if (issue.code == "grounding.unsupported_number") {
            for (const auto* figure : {"$2.1M", "$29"}) {
                if (issue.message.find(fmt::format("\"{}\"", figure)) != std::string::npos) {
                    out.insert(figure);
                }
            }
        }
    }
    return out;
}

// The editor's grounding check reads the same restricted passages: a figure from another
// document is unsupported.
TEST(PipelineDocuments, GroundingChecksAgainstTheBriefsDocumentsOnly) {
    const std::vector<std::pair<std::vector<std::string>, std::set<std::string>>> cases{
        {{}, {}},
        {{"traction.md", "pricing.md"}, {}},
        {{"traction.md"}, {"$29"}},
        {{"pricing.md"}, {"$2.1M"}},
        {{"faq.md"}, {"$29", "$2.1M"}},
    };
    for (const auto& [documents, expected] : cases) {
        OfflineRun r;
        auto brief = test::sample_brief();
        brief.platforms = {Platform::kLinkedIn};
        brief.documents = documents;
        auto job = r.run(brief, [](Platform) { return std::make_unique<TwoFigureWriter>(); });
        ASSERT_TRUE(job.has_value()) << job.error().message;
        ASSERT_EQ(job->items.size(), 1U) << ::testing::PrintToString(job->notes);
        EXPECT_EQ(unsupported(job->items[0]), expected) << ::testing::PrintToString(documents);
    }
}

/// Every document name the prompts of `client` mention among `names`.
std::set<std::string> named_in_prompts(const test::ScriptedLlmClient& client,
                                       const std::vector<std::string>& names) {
    std::set<std::string> out;
    for (const auto& request : client.requests()) {
        const auto text = request.system + "\n" + user_text(request);
        for (const auto& name : names) {
            if (text.find(name) != std::string::npos) {
                out.insert(name);
            }
        }
    }
    return out;
}

// With models: the research model, the writers and the critique's revision (which searches the
// base for passages) are shown passages of the brief's document only.
TEST(PipelineDocuments, ModelPromptsShowOnlyTheBriefsDocuments) {
    const auto names = sample_documents();
    for (const auto& chosen : {std::string("traction.md"), std::string("product_features.md")}) {
        test::ModelHarness h;
        auto research = std::make_shared<test::ScriptedLlmClient>();
        auto editor = std::make_shared<test::ScriptedLlmClient>();
        h.llm.research = research;
        h.llm.editor = editor;
        h.script_good_writers();
        research->script("research", {reply(R"({"angle":"","summary":"","ranked_facts":[]})")});
        const std::string low = R"({"score":0.3,"issues":["Lead with a number."]})";
        const std::string good = R"({"score":0.95,"issues":[]})";
        for (const auto* const p : {"linkedin", "twitter", "pitch_deck"}) {
            editor->script(std::string("editor:") + p, {reply(low), reply(good)});
        }
        auto brief = test::sample_brief();
        brief.documents = {chosen};
        auto job = h.run(brief);
        ASSERT_TRUE(job.has_value()) << job.error().message;
        const std::set<std::string> only{chosen};
        ASSERT_FALSE(research->requests().empty());
        EXPECT_EQ(named_in_prompts(*research, names), only);
        EXPECT_EQ(named_in_prompts(*h.writer, names), only);
        EXPECT_EQ(named_in_prompts(*editor, names), only);
        bool revised_with_passages = false;
        for (const auto& request : h.writer->requests()) {
            const auto text = user_text(request);
            revised_with_passages |=
                text.find("# Relevant knowledge-base passages\n[" + chosen) != std::string::npos;
        }
        EXPECT_TRUE(revised_with_passages) << chosen;
        for (const auto& item : job->items) {
            for (const auto& document : cited(item)) {
                EXPECT_EQ(document, chosen) << item.id;
            }
        }
    }
}

}  // namespace
}  // namespace swarm::core
