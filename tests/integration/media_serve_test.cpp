// Media on the real server: objects written by this process into the folder, the SQLite database
// or moto's S3 the server was started on, then fetched over HTTP: GET and HEAD /media/{id} with
// their headers, 304, 404 for bad ids, deck downloads of a seeded pitch_deck item, /readyz naming
// the store, and --media refusing bad values with exit 2.
#include "codec/result_json.hpp"
#include "contract/moto_server.hpp"
#include "integration/workspace_seed.hpp"
#include "storage/media/folder_media_store.hpp"
#include "storage/media/s3_media_store.hpp"
#include "storage/media/sqlite_media_store.hpp"
#include "storage/sqlite/sqlite_content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"
#include "support/command.hpp"
#include "support/fakes.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

#include <cstdlib>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR fake image", 25);

struct HeadReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    bool body_followed = false;                  // bytes after the head (a HEAD must have none)
};

/// HEAD with Connection: close, read to the end: the head, and whether any body came.
HeadReply head(std::uint16_t port, const std::string& target) {
    HttpConnection conn(port);
    HeadReply out;
    if (!conn.send_raw("HEAD " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " +
                       test_authorization(target) + "\r\nConnection: close\r\n\r\n")) {
        return out;
    }
    std::string data;
    while (auto more = conn.read_some()) {
        data += *more;
    }
    const auto end = data.find("\r\n\r\n");
    if (end == std::string::npos || data.size() < 12) {
        return out;
    }
    out.status = std::stoi(data.substr(9, 3));
    out.body_followed = data.size() > end + 4;
    std::size_t at = data.find("\r\n") + 2;
    while (at < end) {
        const auto eol = data.find("\r\n", at);
        const auto line = data.substr(at, eol - at);
        const auto colon = line.find(':');
        std::string name = line.substr(0, colon);
        for (auto& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        out.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
        at = eol + 2;
    }
    return out;
}

/// GET, HEAD, 304 and 404 for an object `id` holding `bytes` of `type`.
void expect_served(std::uint16_t port, const std::string& id, const std::string& bytes,
                   const std::string& type) {
    const auto got = http_request(port, "GET", "/media/" + id);
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.body, bytes);
    EXPECT_EQ(got.header("content-type"), type);
    EXPECT_EQ(got.header("content-length"), std::to_string(bytes.size()));
    EXPECT_EQ(got.header("etag"), "\"" + id + "\"");
    EXPECT_EQ(got.header("cache-control"), "private, max-age=31536000, immutable");
    EXPECT_EQ(got.header("x-content-type-options"), "nosniff");

    const auto h = head(port, "/media/" + id);
    EXPECT_EQ(h.status, 200);
    EXPECT_FALSE(h.body_followed);
    EXPECT_EQ(h.headers.count("content-length") ? h.headers.at("content-length") : "",
              std::to_string(bytes.size()));
    EXPECT_EQ(h.headers.count("etag") ? h.headers.at("etag") : "", "\"" + id + "\"");

    const auto cached =
        http_request(port, "GET", "/media/" + id, {{"If-None-Match", "\"" + id + "\""}});
    EXPECT_EQ(cached.status, 304);
    EXPECT_TRUE(cached.body.empty());
}

void expect_bad_ids_404(std::uint16_t port, const std::string& id) {
    std::string upper = id;
    for (auto& c : upper) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    for (const std::string& bad : {core::media_id_for("never stored"), upper, std::string("abc"),
                                   std::string("..%2F..%2Fswarm.db")}) {
        SCOPED_TRACE(bad);
        const auto reply = http_request(port, "GET", "/media/" + bad);
        EXPECT_EQ(reply.status, 404);
        const auto body = nlohmann::json::parse(reply.body);
        EXPECT_EQ(body["error"]["code"], "not_found");
        // Malformed ids reach the handler ("id"); a decoded "/" matches no route ("path").
        EXPECT_EQ(body["error"]["field"], bad.find('%') == std::string::npos ? "id" : "path");
    }
}

std::string readyz_media(std::uint16_t port) {
    const auto ready = http_request(port, "GET", "/readyz");
    EXPECT_EQ(ready.status, 200) << ready.body;
    return nlohmann::json::parse(ready.body).value("media", "");
}

TEST(MediaServe, FolderStoreObjectsWrittenByAnotherProcessAreServed) {
    TempDir dir;
    const auto media = dir.path() / "media";
    ServerProcess server({"--db", "sqlite:" + (dir.path() / "swarm.db").string(), "--media",
                          "folder:" + media.string(), "--workers", "0"});
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    auto store = storage::FolderMediaStore::open(media);
    ASSERT_TRUE(store.has_value());
    auto png = (*store)->put(kPng, core::kPngType);
    ASSERT_TRUE(png.has_value());
    link_media((dir.path() / "swarm.db").string(), {png->id});
    expect_served(server.port(), png->id, kPng, "image/png");
    expect_bad_ids_404(server.port(), png->id);
    EXPECT_EQ(readyz_media(server.port()), "folder " + media.string());
    const auto metrics = http_request(server.port(), "GET", "/metrics");
    EXPECT_NE(metrics.body.find("content_swarm_media_bytes_served_total"), std::string::npos);
}

TEST(MediaServe, DefaultFolderIsBesideTheDatabase) {
    TempDir dir;
    ServerProcess server(
        {"--db", "sqlite:" + (dir.path() / "swarm.db").string(), "--workers", "0"});
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    EXPECT_EQ(readyz_media(server.port()), "folder " + (dir.path() / "media").string());
    EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "media"));
}

/// A job with one pitch_deck item whose media are a slide, the PDF and the PPTX; and a LinkedIn
/// item with a card, written through the store classes into the server's database file.
struct SeededItems {
    std::string deck_id;
    std::string post_id;
};

SeededItems seed_items(const std::string& db_path, core::MediaStore& media, const std::string& pdf,
                       const std::string& pptx) {
    FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    auto db = storage::SqliteDatabase::open(db_path);
    EXPECT_TRUE(db.has_value());
    storage::SqliteJobStore jobs(*db, clock);
    storage::SqliteContentStore content(*db, clock);
    const core::NewJob job{
        "job-media", "{}", {core::Platform::kPitchDeck, core::Platform::kLinkedIn}, std::nullopt};
    const auto workspace = default_workspace(*db);
    EXPECT_TRUE(jobs.create(workspace, job).has_value());
    const auto entry = [&media](const std::string& bytes, std::string_view type,
                                const std::string& kind) {
        auto info = media.put(bytes, type);
        EXPECT_TRUE(info.has_value());
        return core::Media{core::media_url(info->id), kind, 0, 0, kind};
    };
    core::ContentItem deck;
    deck.id = "item-deck";
    deck.platform = core::Platform::kPitchDeck;
    deck.body = "Deck.";
    deck.media = {entry(kPng, core::kPngType, "slide"), entry(pdf, core::kPdfType, "deck_pdf"),
                  entry(pptx, core::kPptxType, "deck_pptx")};
    core::ContentItem post;
    post.id = "item-post";
    post.platform = core::Platform::kLinkedIn;
    post.body = "Post.";
    post.media = {entry(kPng, core::kPngType, "card")};
    for (const auto* item : {&deck, &post}) {
        const core::NewItem row{item->id, item->platform, "draft", codec::encode_item(*item).dump(),
                                0.5,      std::nullopt};
        EXPECT_TRUE(content.put_item(workspace, "job-media", row).has_value());
    }
    return {deck.id, post.id};
}

TEST(MediaServe, DatabaseStoreServesObjectsAndDeckDownloads) {
    TempDir dir;
    const auto db_path = (dir.path() / "swarm.db").string();
    ServerProcess server({"--db", "sqlite:" + db_path, "--media", "db", "--workers", "0"});
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    auto db = storage::SqliteDatabase::open(db_path);
    ASSERT_TRUE(db.has_value());
    storage::SqliteMediaStore store(*db, clock);
    const std::string pdf = "%PDF-1.7\n% a deck\n%%EOF\n";
    const std::string pptx = std::string("PK\x03\x04\x14\0\0\0 a deck", 17);
    const auto items = seed_items(db_path, store, pdf, pptx);
    expect_served(server.port(), core::media_id_for(kPng), kPng, "image/png");
    expect_bad_ids_404(server.port(), core::media_id_for(kPng));
    EXPECT_NE(readyz_media(server.port()).find("sqlite"), std::string::npos);

    const auto got_pdf =
        http_request(server.port(), "GET", "/api/v1/content/" + items.deck_id + "/deck.pdf");
    ASSERT_EQ(got_pdf.status, 200) << got_pdf.body;
    EXPECT_EQ(got_pdf.body, pdf);
    EXPECT_EQ(got_pdf.header("content-type"), "application/pdf");
    EXPECT_EQ(got_pdf.header("content-disposition"), "attachment; filename=\"item-deck.pdf\"");
    const auto got_pptx =
        http_request(server.port(), "GET", "/api/v1/content/" + items.deck_id + "/deck.pptx");
    ASSERT_EQ(got_pptx.status, 200);
    EXPECT_EQ(got_pptx.body, pptx);
    EXPECT_EQ(got_pptx.header("content-type"),
              "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    EXPECT_EQ(got_pptx.header("content-disposition"), "attachment; filename=\"item-deck.pptx\"");
    const auto h = head(server.port(), "/api/v1/content/" + items.deck_id + "/deck.pptx");
    EXPECT_EQ(h.status, 200);
    EXPECT_FALSE(h.body_followed);

    const auto none =
        http_request(server.port(), "GET", "/api/v1/content/" + items.post_id + "/deck.pdf");
    EXPECT_EQ(none.status, 404);
    EXPECT_NE(
        nlohmann::json::parse(none.body)["error"]["message"].get<std::string>().find("no deck PDF"),
        std::string::npos);
    EXPECT_EQ(http_request(server.port(), "GET", "/api/v1/content/nope/deck.pptx").status, 404);
}

TEST(MediaServe, S3StoreOnMotoIsServed) {
    if (const auto why = moto_skip_reason(); !why.empty()) {
        GTEST_SKIP() << why;
    }
    auto& moto = MotoServer::shared();
    // The child server inherits these; the values are test-only, moto accepts any.
    ::setenv("AWS_ACCESS_KEY_ID", "AKIDSWARMIT", 1);          // NOLINT(concurrency-mt-unsafe)
    ::setenv("AWS_SECRET_ACCESS_KEY", "swarm-it-secret", 1);  // NOLINT(concurrency-mt-unsafe)
    TempDir dir;
    const std::string prefix = "it" + std::to_string(::getpid());
    ServerProcess server({"--db", "sqlite:" + (dir.path() / "swarm.db").string(), "--media",
                          "s3://" + std::string(MotoServer::kBucket) + "/" + prefix +
                              "?region=us-east-1&endpoint=" + moto.endpoint(),
                          "--workers", "0"});
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    storage::S3Options options;
    options.bucket = MotoServer::kBucket;
    options.prefix = prefix;
    options.endpoint = moto.endpoint();
    options.path_style = true;
    options.credentials = {"AKIDSWARMIT", "swarm-it-secret", ""};
    auto store = storage::S3MediaStore::open(options);
    ASSERT_TRUE(store.has_value());
    const std::string jpeg = "\xff\xd8\xff\xe0 not really a jpeg";
    auto put = (*store)->put(jpeg, core::kJpegType);
    ASSERT_TRUE(put.has_value()) << core::describe(put.error());
    link_media((dir.path() / "swarm.db").string(), {put->id});
    expect_served(server.port(), put->id, jpeg, "image/jpeg");
    expect_bad_ids_404(server.port(), put->id);
    const auto described = readyz_media(server.port());
    EXPECT_NE(described.find("s3 bucket swarm-media-test"), std::string::npos) << described;
    EXPECT_EQ(described.find("swarm-it-secret"), std::string::npos);
}

TEST(MediaServe, BadMediaValuesExit2NamingTheOption) {
    TempDir dir;
    for (const std::string value : {"nfs://x", "folder:", "s3://Bad_Bucket"}) {
        SCOPED_TRACE(value);
        const auto run = run_cli({"serve", "--db", "sqlite:" + (dir.path() / "x.db").string(),
                                  "--listen", "127.0.0.1:0", "--media", value});
        EXPECT_EQ(run.exit_code, 2);
        EXPECT_NE(run.err.find("--media"), std::string::npos) << run.err;
    }
    // s3:// without keys: named, exit 2, before anything listens.
    ::unsetenv("AWS_ACCESS_KEY_ID");  // NOLINT(concurrency-mt-unsafe)
    const auto run = run_cli({"serve", "--db", "sqlite:" + (dir.path() / "x.db").string(),
                              "--listen", "127.0.0.1:0", "--media", "s3://a-bucket"});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("AWS_ACCESS_KEY_ID"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace swarm::test
