// The model-backed editor and researcher: critique below the threshold triggers bounded
// revisions through the writer; research ranks facts but never adds numbers; an empty LlmAgents
// leaves the offline pipeline untouched.
#include "unit/agents/llm_test_fixtures.hpp"
#include "unit/agents/pipeline_events.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using test::has_note;
using test::ModelHarness;
using test::reply;
using test::user_text;

std::string critique(double score, const std::string& issue) {
    return nlohmann::json{{"score", score}, {"issues", {issue}}}.dump();
}

struct CritiqueHarness : ModelHarness {
    CritiqueHarness() {
        llm.editor = editor;
        script_good_writers();
        for (const auto* const p : {"linkedin", "twitter", "pitch_deck"}) {
            editor->script(std::string("editor:") + p, {reply(critique(0.9, "fine"))});
        }
    }

    std::shared_ptr<test::ScriptedLlmClient> editor = std::make_shared<test::ScriptedLlmClient>();
};

TEST(ModelEditor, CritiqueBelowThresholdTriggersARevisionWithTheCritique) {
    CritiqueHarness h;
    h.editor->script("editor:linkedin", {reply(critique(0.4,
                                                        "The hook is generic; lead with "
                                                        "the emergency-call number.")),
                                         reply(critique(0.85, "Good."))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded) << ::testing::PrintToString(job->notes);
    const auto writes = h.writer->requests_for("writer:linkedin");
    ASSERT_EQ(writes.size(), 2U);
    const auto prompt = user_text(writes[1]);
    EXPECT_NE(prompt.find("The hook is generic"), std::string::npos) << prompt;
    EXPECT_NE(prompt.find("scored it 0.40"), std::string::npos);
    EXPECT_NE(prompt.find("LinkedIn (linkedin)"), std::string::npos);
    EXPECT_EQ(h.editor->requests_for("editor:linkedin").size(), 2U);
    EXPECT_EQ(h.editor->requests_for("editor:twitter").size(), 1U);
    EXPECT_EQ(h.writer->requests_for("writer:twitter").size(), 1U);
    EXPECT_FALSE(h.progress("editor", Platform::kLinkedIn).empty());
    const auto events = h.events.events();
    const auto finished = std::find_if(events.begin(), events.end(), [](const JobEvent& e) {
        return e.type == EventType::kAgentFinished && e.agent == "editor" &&
               e.platform == Platform::kLinkedIn;
    });
    ASSERT_NE(finished, events.end());
    EXPECT_NE(finished->message.find("critique 0.85 after 1 revision(s)"), std::string::npos)
        << finished->message;
}

TEST(ModelEditor, RevisionsAreBoundedByMaxRevisions) {
    CritiqueHarness h;
    h.llm.max_revisions = 2;
    h.editor->script("editor:twitter", {reply(critique(0.3, "Too vague."))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded);  // still publishable: the rules pass
    EXPECT_EQ(h.writer->requests_for("writer:twitter").size(), 3U);  // write + 2 revisions
    EXPECT_EQ(h.editor->requests_for("editor:twitter").size(), 3U);
    EXPECT_TRUE(has_note(*job, "twitter: critique score 0.30 (threshold 0.70) after 2 revision(s)"))
        << ::testing::PrintToString(job->notes);
}

TEST(ModelEditor, ARevisionThatBreaksAHardRuleIsDiscarded) {
    CritiqueHarness h;
    h.llm.max_revisions = 1;
    h.editor->script("editor:twitter", {reply(critique(0.3, "Say more."))});
    h.writer->script("writer:twitter",
                     {reply(test::json_reply(Platform::kTwitter)),
                      reply(nlohmann::json{{"posts", {std::string(400, 'a')}}}.dump())});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded);
    EXPECT_EQ(job->items[1].body, test::clean(Platform::kTwitter).body);
    EXPECT_TRUE(has_note(*job, "twitter: revision 1 discarded: x.too_long"))
        << ::testing::PrintToString(job->notes);
}

TEST(ModelEditor, GroundingIssuesAreFedBackWithTheRelevantPassages) {
    CritiqueHarness h;
    auto body = test::clean(Platform::kLinkedIn).body;
    body.insert(body.find("\n\n"), " Fieldnote cut overtime by 73% for every customer.");
    h.writer->script("writer:linkedin",
                     {reply(nlohmann::json{{"body", body}, {"hashtags", {"#FieldService"}}}.dump()),
                      reply(test::json_reply(Platform::kLinkedIn))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    const auto writes = h.writer->requests_for("writer:linkedin");
    ASSERT_EQ(writes.size(), 2U);  // the score was fine: the grounding issue asked for it
    const auto prompt = user_text(writes[1]);
    EXPECT_NE(prompt.find("grounding.unsupported_number"), std::string::npos) << prompt;
    EXPECT_NE(prompt.find("73%"), std::string::npos);
    EXPECT_NE(prompt.find("# Relevant knowledge-base passages\n["), std::string::npos);
    EXPECT_EQ(job->items[0].body.find("73%"), std::string::npos);
}

TEST(ModelResearch, RanksFactsAndDropsAnAngleWithAnInventedNumber) {
    ModelHarness h;
    auto research = std::make_shared<test::ScriptedLlmClient>();
    h.llm.research = research;
    h.script_good_writers();
    research->script("research", {reply(R"({"angle": "Emergency calls cost 99% of margins",
        "summary": "Fieldnote re-plans a technician's day when an emergency call arrives.",
        "ranked_facts": ["F3", "F1", "F99"]})")});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded);
    EXPECT_TRUE(has_note(*job,
                         "research: dropped the model's angle: 99% is not in the knowledge "
                         "base"))
        << ::testing::PrintToString(job->notes);
    const auto research_prompt = user_text(research->requests().at(0));
    const auto f3 = research_prompt.find("F3 [");
    ASSERT_NE(f3, std::string::npos);
    const auto f3_text = research_prompt.substr(f3 + 4, research_prompt.find('\n', f3) - f3 - 4);
    const auto writer_prompt = user_text(h.writer->requests_for("writer:linkedin").at(0));
    EXPECT_NE(writer_prompt.find("Summary: Fieldnote re-plans"), std::string::npos);
    EXPECT_EQ(writer_prompt.find("99%"), std::string::npos);
    // The model's first-ranked fact (F3) is the writers' F1.
    const auto first = writer_prompt.find("F1 [");
    ASSERT_NE(first, std::string::npos);
    EXPECT_EQ(writer_prompt.compare(first + 4, f3_text.size(), f3_text), 0) << f3_text;
    EXPECT_EQ(h.progress("research", std::nullopt).find("found "), 0U);
}

TEST(ModelResearch, AFailedResearchCallKeepsTheExtractiveSheet) {
    ModelHarness h;
    h.llm.research = std::make_shared<test::ScriptedLlmClient>();  // no script: kUpstream
    h.script_good_writers();
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded);
    EXPECT_TRUE(has_note(*job, "research: model call failed, using the extractive fact sheet"));
}

TEST(ModelPipelineStorage, ARawOutputStorageFailureIsANoteNotAFailure) {
    ModelHarness h;
    h.raw.failing = true;
    h.script_good_writers();
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded);
    EXPECT_TRUE(has_note(*job, "raw output of writer:twitter not stored: disk full"))
        << ::testing::PrintToString(job->notes);
}

TEST(ModelPipelineOffline, LlmAgentsWithoutClientsRunTheOfflinePipelineUnchanged) {
    ModelHarness with;
    with.llm.writer.reset();
    test::InMemoryKnowledgeBase kb(test::sample_passages());
    test::RecordingEventSink events;
    const PipelineDeps deps{kb, with.tz, with.clock, events};
    auto plain = run_pipeline(test::sample_brief(), deps, PipelineOptions{"job1", std::nullopt});
    auto job = with.run();
    ASSERT_TRUE(job.has_value() && plain.has_value());
    ASSERT_EQ(job->items.size(), plain->items.size());
    for (std::size_t i = 0; i < job->items.size(); ++i) {
        EXPECT_EQ(job->items[i].body, plain->items[i].body);
    }
    EXPECT_EQ(job->notes, plain->notes);
    EXPECT_EQ(job->usage.model_calls, 0);
    // Platforms' lanes interleave by timing; each platform's own events are the same.
    EXPECT_EQ(test::grouped_by_platform(events.events()),
              test::grouped_by_platform(with.events.events()));
    EXPECT_TRUE(with.raw.records().empty());
}

}  // namespace
}  // namespace swarm::core
