// Share links on the real server: an editor shares a finished job; someone without an account sees
// its items (nothing else of the workspace), fetches the media they show (not another job's),
// approves one and asks for changes on another under their name (the item's history and the
// audit trail show it); revoking ends it. Viewers cannot make links, and a link of one workspace
// reaches nothing of another.
#include "share_support.hpp"

#include <filesystem>
#include <regex>
#include <set>

namespace swarm::test::share {
namespace {

class ShareLinks : public ShareServer {};

TEST_F(ShareLinks, SomeoneWithoutAnAccountSeesTheJobAndApprovesUnderTheirName) {
    const auto job = finished_job(editor_, sample_brief());
    const auto other_job = finished_job(
        editor_, sample_brief("Invite HVAC owners to a webinar on dispatch boards next month."));
    ASSERT_EQ(job.value("status", ""), "succeeded") << job.dump().substr(0, 400);
    const std::string job_id = job["job_id"];

    const auto made = call("POST", "/api/v1/jobs/" + job_id + "/share-links", editor_,
                           R"({"expires_in_hours":48})");
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(made.header("cache-control"), "no-store");
    const auto link = json::parse(made.body);
    const std::string token = link["token"];
    EXPECT_TRUE(std::regex_match(token, std::regex("shr_[0-9a-f]{16}\\.[A-Za-z0-9_-]{43}")))
        << token;
    EXPECT_EQ(token.substr(0, token.find('.')), link["id"]);
    EXPECT_EQ(link["url"], "/share/" + token);
    EXPECT_EQ(link["created_by"].get<std::string>().rfind("key:csk_", 0), 0U) << link.dump();
    EXPECT_NE(link["expires_at"], link["created_at"]);

    // The page: the brief's prompt and the job's items, without credentials.
    const auto page = anonymous("GET", "/api/v1/shared/" + token);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.header("cache-control"), "no-store");
    EXPECT_EQ(page.header("referrer-policy"), "no-referrer");
    const auto shared = json::parse(page.body);
    EXPECT_EQ(shared["prompt"], sample_brief()["prompt"]);
    EXPECT_EQ(shared["expires_at"], link["expires_at"]);
    std::set<std::string> expected_ids;
    for (const auto& item : job["items"]) {
        expected_ids.insert(item["id"].get<std::string>());
    }
    std::set<std::string> shown_ids;
    const std::set<std::string> fields{"id",      "platform", "status", "body",
                                       "parts",   "hashtags", "media",  "review",
                                       "version", "quality",  "lengths"};
    for (const auto& item : shared["items"]) {
        shown_ids.insert(item["id"].get<std::string>());
        std::set<std::string> keys;
        for (const auto& [key, value] : item.items()) {
            keys.insert(key);
        }
        EXPECT_EQ(keys, fields);
        for (const auto& m : item["media"]) {
            EXPECT_EQ(m["url"].get<std::string>().rfind("/api/v1/shared/" + token + "/media/", 0),
                      0U)
                << m.dump();
        }
    }
    EXPECT_EQ(shown_ids, expected_ids);
    // Nothing else of the workspace: no other job, no sources, no workspace, no job id but as
    // the start of the job's own item ids ("<job id>-linkedin").
    for (const std::string& hidden :
         {other_job["job_id"].get<std::string>(), std::string("\"sources\""), std::string("ws_"),
          std::string("job_id"), std::string("kb-fieldnote"),
          link["created_by"].get<std::string>()}) {
        EXPECT_EQ(page.body.find(hidden), std::string::npos) << hidden << " is shown";
    }
    for (auto at = page.body.find(job_id); at != std::string::npos;
         at = page.body.find(job_id, at + 1)) {
        EXPECT_EQ(page.body.substr(at + job_id.size(), 1), "-") << "the job id is shown";
    }
    for (const auto& item : other_job["items"]) {
        EXPECT_EQ(page.body.find(item["id"].get<std::string>()), std::string::npos);
    }
    for (const auto& item : job["items"]) {
        for (const auto& source : item["content"].value("sources", json::array())) {
            EXPECT_EQ(page.body.find(source["document"].get<std::string>()), std::string::npos)
                << "a knowledge-base document's name is shown";
        }
    }

    // Media the job's items show, byte for byte what the workspace itself reads.
    const auto linkedin = item_of(job, "linkedin");
    const auto cards = media_ids(linkedin);
    ASSERT_FALSE(cards.empty());
    for (const auto& id : cards) {
        const auto through_link = anonymous("GET", "/api/v1/shared/" + token + "/media/" + id);
        ASSERT_EQ(through_link.status, 200) << through_link.body;
        EXPECT_EQ(through_link.header("content-type"), "image/png");
        EXPECT_EQ(through_link.header("cache-control"), "no-store");
        EXPECT_EQ(through_link.body, call("GET", "/media/" + id, editor_).body);
    }
    const auto deck = item_of(job, "pitch_deck");
    for (const auto& id : media_ids(deck)) {
        EXPECT_EQ(anonymous("GET", "/api/v1/shared/" + token + "/media/" + id).status, 200) << id;
    }
    // Another job's media (of the same workspace), an unknown id, a malformed one: 404.
    const auto other_cards = media_ids(item_of(other_job, "linkedin"));
    ASSERT_FALSE(other_cards.empty());
    for (const auto& id : other_cards) {
        ASSERT_EQ(std::find(cards.begin(), cards.end(), id), cards.end()) << "the same card";
        EXPECT_EQ(call("GET", "/media/" + id, editor_).status, 200);
        EXPECT_EQ(anonymous("GET", "/api/v1/shared/" + token + "/media/" + id).status, 404);
    }
    EXPECT_EQ(anonymous("GET", "/api/v1/shared/" + token + "/media/" + std::string(64, '0')).status,
              404);
    EXPECT_EQ(anonymous("GET", "/api/v1/shared/" + token + "/media/abc").status, 404);

    // Approve one item, ask for changes on another.
    const std::string item_id = linkedin["id"];
    const auto approved =
        anonymous("POST", "/api/v1/shared/" + token + "/items/" + item_id + "/review",
                  R"({"name":"  Sam Lee ","decision":"approve",)"
                  R"("comment":"Ship it."})");
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.header("cache-control"), "no-store");
    const auto answer = json::parse(approved.body);
    EXPECT_EQ(answer["status"], "approved");
    EXPECT_EQ(answer["review"]["by"], "Sam Lee (share link)");
    EXPECT_EQ(answer["review"]["comment"], "Ship it.");
    EXPECT_EQ(answer["review"]["status"], "approved");
    const auto stored = json::parse(call("GET", "/api/v1/content/" + item_id, editor_).body);
    EXPECT_EQ(stored["status"], "approved");
    EXPECT_EQ(stored["review"]["by"], "Sam Lee (share link)");
    EXPECT_EQ(stored["version"], answer["version"]);
    const std::string thread_id = item_of(job, "twitter")["id"];
    const auto changes =
        anonymous("POST", "/api/v1/shared/" + token + "/items/" + thread_id + "/review",
                  R"({"name":"Sam Lee","decision":"request_changes",)"
                  R"("comment":"Shorter, please."})");
    ASSERT_EQ(changes.status, 200) << changes.body;
    EXPECT_EQ(json::parse(changes.body)["status"], "changes_requested");

    // The history has the step; the audit trail names the link.
    const auto versions =
        json::parse(call("GET", "/api/v1/content/" + item_id + "/versions", editor_).body);
    ASSERT_GE(versions["versions"].size(), 2U) << versions.dump().substr(0, 300);
    const auto& newest = versions["versions"][0];
    EXPECT_EQ(newest["status"], "approved");
    EXPECT_NE(newest["item"]["review"]["by"].get<std::string>().find("Sam Lee"), std::string::npos);
    EXPECT_EQ(versions["versions"][1]["status"], "draft");
    const auto audit = json::parse(call("GET", "/api/v1/audit?action=item.", kTestOwnerKey).body);
    std::set<std::string> actions;
    for (const auto& entry : audit["entries"]) {
        if (entry["actor"] == "share:" + link["id"].get<std::string>()) {
            actions.insert(entry["action"].get<std::string>() + " " +
                           entry["object"].get<std::string>());
            EXPECT_EQ(entry["detail"]["name"], "Sam Lee");
        }
    }
    EXPECT_EQ(actions, (std::set<std::string>{"item.approve item:" + item_id,
                                              "item.request_changes item:" + thread_id}));

    // Items of another job are not the link's to review.
    const std::string other_item = item_of(other_job, "linkedin")["id"];
    const auto refused =
        anonymous("POST", "/api/v1/shared/" + token + "/items/" + other_item + "/review",
                  R"({"name":"Sam","decision":"approve"})");
    EXPECT_EQ(refused.status, 404) << refused.body;
    EXPECT_EQ(json::parse(call("GET", "/api/v1/content/" + other_item, editor_).body)["status"],
              "draft");

    // Listed for editors; revoked, it opens nothing any more.
    const auto listed = call("GET", "/api/v1/jobs/" + job_id + "/share-links", editor_);
    ASSERT_EQ(listed.status, 200) << listed.body;
    const auto links = json::parse(listed.body)["share_links"];
    ASSERT_EQ(links.size(), 1U);
    EXPECT_EQ(links[0]["id"], link["id"]);
    EXPECT_EQ(links[0]["revoked"], false);
    EXPECT_EQ(listed.body.find(token.substr(token.find('.') + 1)), std::string::npos);
    // The secret is stored nowhere and logged nowhere (after it was used on every public route).
    const auto secret = token.substr(token.find('.') + 1);
    std::string at_rest = read_file(db_path_);
    for (const auto* suffix : {"-wal", "-shm"}) {
        if (std::filesystem::exists(db_path_ + suffix)) {
            at_rest += read_file(db_path_ + suffix);
        }
    }
    EXPECT_NE(at_rest.find(link["id"].get<std::string>()), std::string::npos);
    EXPECT_EQ(at_rest.find(secret), std::string::npos) << "the token is stored in clear";
    EXPECT_EQ((server_->stdout_text() + server_->stderr_text()).find(secret), std::string::npos)
        << "the token is in the log";
    const auto revoked =
        call("DELETE", "/api/v1/share-links/" + link["id"].get<std::string>(), editor_);
    EXPECT_EQ(revoked.status, 204) << revoked.body;
    EXPECT_EQ(anonymous("GET", "/api/v1/shared/" + token).status, 404);
    EXPECT_EQ(anonymous("GET", "/api/v1/shared/" + token + "/media/" + cards[0]).status, 404);
    EXPECT_EQ(anonymous("POST", "/api/v1/shared/" + token + "/items/" + item_id + "/review",
                        R"({"name":"Sam","decision":"approve"})")
                  .status,
              404);
    EXPECT_EQ(json::parse(call("GET", "/api/v1/jobs/" + job_id + "/share-links", editor_)
                              .body)["share_links"][0]["revoked"],
              true);
}

TEST_F(ShareLinks, ViewersCannotMakeLinksAndALinkReachesNothingOfAnotherWorkspace) {
    const auto job = finished_job(editor_, sample_brief());
    const std::string job_id = job["job_id"];
    // The other workspace's own knowledge base, and a job of it.
    const auto doc = http_request(
        port(), "POST", "/api/v1/kb/documents?name=notes.md",
        Headers{{"Authorization", "Bearer " + other_}, {"Content-Type", "text/markdown"}},
        "# Plumbing\n\nOur dispatch board routes 40 plumbers a day.\n");
    ASSERT_EQ(doc.status, 201) << doc.body;
    const auto theirs = finished_job(
        other_, json{{"prompt", "A launch post about our new dispatch board for plumbers."},
                     {"platforms", {"linkedin"}}});
    ASSERT_EQ(theirs.value("status", ""), "succeeded") << theirs.dump().substr(0, 400);
    const std::string their_job = theirs["job_id"];
    const auto their_item = item_of(theirs, "linkedin");

    // Viewers may not make or list links; reviewers neither.
    const auto reviewer = admin_key("default", "reviewer");
    for (const auto& key : {viewer_, reviewer}) {
        const auto made = call("POST", "/api/v1/jobs/" + job_id + "/share-links", key, "{}");
        EXPECT_EQ(made.status, 403) << made.body;
        EXPECT_EQ(error_field(made), "role");
        EXPECT_EQ(call("GET", "/api/v1/jobs/" + job_id + "/share-links", key).status, 403);
    }
    EXPECT_EQ(anonymous("POST", "/api/v1/jobs/" + job_id + "/share-links", "{}").status, 401);
    // Bad lifetimes name the field; nothing is made.
    for (const auto& bad : {json{{"expires_in_hours", 0}}, json{{"expires_in_hours", 721}},
                            json{{"expires_in_hours", -1}}, json{{"expires_in_hours", 1.5}},
                            json{{"expires_in_hours", "24"}}, json{{"expires_in_hours", true}},
                            json{{"expires", 24}}}) {
        const auto refused =
            call("POST", "/api/v1/jobs/" + job_id + "/share-links", editor_, bad.dump());
        EXPECT_EQ(refused.status, 400) << bad.dump() << " " << refused.body;
        EXPECT_EQ(error_field(refused), bad.begin().key());
    }
    EXPECT_EQ(call("POST", "/api/v1/jobs/job_nope/share-links", editor_, "{}").status, 404);
    EXPECT_TRUE(
        json::parse(
            call("GET", "/api/v1/jobs/" + job_id + "/share-links", editor_).body)["share_links"]
            .empty());

    // Workspace A's link, the other workspace's owner: no making, listing or revoking A's.
    const auto link = make_link(editor_, job_id, json{{"expires_in_hours", 720}});
    const std::string token = link["token"];
    EXPECT_EQ(call("POST", "/api/v1/jobs/" + job_id + "/share-links", other_, "{}").status, 404);
    EXPECT_EQ(call("GET", "/api/v1/jobs/" + job_id + "/share-links", other_).status, 404);
    EXPECT_EQ(call("DELETE", "/api/v1/share-links/" + link["id"].get<std::string>(), other_).status,
              404);
    EXPECT_EQ(anonymous("GET", "/api/v1/shared/" + token).status, 200) << "B revoked A's link";
    // A's token reaches none of B's items or media.
    const auto review = anonymous(
        "POST",
        "/api/v1/shared/" + token + "/items/" + their_item["id"].get<std::string>() + "/review",
        R"({"name":"Mallory","decision":"approve"})");
    EXPECT_EQ(review.status, 404) << review.body;
    for (const auto& id : media_ids(their_item)) {
        EXPECT_EQ(call("GET", "/media/" + id, other_).status, 200);
        EXPECT_EQ(anonymous("GET", "/api/v1/shared/" + token + "/media/" + id).status, 404);
    }
    const auto their_view = json::parse(
        call("GET", "/api/v1/content/" + their_item["id"].get<std::string>(), other_).body);
    EXPECT_EQ(their_view["status"], "draft");
    // B's own link shows B's job only.
    const auto their_link = make_link(other_, their_job);
    const auto page = anonymous("GET", "/api/v1/shared/" + their_link["token"].get<std::string>());
    ASSERT_EQ(page.status, 200) << page.body;
    const auto items = json::parse(page.body)["items"];
    ASSERT_EQ(items.size(), 1U);
    EXPECT_EQ(items[0]["id"], their_item["id"]);
    EXPECT_EQ(page.body.find("Fieldnote"), std::string::npos);
}

}  // namespace
}  // namespace swarm::test::share
