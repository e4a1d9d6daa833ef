// GET/HEAD /media/{id} and the deck downloads driven through build_router: an in-memory media
// store (a fake that counts reads) and real SQLite content items with media entries.
#include "http/handlers/media_handlers.hpp"

#include "codec/result_json.hpp"
#include "core/ports/media_store.hpp"
#include "http/routes.hpp"
#include "storage/sqlite/sqlite_content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"
#include "support/fakes.hpp"
#include "support/route_call.hpp"
#include "support/test_paths.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::http {

using test::kTestWorkspace;

namespace {

using nlohmann::json;

/// Objects in a map; counts get() calls so HEAD can be shown not to read bytes.
class FakeMediaStore final : public core::MediaStore {
public:
    core::Result<core::MediaInfo> put(std::string_view bytes,
                                      std::string_view content_type) override {
        const std::lock_guard lock(mutex_);
        core::MediaInfo info{core::media_id_for(bytes), std::string(content_type), bytes.size()};
        objects_[info.id] = core::MediaObject{info, std::string(bytes)};
        return info;
    }

    core::Result<std::optional<core::MediaObject>> get(std::string_view id) override {
        const std::lock_guard lock(mutex_);
        ++gets;
        const auto it = objects_.find(std::string(id));
        return it == objects_.end() ? std::nullopt : std::optional(it->second);
    }

    core::Result<std::optional<core::MediaInfo>> stat(std::string_view id) override {
        const std::lock_guard lock(mutex_);
        const auto it = objects_.find(std::string(id));
        return it == objects_.end() ? std::nullopt : std::optional(it->second.info);
    }

    std::string describe() const override { return "fake"; }

    int gets = 0;

private:
    std::mutex mutex_;
    std::map<std::string, core::MediaObject> objects_;
};

class MediaApi : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = storage::SqliteDatabase::open((dir_.path() / "swarm.db").string());
        ASSERT_TRUE(db.has_value());
        db_ = *db;
        jobs_ = std::make_unique<storage::SqliteJobStore>(db_, clock_);
        content_ = std::make_unique<storage::SqliteContentStore>(db_, clock_);
        ApiDeps api;
        api.content = content_.get();
        api.media = &media_;
        api.media_metrics = &metrics_;
        router_ = build_router(RouteDeps{identity_, health_, http_metrics_, api});
    }

    Response call(const std::string& method, const std::string& target,
                  std::map<std::string, std::string> headers = {}) {
        Request q;
        q.principal = test::test_owner();
        q.method = method;
        q.target = target;
        EXPECT_TRUE(parse_target(target, q.path, q.query));
        q.headers = std::move(headers);
        const auto m = router_.match(q.method, q.path);
        EXPECT_EQ(m.kind, RouteMatch::Kind::kFound) << target;
        if (m.kind != RouteMatch::Kind::kFound) {
            return Response{};
        }
        q.path_params = m.params;
        return m.route->handler(q);
    }

    /// A job with one item on `platform` whose media are `media`; returns the item id.
    std::string add_item(core::Platform platform, std::vector<core::Media> media) {
        const std::string job_id = "job-" + std::to_string(++items_);
        core::NewJob job{job_id, "{}", {platform}, std::nullopt};
        EXPECT_TRUE(jobs_->create(kTestWorkspace, job).has_value());
        core::ContentItem item;
        item.id = "item-" + std::to_string(items_);
        item.platform = platform;
        item.body = "Body.";
        item.media = std::move(media);
        const core::NewItem row{item.id, platform,    "draft", codec::encode_item(item).dump(),
                                0.5,     std::nullopt};
        EXPECT_TRUE(content_->put_item(kTestWorkspace, job_id, row).has_value());
        return item.id;
    }

    /// Stores the bytes and links them from an item of the test workspace (a workspace reads
    /// only the media its items link).
    core::MediaInfo put(const std::string& bytes, std::string_view type) {
        auto info = *media_.put(bytes, type);
        add_item(core::Platform::kLinkedIn, {entry(info, "card")});
        return info;
    }

    static core::Media entry(const core::MediaInfo& info, const std::string& kind) {
        return core::Media{core::media_url(info.id), kind, 0, 0, kind};
    }

    static json error_of(const Response& r) { return json::parse(r.body)["error"]; }

    test::TempDir dir_;
    test::FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    std::shared_ptr<storage::SqliteDatabase> db_;
    std::unique_ptr<storage::SqliteJobStore> jobs_;
    std::unique_ptr<storage::SqliteContentStore> content_;
    FakeMediaStore media_;
    MediaMetrics metrics_;
    ServerIdentity identity_{"1.0.0", "abc", "now", "inst", "t"};
    Health health_;
    Metrics http_metrics_{Metrics::Identity{"1.0.0", "abc", 0}};
    Router router_;
    int items_ = 0;
};

TEST_F(MediaApi, ServesBytesWithTypeEtagAndImmutableCaching) {
    const auto info = put(std::string("\x89PNG\0\x01", 6), core::kPngType);
    const auto res = call("GET", "/media/" + info.id);
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.body, std::string("\x89PNG\0\x01", 6));
    EXPECT_EQ(res.content_type, "image/png");
    EXPECT_EQ(res.header("ETag"), "\"" + info.id + "\"");
    // Private: a shared cache must not hand it to another workspace's request.
    EXPECT_EQ(res.header("Cache-Control"), "private, max-age=31536000, immutable");
    EXPECT_EQ(res.header("X-Content-Type-Options"), "nosniff");
    EXPECT_FALSE(res.header("Content-Disposition"));
    EXPECT_EQ(metrics_.bytes_served.load(), 6);
}

TEST_F(MediaApi, HeadAnswersFromTheInfoWithoutReadingBytes) {
    const auto info = put("%PDF-1.7", core::kPdfType);
    const auto res = call("HEAD", "/media/" + info.id);
    EXPECT_EQ(res.status, 200);
    EXPECT_TRUE(res.body.empty());
    EXPECT_EQ(res.content_type, "application/pdf");
    EXPECT_EQ(res.header("Content-Length"), "8");
    EXPECT_EQ(res.header("ETag"), "\"" + info.id + "\"");
    EXPECT_EQ(media_.gets, 0);
    EXPECT_EQ(metrics_.bytes_served.load(), 0);
}

TEST_F(MediaApi, IfNoneMatchAnswers304) {
    const auto info = put("jpeg bytes", core::kJpegType);
    const auto tag = "\"" + info.id + "\"";
    for (const std::string& header : {tag, "W/" + tag, "\"other\", " + tag, std::string("*")}) {
        SCOPED_TRACE(header);
        const auto res = call("GET", "/media/" + info.id, {{"if-none-match", header}});
        EXPECT_EQ(res.status, 304);
        EXPECT_TRUE(res.body.empty());
        EXPECT_EQ(res.header("ETag"), tag);
    }
    EXPECT_EQ(media_.gets, 0);
    EXPECT_EQ(call("GET", "/media/" + info.id, {{"if-none-match", "\"other\""}}).status, 200);
}

TEST_F(MediaApi, UnknownOrMalformedIdsAre404JsonErrors) {
    const auto info = put("png", core::kPngType);
    std::string upper = info.id;
    for (auto& c : upper) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    for (const std::string& id :
         {core::media_id_for("unknown"), upper, std::string("short"), std::string("..")}) {
        SCOPED_TRACE(id);
        const auto res = call("GET", "/media/" + id);
        EXPECT_EQ(res.status, 404);
        EXPECT_EQ(res.content_type, "application/json");
        EXPECT_EQ(error_of(res)["code"], "not_found");
        EXPECT_EQ(error_of(res)["field"], "id");
    }
    // No item links any of them: none reached the media store.
    EXPECT_EQ(media_.gets, 0);
    // A decoded "/" makes more segments: no route (the dispatcher's 404), no handler, no store.
    EXPECT_EQ(router_.match("GET", "/media/../../etc/passwd").kind, RouteMatch::Kind::kNotFound);
}

TEST_F(MediaApi, MediaNoItemOfTheWorkspaceLinksIs404LikeAnUnknownId) {
    // Stored, but linked by no item: as unknown.
    const auto unlinked = *media_.put("loose bytes", core::kPngType);
    // Linked by an item of another workspace only.
    const auto theirs = *media_.put("their bytes", core::kPngType);
    core::NewJob job{"their-job", "{}", {core::Platform::kLinkedIn}, std::nullopt};
    ASSERT_TRUE(jobs_->create(test::kOtherWorkspace, job));
    core::ContentItem item;
    item.id = "their-item";
    item.platform = core::Platform::kLinkedIn;
    item.body = "Theirs.";
    item.media = {entry(theirs, "card")};
    ASSERT_TRUE(content_->put_item(
        test::kOtherWorkspace, "their-job",
        {item.id, item.platform, "draft", codec::encode_item(item).dump(), 0.5, std::nullopt}));
    const auto unknown = call("GET", "/media/" + core::media_id_for("never stored"));
    for (const auto& id : {unlinked.id, theirs.id}) {
        for (const std::string method : {"GET", "HEAD"}) {
            SCOPED_TRACE(method + " " + id);
            const auto res = call(method, "/media/" + id);
            EXPECT_EQ(res.status, 404);
            EXPECT_EQ(error_of(res)["code"], error_of(unknown)["code"]);
            EXPECT_EQ(error_of(res)["field"], error_of(unknown)["field"]);
        }
    }
    EXPECT_EQ(media_.gets, 0);
    // The other workspace reads its own.
    Request q;
    q.principal = core::access::Principal{
        test::kOtherWorkspace, "other", core::access::Role::kViewer, "key:csk_other", {}, {}, {}};
    q.method = "GET";
    q.target = q.path = "/media/" + theirs.id;
    q.path_params = {{"id", theirs.id}};
    EXPECT_EQ(router_.match("GET", q.path).route->handler(q).status, 200);
}

TEST_F(MediaApi, WithoutAMediaStoreAnswers503) {
    ApiDeps api;
    const auto router = build_router(RouteDeps{identity_, health_, http_metrics_, api});
    Request q;
    q.principal = test::test_owner();
    q.method = "GET";
    q.path = "/media/" + core::media_id_for("x");
    const auto m = router.match(q.method, q.path);
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    q.path_params = m.params;
    EXPECT_EQ(m.route->handler(q).status, 503);
}

TEST_F(MediaApi, DeckDownloadsAreAttachmentsOfTheCurrentVersion) {
    const auto pdf = put("%PDF-1.7 deck", core::kPdfType);
    const auto pptx = put("PK\x03\x04 deck", core::kPptxType);
    const auto id =
        add_item(core::Platform::kPitchDeck, {entry(put("slide", core::kPngType), "slide"),
                                              entry(pdf, "deck_pdf"), entry(pptx, "deck_pptx")});
    auto res = call("GET", "/api/v1/content/" + id + "/deck.pdf");
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.body, "%PDF-1.7 deck");
    EXPECT_EQ(res.content_type, "application/pdf");
    EXPECT_EQ(res.header("Content-Disposition"), "attachment; filename=\"" + id + ".pdf\"");
    EXPECT_EQ(res.header("ETag"), "\"" + pdf.id + "\"");
    EXPECT_EQ(res.header("Cache-Control"), "no-cache");
    res = call("GET", "/api/v1/content/" + id + "/deck.pptx");
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.content_type, core::kPptxType);
    EXPECT_EQ(res.header("Content-Disposition"), "attachment; filename=\"" + id + ".pptx\"");
    res = call("HEAD", "/api/v1/content/" + id + "/deck.pptx");
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.header("Content-Length"), std::to_string(pptx.size));

    // A re-render replaces the deck: the download follows; the old file stays at its URL.
    const auto record = content_->get(kTestWorkspace, id);
    ASSERT_TRUE(record.has_value());
    auto item = json::parse(record->item_json);
    const auto pdf2 = put("%PDF-1.7 deck v2", core::kPdfType);
    item["media"] = json::array({{{"url", core::media_url(pdf2.id)},
                                  {"kind", "deck_pdf"},
                                  {"width", 0},
                                  {"height", 0},
                                  {"alt", "deck"}}});
    ASSERT_TRUE(
        content_
            ->update(kTestWorkspace, id, {item.dump(), "draft", 0.5, std::nullopt, std::nullopt})
            .has_value());
    EXPECT_EQ(call("GET", "/api/v1/content/" + id + "/deck.pdf").body, "%PDF-1.7 deck v2");
    EXPECT_EQ(call("GET", "/media/" + pdf.id).body, "%PDF-1.7 deck");
    EXPECT_EQ(call("GET", "/api/v1/content/" + id + "/deck.pptx").status, 404);
}

TEST_F(MediaApi, DeckOfAnItemWithoutOneIs404WithAClearMessage) {
    const auto id =
        add_item(core::Platform::kLinkedIn, {entry(put("card", core::kPngType), "card")});
    const auto res = call("GET", "/api/v1/content/" + id + "/deck.pdf");
    EXPECT_EQ(res.status, 404);
    const auto message = error_of(res)["message"].get<std::string>();
    EXPECT_NE(message.find("no deck PDF"), std::string::npos) << message;
    EXPECT_NE(message.find("linkedin"), std::string::npos) << message;
    EXPECT_NE(message.find("pitch_deck"), std::string::npos) << message;
    EXPECT_EQ(call("GET", "/api/v1/content/nope/deck.pdf").status, 404);
}

TEST_F(MediaApi, DeckEntryWhoseObjectIsMissingIs404) {
    core::MediaInfo gone{core::media_id_for("never stored"), std::string(core::kPdfType), 1};
    const auto id = add_item(core::Platform::kPitchDeck, {entry(gone, "deck_pdf")});
    const auto res = call("GET", "/api/v1/content/" + id + "/deck.pdf");
    EXPECT_EQ(res.status, 404);
    EXPECT_NE(error_of(res)["message"].get<std::string>().find("missing from the media store"),
              std::string::npos);
}

}  // namespace
}  // namespace swarm::http

namespace swarm::http {
namespace {

TEST(MediaReadyz, ReadyzNamesTheMediaStoreReadyOrNot) {
    bool ready = true;
    Health health([&ready]() -> std::optional<std::string> {
        return ready ? std::nullopt : std::optional<std::string>("media: s3 unreachable");
    });
    health.add_detail("media", "folder /srv/media");
    auto body = nlohmann::json::parse(handle_readyz(health, Request{}).body);
    EXPECT_EQ(body["status"], "ready");
    EXPECT_EQ(body["media"], "folder /srv/media");
    ready = false;
    const auto res = handle_readyz(health, Request{});
    EXPECT_EQ(res.status, 503);
    body = nlohmann::json::parse(res.body);
    EXPECT_EQ(body["reason"], "media: s3 unreachable");
    EXPECT_EQ(body["media"], "folder /srv/media");
}

}  // namespace
}  // namespace swarm::http
