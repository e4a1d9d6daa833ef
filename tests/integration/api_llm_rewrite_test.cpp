// Models that misbehave, through the jobs API with tools/fake-llm: a single call that skips
// platforms, reasoning, an overlong tweet, placeholders, fenced JSON; never published, never lost.
#include "llm_e2e_support.hpp"
#include "support/server_process.hpp"

namespace swarm::test::e2e {
namespace {

constexpr std::string_view kRewriteMarker = "could not be published";

/// One job against fake-llm answering with happy.json behind `first` entries.
class ApiLlmRewriteTest : public ::testing::Test {
protected:
    /// Runs the sample brief to its end; the job as GET returns it.
    json run_job(const json& first, const std::string& mode = "parallel") {
        fake_ = std::make_unique<FakeLlmProcess>(e2e_fixture("happy.json"));
        EXPECT_NE(fake_->port(), 0);
        EXPECT_TRUE(set_script(fake_->port(), with_first(happy_script(), first)));
        const ScopedEnv env(openai_env(*fake_, mode));
        server_ = std::make_unique<ServerProcess>(serve_args(dir_));
        EXPECT_NE(server_->port(), 0) << server_->stderr_text();
        const auto id = submit_job(server_->port());
        return id.empty() ? json::object() : wait_final(server_->port(), id);
    }

    json requests() const { return fake_requests(fake_->port()); }

    /// The writer calls for `platform` that were targeted rewrites (the rewrite prompt).
    std::vector<json> rewrites(const std::string& platform) const {
        std::vector<json> out;
        for (const auto& r : requests_for(requests(), "writer:" + platform)) {
            if (prompt_text(r["body"]).find(kRewriteMarker) != std::string::npos) {
                out.push_back(r);
            }
        }
        return out;
    }

    TempDir dir_;
    std::unique_ptr<FakeLlmProcess> fake_;
    std::unique_ptr<ServerProcess> server_;
};

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

/// True when no delivered item (body, posts, slides) holds `text`.
bool nowhere_published(const json& job, std::string_view text) {
    return !contains(job.value("items", json::array()).dump(), text);
}

TEST_F(ApiLlmRewriteTest, SingleCallThatWritesOnlyLinkedInGetsTargetedRewrites) {
    const auto job = run_job(
        json::array({{{"agent", "writer"}, {"text_file", "single_call_linkedin_only.txt"}}}),
        "single-call");
    EXPECT_EQ(job.value("status", ""), "succeeded") << job.dump();
    EXPECT_EQ(items_by_platform(job).size(), 3U);
    EXPECT_EQ(requests_for(requests(), "writer").size(), 1U);
    EXPECT_TRUE(requests_for(requests(), "writer:linkedin").empty()) << "LinkedIn was delivered";
    for (const std::string p : {"twitter", "pitch_deck"}) {
        const auto calls = rewrites(p);
        ASSERT_EQ(calls.size(), 1U) << p;
        const auto prompt = prompt_text(calls[0]["body"]);
        EXPECT_TRUE(contains(prompt, "(" + p + ")")) << prompt;
        EXPECT_TRUE(contains(prompt, "parse.missing_section: no " + p + " section")) << prompt;
    }
    const auto deck = items_by_platform(job)["pitch_deck"];
    EXPECT_EQ(deck["parts"].size(),
              json::parse(read_file(e2e_fixture("pitch_deck.json")))["slides"].size());
}

TEST_F(ApiLlmRewriteTest, SingleCallWhoseRewritesKeepFailingEndsPartialNamingThePlatform) {
    const auto job = run_job(
        json::array({{{"agent", "writer"}, {"text_file", "single_call_linkedin_only.txt"}},
                     {{"agent", "writer:pitch_deck"}, {"text_file", "deck_reasoning.txt"}}}),
        "single-call");
    EXPECT_EQ(job.value("status", ""), "partial") << job.dump();
    EXPECT_EQ(job["missing_platforms"], json({"pitch_deck"}));
    const std::string error = job.value("error", "");
    EXPECT_TRUE(contains(error, "pitch_deck: missing after 2 rewrite(s)")) << error;
    EXPECT_TRUE(contains(error, "parse.reasoning_only")) << error;
    EXPECT_EQ(rewrites("pitch_deck").size(), 2U);
    const auto items = items_by_platform(job);
    EXPECT_TRUE(items.contains("linkedin") && items.contains("twitter"));
    EXPECT_TRUE(nowhere_published(job, "Let me create"));
}

TEST_F(ApiLlmRewriteTest, ReasoningInsteadOfContentIsRewrittenNeverPublished) {
    const auto job = run_job(json::array(
        {{{"agent", "writer:linkedin"}, {"text_file", "reasoning.txt"}, {"times", 1}}}));
    EXPECT_EQ(job.value("status", ""), "succeeded") << job.dump();
    EXPECT_TRUE(nowhere_published(job, "Let me create"));
    EXPECT_TRUE(nowhere_published(job, "First I'll think"));
    const auto calls = rewrites("linkedin");
    ASSERT_EQ(calls.size(), 1U);
    EXPECT_TRUE(contains(prompt_text(calls[0]["body"]), "parse.reasoning_only"));
    const auto body = items_by_platform(job)["linkedin"].value("body", "");
    EXPECT_TRUE(contains(body, "Smart Dispatch re-plans the day")) << body;
}

TEST_F(ApiLlmRewriteTest, OverlongTweetIsRewrittenWithinTheLimit) {
    const auto job = run_job(json::array(
        {{{"agent", "writer:twitter"}, {"text_file", "tweet_777.json"}, {"times", 1}}}));
    EXPECT_EQ(job.value("status", ""), "succeeded") << job.dump();
    const auto calls = rewrites("twitter");
    ASSERT_EQ(calls.size(), 1U);
    const auto prompt = prompt_text(calls[0]["body"]);
    EXPECT_TRUE(contains(prompt, "x.too_long")) << prompt;
    EXPECT_TRUE(contains(prompt, "the limit is 280")) << prompt;
    const auto tweet = items_by_platform(job)["twitter"];
    ASSERT_FALSE(tweet["parts"].empty());
    for (const auto& length : tweet["metrics"]["weighted_lengths"]) {
        EXPECT_LE(length.get<int>(), 280);
    }
    EXPECT_TRUE(nowhere_published(job, "already use it. Fieldnote re-plans"));
}

TEST_F(ApiLlmRewriteTest, OverlongTweetThatStaysTooLongIsMissingWithTheReason) {
    const auto job =
        run_job(json::array({{{"agent", "writer:twitter"}, {"text_file", "tweet_777.json"}}}));
    EXPECT_EQ(job.value("status", ""), "partial") << job.dump();
    EXPECT_EQ(job["missing_platforms"], json({"twitter"}));
    const std::string error = job.value("error", "");
    EXPECT_TRUE(contains(error, "twitter: missing after 2 rewrite(s): x.too_long")) << error;
    EXPECT_EQ(rewrites("twitter").size(), 2U);
    EXPECT_FALSE(items_by_platform(job).contains("twitter"));
    const auto content = get_json(
        server_->port(), "/api/v1/content?platform=twitter&job_id=" + job.value("job_id", ""));
    EXPECT_TRUE(content["items"].empty()) << content.dump();
}

TEST_F(ApiLlmRewriteTest, PlaceholdersAreRewrittenOrMissingNeverPublished) {
    // LinkedIn keeps its placeholders through every rewrite; X fixes them on the first one.
    const auto job = run_job(json::array(
        {{{"agent", "writer:linkedin"}, {"text_file", "linkedin_placeholder.json"}},
         {{"agent", "writer:twitter"}, {"text_file", "twitter_placeholder.json"}, {"times", 1}}}));
    EXPECT_EQ(job.value("status", ""), "partial") << job.dump();
    EXPECT_EQ(job["missing_platforms"], json({"linkedin"}));
    const std::string error = job.value("error", "");
    EXPECT_TRUE(contains(error, "linkedin: missing after 2 rewrite(s)")) << error;
    EXPECT_TRUE(contains(error, "Unfilled placeholder \"[Company Name]\"")) << error;
    EXPECT_TRUE(nowhere_published(job, "[Company Name]"));
    EXPECT_TRUE(nowhere_published(job, "{{product}}"));
    const auto twitter = rewrites("twitter");
    ASSERT_EQ(twitter.size(), 1U);
    EXPECT_TRUE(contains(prompt_text(twitter[0]["body"]), "content.placeholder"));
    EXPECT_TRUE(items_by_platform(job).contains("twitter"));
}

TEST_F(ApiLlmRewriteTest, SlotTextInAnyWordsAndEchoedRulesAreNeverPublished) {
    // LinkedIn answers with template slots in ordinary words every time; X first echoes its
    // instructions (rules, WRONG/RIGHT) around one real post, then answers properly.
    const json slots = {{"body",
                         "[Hook about the pain point]\n\n<three sentences on how it works>\n\n"
                         "{benefit one} - {benefit two}\n\n[Your call to action]"},
                        {"hashtags", json::array({"#FieldService"})}};
    const json echo = {
        {"posts",
         json::array({"Rules: keep each post under 280 characters and use at most 2 hashtags.",
                      "WRONG: Fieldnote is a revolutionary game-changer!",
                      "RIGHT: Smart Dispatch re-plans the day when an emergency job comes in.",
                      "Start a 14-day free trial at fieldnote.example"})},
        {"hashtags", json::array({"#FieldService"})}};
    const auto job =
        run_job(json::array({{{"agent", "writer:linkedin"}, {"text", slots.dump()}},
                             {{"agent", "writer:twitter"}, {"text", echo.dump()}, {"times", 1}}}));
    EXPECT_EQ(job.value("status", ""), "partial") << job.dump();
    EXPECT_EQ(job["missing_platforms"], json({"linkedin"}));
    for (const std::string_view text :
         {"Hook about the pain point", "how it works>", "benefit one", "Your call to action",
          "Rules:", "WRONG:", "RIGHT:", "revolutionary"}) {
        EXPECT_TRUE(nowhere_published(job, text)) << text;
    }
    EXPECT_TRUE(items_by_platform(job).contains("twitter")) << job.dump();
    EXPECT_FALSE(rewrites("linkedin").empty());
}

TEST_F(ApiLlmRewriteTest, JsonInsideACodeFenceIsReadWithoutARewrite) {
    const auto job = run_job(
        json::array({{{"agent", "writer:linkedin"}, {"text_file", "linkedin_fenced.txt"}}}));
    EXPECT_EQ(job.value("status", ""), "succeeded") << job.dump();
    EXPECT_EQ(requests_for(requests(), "writer:linkedin").size(), 1U);
    const auto scripted = json::parse(read_file(e2e_fixture("linkedin.json")));
    const auto body = items_by_platform(job)["linkedin"].value("body", "");
    const std::string first_paragraph = scripted["body"].get<std::string>().substr(0, 80);
    EXPECT_EQ(body.substr(0, 80), first_paragraph);
    EXPECT_FALSE(contains(body, "```")) << body;
    EXPECT_FALSE(contains(body, "\"body\"")) << body;
    EXPECT_TRUE(nowhere_published(job, "Here is the LinkedIn post"));
}

}  // namespace
}  // namespace swarm::test::e2e
