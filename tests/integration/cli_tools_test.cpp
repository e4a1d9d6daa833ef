// The smaller commands end to end: version, parse, validate and kb add/search.
#include "support/command.hpp"
#include "support/test_paths.hpp"

#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(VersionCommand, PrintsVersionFileRevisionAndBuildTime) {
    const auto r = run_cli({"version"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto v = json::parse(r.out);
    std::string expected = read_file(source_dir() / "VERSION");
    expected.erase(expected.find_last_not_of(" \n\r") + 1);
    EXPECT_EQ(v["version"], expected);
    EXPECT_TRUE(std::regex_match(v["version"].get<std::string>(), std::regex(R"(\d+\.\d+\.\d+)")));
    const auto sha = v["git_sha"].get<std::string>();
    if (fs::exists(source_dir() / ".git")) {
        EXPECT_TRUE(std::regex_match(sha, std::regex("[0-9a-f]{40}"))) << sha;
    } else {
        EXPECT_EQ(sha, "unknown");
    }
    EXPECT_TRUE(std::regex_match(v["build_time"].get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
}

TEST(ParseCommand, SplitsStdinAndReportsMissingWithExitThree) {
    const std::string text =
        "### LinkedIn\r\nWe cut drive time by 24% across pilot customers. Dispatchers get their "
        "mornings back.\r\n\r\n### Twitter\r\nDrive time down 24%. #FieldService\r\n";
    const auto ok = run_cli({"parse", "--platforms", "linkedin,x"}, text);
    ASSERT_EQ(ok.exit_code, 0) << ok.err;
    const auto doc = json::parse(ok.out);
    EXPECT_EQ(doc["completeness"], 1.0);
    ASSERT_EQ(doc["items"].size(), 2U);
    EXPECT_EQ(doc["items"][1]["platform"], "twitter");
    EXPECT_EQ(doc["items"][0]["body"].get<std::string>().find('\r'), std::string::npos);

    const auto partial =
        run_cli({"parse", "--platforms", "linkedin,twitter,pitch_deck", "-"}, text);
    EXPECT_EQ(partial.exit_code, 3) << "some platforms found, not all";
    EXPECT_EQ(json::parse(partial.out)["missing_platforms"], json({"pitch_deck"}));
    const auto none = run_cli({"parse", "--platforms", "pitch_deck"}, text);
    EXPECT_EQ(none.exit_code, 1) << none.out;
    EXPECT_EQ(json::parse(none.out)["missing_platforms"], json({"pitch_deck"}));

    const auto bad = run_cli({"parse", "--platforms", "linkedin,tiktok"}, text);
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("--platforms[1]: unknown platform \"tiktok\""), std::string::npos)
        << bad.err;
}

TEST(ValidateCommand, ReportsWeightedLengthAndErrors) {
    const auto good = run_cli({"validate", "--platform", "x"},
                              "Drive time down 24% for pilot crews. #FieldService");
    ASSERT_EQ(good.exit_code, 0) << good.out << good.err;
    const auto g = json::parse(good.out);
    EXPECT_TRUE(g["valid"].get<bool>());
    EXPECT_EQ(g["metrics"]["weighted_lengths"][0], 50);

    std::string cjk;
    for (int i = 0; i < 141; ++i) {
        cjk += "\xe6\x97\xa5";  // 日: weighs 2
    }
    const auto long_post = run_cli({"validate", "--platform", "twitter"}, cjk);
    EXPECT_EQ(long_post.exit_code, 1);
    const auto l = json::parse(long_post.out);
    EXPECT_EQ(l["metrics"]["weighted_lengths"][0], 282);
    EXPECT_NE(long_post.out.find("x.too_long"), std::string::npos) << long_post.out;

    const auto bad = run_cli({"validate", "--platform", "myspace"}, "hi");
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("--platform: unknown platform \"myspace\""), std::string::npos);
}

TEST(ValidateCommand, AppliesBrandRulesFromABrief) {
    const auto brief = (source_dir() / "examples" / "brief-fieldnote.json").string();
    const auto r = run_cli({"validate", "--platform", "twitter", "--brief", brief},
                           "Our revolutionary dispatch is here. #FieldService");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("brand.banned_phrase"), std::string::npos) << r.out;
}

TEST(KbCommand, AddsSearchesAndReplaces) {
    const TempDir tmp;
    const auto db = (tmp.path() / "kb.db").string();
    const auto docs = tmp.path() / "docs";
    fs::create_directories(docs);
    std::ofstream(docs / "a.md") << "# Pricing\n\nStarter costs $29 per technician per month.\n";
    std::ofstream(docs / "b.md", std::ios::binary) << std::string("\0\1\2binary", 9);
    const auto add = run_cli({"kb", "--db", "sqlite:" + db, "add", docs.string()});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    EXPECT_NE(add.out.find("added     a.md"), std::string::npos) << add.out;
    EXPECT_NE(add.err.find("skipped"), std::string::npos) << add.err;

    const auto search = run_cli({"kb", "--db", db, "search", "starter price", "--json"});
    ASSERT_EQ(search.exit_code, 0) << search.err;
    const auto hits = json::parse(search.out);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0]["document"], "a.md");
    EXPECT_EQ(hits[0]["heading"], "Pricing");

    std::ofstream(docs / "a.md", std::ios::trunc) << "# Pricing\n\nStarter now costs $35.\n";
    const auto again = run_cli({"kb", "--db", db, "add", docs.string()});
    EXPECT_NE(again.out.find("replaced  a.md"), std::string::npos) << again.out;
    const auto old = run_cli({"kb", "--db", db, "search", "technician", "--json"});
    EXPECT_TRUE(json::parse(old.out).empty()) << "old chunks are gone: " << old.out;

    const auto hostile = run_cli({"kb", "--db", db, "search", "\"AND ( NEAR* :"});
    EXPECT_EQ(hostile.exit_code, 0) << hostile.err;
    const auto pg = run_cli({"kb", "--db", "postgres://x", "search", "a"});
    EXPECT_EQ(pg.exit_code, 2);
}

}  // namespace
}  // namespace swarm::test
