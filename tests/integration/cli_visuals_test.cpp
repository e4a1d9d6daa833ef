// The designer through the CLI: `generate` writes cards, slides, the deck as PDF and PPTX and lists
// them in result.json; `render` re-draws an edited item in place; bad input exits 2.
#include "support/command.hpp"
#include "support/fake_llm_process.hpp"
#include "support/test_paths.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Size {
    int width = 0;
    int height = 0;
};

/// Width and height from a PNG's IHDR; {0,0} when the bytes are not a PNG.
Size png_size(const std::string& bytes) {
    if (bytes.size() < 24 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 ||
        bytes.compare(12, 4, "IHDR") != 0) {
        return {};
    }
    const auto be32 = [&](std::size_t at) {
        int v = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
        }
        return v;
    };
    return {be32(16), be32(20)};
}

/// "Pages:" of pdfinfo (poppler-utils); -1 when it cannot be read.
int pdf_pages(const fs::path& pdf) {
    const std::string command = "pdfinfo '" + pdf.string() + "' 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) {
        return -1;
    }
    std::string text;
    std::array<char, 512> buffer{};
    while (fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) {
        text += buffer.data();
    }
    std::smatch m;
    return std::regex_search(text, m, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(m[1]) : -1;
}

class VisualsTest : public ::testing::Test {
protected:
    TempDir tmp;
    fs::path out = tmp.path() / "out";

    json generate() {
        const auto r = run_cli({"generate", "--brief",
                                (source_dir() / "examples" / "brief-fieldnote.json").string(),
                                "--out", out.string(), "--start", "2026-12-01", "--quiet"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return json::parse(read_file(out / "result.json"));
    }
};

TEST_F(VisualsTest, GenerateWritesCardsSlidesAndDeckFilesListedInTheResult) {
    const auto result = generate();
    ASSERT_EQ(result["items"].size(), 3U);
    for (const auto& item : result["items"]) {
        const auto platform = item["platform"].get<std::string>();
        SCOPED_TRACE(platform);
        ASSERT_FALSE(item["media"].empty());
        for (const auto& m : item["media"]) {
            const auto file = out / m["url"].get<std::string>();
            ASSERT_TRUE(fs::exists(file)) << m["url"];
            EXPECT_FALSE(m["alt"].get<std::string>().empty());
            const auto bytes = read_file(file);
            const auto kind = m["kind"].get<std::string>();
            if (kind == "deck_pdf") {
                EXPECT_EQ(bytes.rfind("%PDF-", 0), 0U);
                EXPECT_EQ(pdf_pages(file), static_cast<int>(item["parts"].size()));
            } else if (kind == "deck_pptx") {
                EXPECT_EQ(bytes.rfind("PK", 0), 0U);
            } else {
                const auto size = png_size(bytes);
                EXPECT_EQ(size.width, m["width"].get<int>());
                EXPECT_EQ(size.height, m["height"].get<int>());
            }
        }
        if (platform == "pitch_deck") {
            EXPECT_EQ(item["media"].size(), item["parts"].size() + 2);
            EXPECT_TRUE(fs::exists(out / "pitch_deck.pdf"));
            EXPECT_TRUE(fs::exists(out / "pitch_deck.pptx"));
            EXPECT_EQ(item["media"][0]["width"], 1920);
            EXPECT_EQ(item["media"][0]["height"], 1080);
        } else {
            ASSERT_EQ(item["media"].size(), 1U);
            EXPECT_EQ(item["media"][0]["kind"], "card");
            EXPECT_EQ(item["media"][0]["width"], 1200);
            EXPECT_EQ(item["media"][0]["height"], platform == "linkedin" ? 627 : 675);
            EXPECT_NE(
                read_file(out / (platform + ".md")).find("](media/" + platform + "-card.png)"),
                std::string::npos);
        }
    }
}

TEST_F(VisualsTest, RenderRedrawsAnEditedItemInPlaceAndLeavesTheOthers) {
    auto result = generate();
    const auto card = out / "media" / "linkedin-card.png";
    const auto before = read_file(card);
    const auto deck_before = read_file(out / "pitch_deck.pdf");
    result["items"][0]["body"] =
        "Edited by hand: dispatchers now re-plan a whole day in 9 seconds.\n\nMore words here.";
    std::ofstream(out / "result.json") << result.dump(2);

    const auto r =
        run_cli({"render", "--result", (out / "result.json").string(), "--item", "linkedin"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto after = read_file(card);
    EXPECT_NE(after, before);
    EXPECT_EQ(png_size(after).width, 1200);
    EXPECT_EQ(read_file(out / "pitch_deck.pdf"), deck_before);
    const auto updated = json::parse(read_file(out / "result.json"));
    const auto& media = updated["items"][0]["media"];
    ASSERT_EQ(media.size(), 1U);
    EXPECT_EQ(media[0]["url"], "media/linkedin-card.png");
    EXPECT_NE(media[0]["alt"].get<std::string>().find("Edited by hand"), std::string::npos)
        << media[0]["alt"];
    EXPECT_NE(read_file(out / "linkedin.md").find("Edited by hand"), std::string::npos);
}

TEST_F(VisualsTest, RenderRefusesBadInputNamingTheOption) {
    auto r = run_cli({"render", "--result", (tmp.path() / "missing.json").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--result"), std::string::npos) << r.err;

    std::ofstream(tmp.path() / "not-result.json") << R"({"hello":1})";
    r = run_cli({"render", "--result", (tmp.path() / "not-result.json").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("not a result document"), std::string::npos) << r.err;

    auto result = generate();
    r = run_cli({"render", "--result", (out / "result.json").string(), "--item", "tiktok"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--item"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("-linkedin"), std::string::npos) << "lists the item ids: " << r.err;

    result["items"][2]["parts"][0]["bullets"] = "not a list";
    std::ofstream(out / "result.json") << result.dump(2);
    r = run_cli({"render", "--result", (out / "result.json").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("items[2].parts[0].bullets"), std::string::npos) << r.err;
}

TEST_F(VisualsTest, AnImageModelPaintsTheCardBackgroundAndAFailedCallFallsBack) {
    // The fake model server answers image requests with real PNGs; the LinkedIn picture fails.
    const auto script = tmp.path() / "script.json";
    std::ofstream(script) << R"({"replies": [
        {"kind": "image", "contains": "LinkedIn post", "fault": "500"}
    ]})";
    FakeLlmProcess fake(script);
    ASSERT_NE(fake.port(), 0);
    // The child process inherits these (test-only values; the fake accepts any key).
    ::setenv("CONTENT_SWARM_IMAGE_PROVIDER", "openai", 1);  // NOLINT(concurrency-mt-unsafe)
    ::setenv("CONTENT_SWARM_IMAGE_BASE_URL", (fake.base_url() + "/v1").c_str(),
             1);                                            // NOLINT(concurrency-mt-unsafe)
    ::setenv("CONTENT_SWARM_IMAGE_API_KEY", "sk-test", 1);  // NOLINT(concurrency-mt-unsafe)
    ::setenv("CONTENT_SWARM_IMAGE_MAX_RETRIES", "0", 1);    // NOLINT(concurrency-mt-unsafe)
    const auto result = generate();
    ::unsetenv("CONTENT_SWARM_IMAGE_PROVIDER");     // NOLINT(concurrency-mt-unsafe)
    ::unsetenv("CONTENT_SWARM_IMAGE_BASE_URL");     // NOLINT(concurrency-mt-unsafe)
    ::unsetenv("CONTENT_SWARM_IMAGE_API_KEY");      // NOLINT(concurrency-mt-unsafe)
    ::unsetenv("CONTENT_SWARM_IMAGE_MAX_RETRIES");  // NOLINT(concurrency-mt-unsafe)
    ASSERT_EQ(result["status"], "succeeded") << result.dump(2);
    const auto& linkedin = result["items"][0];
    const auto& twitter = result["items"][1];
    ASSERT_EQ(twitter["media"].size(), 2U) << twitter["media"].dump(2);
    EXPECT_EQ(twitter["media"][1]["kind"], "image");
    const auto picture = read_file(out / twitter["media"][1]["url"].get<std::string>());
    EXPECT_EQ(png_size(picture).width, 1200);
    EXPECT_EQ(png_size(picture).height, 675);  // cropped and scaled from the model's size
    ASSERT_EQ(linkedin["media"].size(), 1U);
    EXPECT_EQ(linkedin["media"][0]["kind"], "card");
    bool said_so = false;
    for (const auto& issue : linkedin["quality"]["issues"]) {
        said_so = said_so || issue["code"] == "media.image_fallback";
    }
    EXPECT_TRUE(said_so) << linkedin["quality"].dump(2);
    const auto notes = result["notes"].dump();
    EXPECT_NE(notes.find("linkedin: "), std::string::npos) << notes;
    EXPECT_EQ(notes.find("sk-test"), std::string::npos) << "no key in notes";
}

TEST_F(VisualsTest, NoVisualsWritesNoMedia) {
    const auto r = run_cli({"generate", "--brief",
                            (source_dir() / "examples" / "brief-fieldnote.json").string(), "--out",
                            out.string(), "--no-visuals", "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(fs::exists(out / "media"));
    EXPECT_FALSE(fs::exists(out / "pitch_deck.pdf"));
    for (const auto& item : json::parse(read_file(out / "result.json"))["items"]) {
        EXPECT_TRUE(item["media"].empty());
    }
}

}  // namespace
}  // namespace swarm::test
