// `content-swarm generate` end to end: the sample brief offline, determinism, a second company
// with a thin knowledge base (no invented numbers), every kind of bad input (exit code 2), and
// one result document: --json prints result.json's bytes, whose media urls are real files.
#include "support/command.hpp"
#include "support/test_paths.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path example(const std::string& name) {
    return source_dir() / "examples" / name;
}

std::string all_text_under(const fs::path& dir) {
    std::string text;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file()) {
            text += read_file(e.path()) + "\n";
        }
    }
    return text;
}

std::string digits_only(std::string s) {
    std::erase(s, ',');
    while (!s.empty() && s.back() == '.') {
        s.pop_back();
    }
    return s;
}

/// Every number written in the item must appear in the knowledge base or the brief.
void expect_no_invented_numbers(const json& item, const std::string& sources) {
    std::vector<std::string> texts;
    for (const auto& p : item["parts"]) {
        if (p.contains("body")) {
            texts.push_back(p["body"].get<std::string>());
        }
        if (p.contains("bullets")) {
            for (const auto& b : p["bullets"]) {
                texts.push_back(b.get<std::string>());
            }
        }
    }
    if (item["platform"] == "linkedin") {
        texts.push_back(item["body"].get<std::string>());
    }
    const std::string plain_sources = digits_only(sources);
    const std::regex thread_number(R"((^|\s)\(?\d+/\d+\)?)");
    const std::regex list_marker(R"((^|\n)\s*\d+[.)]\s)");
    const std::regex number(R"(\d[\d,]*(\.\d+)?)");
    for (auto text : texts) {
        text = std::regex_replace(text, thread_number, " ");
        text = std::regex_replace(text, list_marker, "\n");
        for (std::sregex_iterator it(text.begin(), text.end(), number), end; it != end; ++it) {
            const auto value = digits_only(it->str());
            EXPECT_NE(plain_sources.find(value), std::string::npos)
                << "number " << it->str() << " in " << item["platform"]
                << " is not in the sources:\n"
                << text;
        }
    }
}

std::size_t error_count(const json& item) {
    std::size_t n = 0;
    for (const auto& issue : item["quality"]["issues"]) {
        n += issue["severity"] == "error" ? 1U : 0U;
    }
    return n;
}

class GenerateTest : public ::testing::Test {
protected:
    TempDir tmp;
};

TEST_F(GenerateTest, SampleBriefProducesThreeValidItemsAndFiles) {
    const auto out = tmp.path() / "out";
    const auto r = run_cli({"generate", "--brief", example("brief-fieldnote.json").string(),
                            "--out", out.string(), "--start", "2026-12-01"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* f :
         {"linkedin.md", "twitter.md", "pitch_deck.md", "schedule.ics", "result.json"}) {
        EXPECT_TRUE(fs::exists(out / f)) << f;
    }
    const auto result = json::parse(read_file(out / "result.json"));
    EXPECT_EQ(result["status"], "succeeded");
    EXPECT_EQ(result["requested_platforms"], json({"linkedin", "twitter", "pitch_deck"}));
    EXPECT_TRUE(result["missing_platforms"].empty());
    ASSERT_EQ(result["items"].size(), 3U);
    const std::string sources =
        all_text_under(example("kb-fieldnote")) + read_file(example("brief-fieldnote.json"));
    for (const auto& item : result["items"]) {
        SCOPED_TRACE(item["platform"].get<std::string>());
        EXPECT_EQ(error_count(item), 0U) << item["quality"].dump(2);
        EXPECT_GT(item["quality"]["score"].get<double>(), 0.7);
        ASSERT_TRUE(item["schedule"].is_object());
        EXPECT_EQ(item["schedule"]["timezone"], "UTC");
        EXPECT_FALSE(item["sources"].empty());
        expect_no_invented_numbers(item, sources);
    }
    const auto& linkedin = result["items"][0];
    const auto words = linkedin["metrics"]["words"].get<int>();
    EXPECT_GE(words, 150);
    EXPECT_LE(words, 300);
    EXPECT_NE(linkedin["body"].get<std::string>().find("Start a 14-day free trial"),
              std::string::npos);
    for (const auto& w : result["items"][1]["metrics"]["weighted_lengths"]) {
        EXPECT_LE(w.get<int>(), 280);
    }
    const auto slides = result["items"][2]["parts"].size();
    EXPECT_GE(slides, 10U);
    EXPECT_LE(slides, 12U);
    const auto ics = read_file(out / "schedule.ics");
    EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0U);
    std::size_t events = 0;
    for (auto pos = ics.find("BEGIN:VEVENT"); pos != std::string::npos;
         pos = ics.find("BEGIN:VEVENT", pos + 1)) {
        ++events;
    }
    EXPECT_EQ(events, 3U);
    std::set<std::string> slots;
    for (const auto& item : result["items"]) {
        slots.insert(item["schedule"]["suggested_at"].get<std::string>());
    }
    EXPECT_EQ(slots.size(), 3U) << "two items share a slot";
    EXPECT_NE(r.err.find("result.json"), std::string::npos) << "the summary names the files";
}

TEST_F(GenerateTest, SameInputsGiveIdenticalResults) {
    const std::vector<std::string> base{
        "generate", "--brief",          example("brief-fieldnote.json").string(),
        "--start",  "2026-12-01T06:00", "--json",
        "--quiet"};
    const auto a = run_cli(base);
    const auto b = run_cli(base);
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(a.out, b.out);
    EXPECT_EQ(json::parse(a.out)["status"], "succeeded");
}

TEST_F(GenerateTest, ThinKnowledgeBaseOfAnotherCompanyInventsNothing) {
    const auto out = tmp.path() / "out";
    const auto r = run_cli({"generate", "--brief", example("brief-ledgerly.json").string(), "--out",
                            out.string(), "--start", "2026-03-27"});
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3 || r.exit_code == 1) << r.err;  // ran
    const auto result = json::parse(read_file(out / "result.json"));
    EXPECT_EQ(result["requested_platforms"], json({"twitter", "linkedin"}));
    const std::string sources =
        all_text_under(example("kb-ledgerly")) + read_file(example("brief-ledgerly.json"));
    for (const auto& item : result["items"]) {
        SCOPED_TRACE(item["platform"].get<std::string>());
        expect_no_invented_numbers(item, sources);
        EXPECT_EQ(item["schedule"]["timezone"], "Europe/Berlin");
        const auto body = item["body"].get<std::string>();
        EXPECT_EQ(body.find("Fieldnote"), std::string::npos);
        EXPECT_EQ(body.find("disrupt"), std::string::npos);
    }
    ASSERT_FALSE(result["items"].empty());
    EXPECT_EQ(result["items"][0]["platform"], "twitter");
    EXPECT_EQ(result["items"][0]["parts"].size(), 1U) << "twitter_thread=false gives one post";
}

void expect_usage_error(const CommandResult& r, const std::string& message) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
}

TEST_F(GenerateTest, UnknownPlatformNamesFieldAndAllowedValues) {
    auto brief = json::parse(read_file(example("brief-fieldnote.json")));
    brief["platforms"] = {"linkedin", "x", "tiktok"};
    brief["kb"] = example("kb-fieldnote").string();
    const auto path = tmp.path() / "brief.json";
    std::ofstream(path) << brief.dump();
    const auto out = tmp.path() / "out";
    expect_usage_error(
        run_cli({"generate", "--brief", path.string(), "--out", out.string()}),
        "platforms[2]: unknown platform \"tiktok\"; known: linkedin, twitter, pitch_deck");
    EXPECT_FALSE(fs::exists(out / "result.json"));
}

TEST_F(GenerateTest, BadBriefsAreUsageErrors) {
    const auto path = tmp.path() / "brief.json";
    const auto kb = example("kb-fieldnote").string();
    const std::vector<std::pair<std::string, std::string>> cases{
        {"{", "brief: not valid JSON"},
        {"[]", "brief: must be a JSON object"},
        {R"({"platforms":["linkedin"]})", "prompt:"},
        {R"({"prompt":"p"})", "platforms: is required"},
        {R"({"prompt":"p","platforms":[]})", "platforms: must list at least one platform"},
        {R"({"prompt":"p","platforms":["linkedin","LinkedIn"]})",
         "platforms[1]: platform \"linkedin\" is listed twice"},
        {R"({"prompt":"p","platforms":["linkedin"],"platfroms":1})", "platfroms: unknown field"},
        {R"({"prompt":"p","platforms":["pitch_deck"],"options":{"deck_slides":30}})",
         "options.deck_slides: is 30; allowed: 10 to 12"},
        {R"({"prompt":"p","platforms":["linkedin"],"timezone":"Mars/Olympus"})",
         "unknown time zone \"Mars/Olympus\""},
        {R"({"prompt":"p","platforms":["linkedin"],"brand":{"required_hashtags":["two words"]}})",
         "brand.required_hashtags[0]: invalid hashtag"},
        {R"({"prompt":5,"platforms":["linkedin"]})", "prompt: must be a string"},
        {R"({"prompt":"p","platforms":["linkedin"],"brand_profile":"acme"})",
         "brand_profile: names a stored brand profile, which only the server keeps"},
    };
    for (const auto& [text, message] : cases) {
        SCOPED_TRACE(text);
        std::ofstream(path, std::ios::trunc) << text;
        expect_usage_error(run_cli({"generate", "--brief", path.string(), "--kb", kb, "--json"}),
                           message);
    }
}

TEST_F(GenerateTest, MissingOrEmptyKnowledgeBaseAndUnwritableOutput) {
    const auto brief = example("brief-fieldnote.json").string();
    expect_usage_error(
        run_cli({"generate", "--brief", brief, "--kb", (tmp.path() / "nope").string(), "--json"}),
        "--kb:");
    fs::create_directories(tmp.path() / "empty");
    std::ofstream(tmp.path() / "empty" / "image.png") << std::string("\x89PNG\r\n\x1a\n\0\0", 10);
    expect_usage_error(
        run_cli({"generate", "--brief", brief, "--kb", (tmp.path() / "empty").string(), "--json"}),
        "has no readable documents (.md, .markdown, .txt, .pdf, .docx, .html, .htm)");
    const auto blocker = tmp.path() / "file-not-folder";
    std::ofstream(blocker) << "x";
    expect_usage_error(run_cli({"generate", "--brief", brief, "--out", (blocker / "out").string()}),
                       "--out:");
    expect_usage_error(run_cli({"generate", "--brief", (tmp.path() / "missing.json").string()}),
                       "--brief:");
    expect_usage_error(run_cli({"generate", "--brief", brief, "--start", "tomorrow", "--json"}),
                       "--start:");
    expect_usage_error(run_cli({"generate"}), "--brief is required");
}

TEST_F(GenerateTest, RejectedInputLeavesPreviousOutputUntouched) {
    const auto out = tmp.path() / "out";
    ASSERT_EQ(run_cli({"generate", "--brief", example("brief-fieldnote.json").string(), "--out",
                       out.string(), "--start", "2026-12-01", "-q"})
                  .exit_code,
              0);
    ASSERT_TRUE(fs::exists(out / "result.json"));
    fs::create_directories(tmp.path() / "empty");
    const auto r = run_cli({"generate", "--brief", example("brief-fieldnote.json").string(), "--kb",
                            (tmp.path() / "empty").string(), "--out", out.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(fs::exists(out / "result.json"))
        << "bad input is rejected before the folder is touched";
}

// --- One result document: stdout of --json is result.json, and its media urls lead to files ---

/// Every brief the project ships or measures itself on: the examples and the quality panel.
std::vector<fs::path> every_known_brief() {
    std::vector<fs::path> briefs;
    for (const auto& e : fs::directory_iterator(source_dir() / "examples")) {
        if (e.path().extension() == ".json") {
            briefs.push_back(e.path());
        }
    }
    const auto panel = source_dir() / "tests" / "quality" / "panel";
    for (const auto& e : fs::directory_iterator(panel)) {
        if (fs::is_regular_file(e.path() / "brief.json")) {
            briefs.push_back(e.path() / "brief.json");
        }
    }
    std::sort(briefs.begin(), briefs.end());
    return briefs;
}

/// Each media url names a non-empty file relative to the output folder (never a server path).
std::size_t expect_media_resolve(const json& result, const fs::path& out) {
    std::size_t count = 0;
    for (const auto& item : result["items"]) {
        for (const auto& m : item["media"]) {
            const auto url = m["url"].get<std::string>();
            SCOPED_TRACE(item["platform"].get<std::string>() + " " + url);
            EXPECT_EQ(url.rfind("/media/", 0), std::string::npos) << "a server URL";
            EXPECT_TRUE(fs::path(url).is_relative());
            EXPECT_TRUE(fs::is_regular_file(out / url));
            EXPECT_GT(fs::exists(out / url) ? fs::file_size(out / url) : 0U, 0U);
            ++count;
        }
    }
    return count;
}

TEST_F(GenerateTest, JsonOnStdoutIsResultFileWithWorkingMediaForEveryBrief) {
    const auto briefs = every_known_brief();
    ASSERT_GE(briefs.size(), 10U);
    std::size_t media = 0;
    for (std::size_t i = 0; i < briefs.size(); ++i) {
        SCOPED_TRACE(briefs[i].string());
        const auto out = tmp.path() / std::to_string(i);
        const auto r = run_cli({"generate", "--brief", briefs[i].string(), "--out", out.string(),
                                "--json", "--start", "2027-02-15", "-q"});
        ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3 || r.exit_code == 1) << r.err;  // ran
        ASSERT_TRUE(fs::exists(out / "result.json"));
        EXPECT_EQ(r.out, read_file(out / "result.json")) << "stdout and result.json differ";
        media += expect_media_resolve(json::parse(r.out), out);
    }
    EXPECT_GT(media, 0U) << "no brief produced any card or slide: nothing was checked";
}

TEST_F(GenerateTest, RelativeOutFolderFromAnotherWorkingDirectory) {
    const auto r = run_cli({"generate", "--brief", example("brief-fieldnote.json").string(),
                            "--out", "rel/out", "--json", "--start", "2026-12-01", "-q"},
                           {}, tmp.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto out = tmp.path() / "rel" / "out";
    EXPECT_EQ(r.out, read_file(out / "result.json"));
    EXPECT_GT(expect_media_resolve(json::parse(r.out), out), 0U);
}

TEST_F(GenerateTest, JsonWithoutOutIsTextOnlyAndWritesNothing) {
    const auto r = run_cli({"generate", "--brief", example("brief-fieldnote.json").string(),
                            "--json", "--start", "2026-12-01"},
                           {}, tmp.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto result = json::parse(r.out);
    ASSERT_EQ(result["items"].size(), 3U);
    for (const auto& item : result["items"]) {
        EXPECT_TRUE(item["media"].empty()) << "a url to a file that was never written";
    }
    EXPECT_NE(r.err.find("--out"), std::string::npos) << "the user is told how to get visuals";
    EXPECT_TRUE(fs::is_empty(tmp.path())) << "--json without --out wrote files";
}

}  // namespace
}  // namespace swarm::test
