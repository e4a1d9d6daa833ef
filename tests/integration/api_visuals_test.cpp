// Visuals through the API on the real server: a job's items carry media, and every media URL of
// every item answers 200 with a real image of the stated size (folder, database and S3 stores);
// deck downloads; an edit redraws the card and older versions' links keep working.
#include "contract/moto_server.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/sse_client.hpp"
#include "support/test_paths.hpp"

#include <cstdlib>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};

std::pair<int, int> png_size(const std::string& bytes) {
    if (bytes.size() < 24 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) {
        return {0, 0};
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

/// Runs the sample brief to the end and returns the job document.
json run_job(std::uint16_t port) {
    auto brief = json::parse(read_file(source_dir() / "examples" / "brief-fieldnote.json"));
    brief.erase("kb");
    const auto created = http_request(port, "POST", "/api/v1/jobs", kJson, brief.dump());
    EXPECT_EQ(created.status, 202) << created.body;
    const auto job = json::parse(created.body);
    const auto stream = read_sse(port, job["links"]["events"].get<std::string>());
    EXPECT_TRUE(stream.closed_by_server);
    const auto got = http_request(port, "GET", job["links"]["self"].get<std::string>());
    EXPECT_EQ(got.status, 200);
    return json::parse(got.body);
}

/// Every media entry of every item: 200, the stored type, a real PNG of the stated size (PDF and
/// PPTX by signature), immutable caching and If-None-Match (HEAD: media_serve_tests). Returns how
/// many were checked.
std::size_t check_every_media_url(std::uint16_t port, const json& job) {
    std::size_t checked = 0;
    for (const auto& entry : job["items"]) {
        const auto& item = entry["content"];
        SCOPED_TRACE(item["platform"].get<std::string>());
        EXPECT_FALSE(item["media"].empty());
        for (const auto& m : item["media"]) {
            const auto url = m["url"].get<std::string>();
            EXPECT_EQ(url.rfind("/media/", 0), 0U) << url;
            const auto got = http_request(port, "GET", url);
            EXPECT_EQ(got.status, 200) << url;
            EXPECT_NE(got.header("cache-control").find("immutable"), std::string::npos);
            const auto kind = m["kind"].get<std::string>();
            if (kind == "deck_pdf") {
                EXPECT_EQ(got.header("content-type"), "application/pdf");
                EXPECT_EQ(got.body.rfind("%PDF-", 0), 0U);
            } else if (kind == "deck_pptx") {
                EXPECT_EQ(got.body.rfind("PK", 0), 0U);
            } else {
                EXPECT_EQ(got.header("content-type"), "image/png");
                const auto [w, h] = png_size(got.body);
                EXPECT_EQ(w, m["width"].get<int>()) << url;
                EXPECT_EQ(h, m["height"].get<int>()) << url;
            }
            EXPECT_FALSE(m["alt"].get<std::string>().empty());
            EXPECT_EQ(got.header("content-length"), std::to_string(got.body.size()));
            const auto again =
                http_request(port, "GET", url, {{"If-None-Match", got.header("etag")}});
            EXPECT_EQ(again.status, 304);
            ++checked;
        }
    }
    return checked;
}

std::vector<std::string> serve_args(const TempDir& dir, std::vector<std::string> extra) {
    std::vector<std::string> args{"--db", "sqlite:" + (dir.path() / "db.sqlite").string(), "--kb",
                                  (source_dir() / "examples" / "kb-fieldnote").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

class ApiVisualsTest : public ::testing::TestWithParam<std::string> {
protected:
    TempDir dir_;
};

TEST_P(ApiVisualsTest, EveryMediaUrlOfEveryItemAnswersWithARealImage) {
    std::vector<std::string> extra;
    if (GetParam() == "db") {
        extra = {"--media", "db"};
    } else if (GetParam() == "s3") {
        if (const auto why = moto_skip_reason(); !why.empty()) {
            GTEST_SKIP() << why;
        }
        auto& moto = MotoServer::shared();
        ::setenv("AWS_ACCESS_KEY_ID", "AKIDSWARMIT", 1);          // NOLINT(concurrency-mt-unsafe)
        ::setenv("AWS_SECRET_ACCESS_KEY", "swarm-it-secret", 1);  // NOLINT(concurrency-mt-unsafe)
        extra = {"--media", std::string("s3://") + MotoServer::kBucket +
                                "/visuals?region=us-east-1&endpoint=" + moto.endpoint()};
    }
    const ServerProcess server(serve_args(dir_, extra));
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    const auto job = run_job(server.port());
    ASSERT_EQ(job["status"], "succeeded") << job.dump(2);
    ASSERT_EQ(job["items"].size(), 3U);
    const auto checked = check_every_media_url(server.port(), job);
    EXPECT_GE(checked, 14U);  // two cards, 10-12 slides, the PDF and the PPTX

    for (const auto& entry : job["items"]) {
        if (entry["content"]["platform"] != "pitch_deck") {
            continue;
        }
        const auto id = entry["content"]["id"].get<std::string>();
        const auto pdf = http_request(server.port(), "GET", "/api/v1/content/" + id + "/deck.pdf");
        EXPECT_EQ(pdf.status, 200);
        EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0U);
        const auto pptx =
            http_request(server.port(), "GET", "/api/v1/content/" + id + "/deck.pptx");
        EXPECT_EQ(pptx.status, 200);
        EXPECT_EQ(pptx.body.rfind("PK", 0), 0U);
    }
}

INSTANTIATE_TEST_SUITE_P(Stores, ApiVisualsTest, ::testing::Values("folder", "db", "s3"));

TEST(ApiVisualsEdit, EditingRedrawsTheCardAndOlderVersionsKeepTheirLinks) {
    TempDir dir;
    const ServerProcess server(serve_args(dir, {}));
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    const auto job = run_job(server.port());
    json linkedin;
    for (const auto& entry : job["items"]) {
        if (entry["content"]["platform"] == "linkedin") {
            linkedin = entry["content"];
        }
    }
    ASSERT_TRUE(linkedin.is_object());
    const auto old_url = linkedin["media"][0]["url"].get<std::string>();
    const auto id = linkedin["id"].get<std::string>();
    const auto patched = http_request(
        server.port(), "PATCH", "/api/v1/content/" + id, kJson,
        json{{"body", "Edited in the review: dispatchers re-plan the whole day in seconds.\n\n" +
                          linkedin["body"].get<std::string>()}}
            .dump());
    ASSERT_EQ(patched.status, 200) << patched.body;
    const auto edited = json::parse(patched.body);
    const auto& media = edited.contains("content") ? edited["content"]["media"] : edited["media"];
    ASSERT_EQ(media.size(), 1U) << patched.body;
    const auto new_url = media[0]["url"].get<std::string>();
    EXPECT_NE(new_url, old_url);
    EXPECT_NE(media[0]["alt"].get<std::string>().find("Edited in the review"), std::string::npos);
    const auto fresh = http_request(server.port(), "GET", new_url);
    EXPECT_EQ(fresh.status, 200);
    EXPECT_EQ(png_size(fresh.body).first, 1200);
    EXPECT_EQ(http_request(server.port(), "GET", old_url).status, 200) << "version 1's card";
}

}  // namespace
}  // namespace swarm::test
