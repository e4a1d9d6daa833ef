// Share links on the real server, what they refuse: every token that opens nothing (unknown id,
// wrong secret, revoked, expired) gets one and the same 404 on every public route, and so do
// generated malformed tokens (empty, no dot, long, Unicode, percent-encoded); a reviewer's name,
// decision or comment that is not acceptable is a 400 naming the field, and changes nothing.
#include "share_support.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <random>

#include <fmt/format.h>

namespace swarm::test::share {
namespace {

/// The UTF-8 bytes of one code point (direction controls cannot be written as literals here:
/// they are what misleading-text checks look for).
std::string utf8(char32_t cp) {
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
    return out;
}

/// Every byte outside the unreserved set percent-encoded, so any text can be a path segment.
std::string path_segment(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                           (u >= '0' && u <= '9') || u == '-' || u == '_' || u == '.' || u == '~';
        out += plain ? std::string(1, c) : fmt::format("%{:02X}", u);
    }
    return out;
}

/// Random texts: token-like pieces, dots, Unicode, bytes that need escaping, lengths 0..300.
/// (Always valid UTF-8: a path that does not decode to UTF-8 is refused before routing, 400.)
std::vector<std::string> generated_tokens(const std::string& valid) {
    std::mt19937 engine(15);
    const std::vector<std::string> pieces{"shr_",
                                          "0123456789abcdef",
                                          ".",
                                          "A",
                                          "-_",
                                          "%",
                                          "\xc3\xa9",
                                          "\xf0\x9f\x98\x80",
                                          utf8(0x202e),
                                          " ",
                                          "/",
                                          "?",
                                          "#",
                                          valid.substr(0, 20),
                                          valid.substr(21),
                                          "..",
                                          "\x01"};
    std::vector<std::string> out;
    for (int i = 0; i < 150; ++i) {
        std::string token;
        const auto parts = engine() % 12;
        for (std::uint32_t p = 0; p < parts && token.size() < 300; ++p) {
            token += pieces[engine() % pieces.size()];
        }
        if (token != valid) {
            out.push_back(token);
        }
    }
    // The named cases: no dot, a dot alone, long, Unicode, a valid shape with a wrong length.
    const auto dot = valid.find('.');
    out.push_back(valid.substr(0, dot) + valid.substr(dot + 1));
    out.emplace_back(".");
    out.emplace_back(2000, 'a');
    out.push_back(valid + std::string(1000, 'A'));
    out.emplace_back("shr_\xc3\xa9\xc3\xa9.\xf0\x9f\x98\x80");
    out.push_back(valid.substr(0, valid.size() - 1));
    out.push_back(valid + "A");
    return out;
}

class ShareTokens : public ShareServer {
protected:
    void SetUp() override {
        ShareServer::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        job_ = finished_job(editor_, sample_brief());
        item_ = item_of(job_, "linkedin")["id"];
        card_ = media_ids(item_of(job_, "linkedin")).at(0);
    }

    /// The three public routes' answers for `segment` (already a path segment).
    std::vector<HttpReply> public_answers(const std::string& segment) const {
        return {anonymous("GET", "/api/v1/shared/" + segment),
                anonymous("GET", "/api/v1/shared/" + segment + "/media/" + card_),
                anonymous("POST", "/api/v1/shared/" + segment + "/items/" + item_ + "/review",
                          R"({"name":"Sam","decision":"approve"})")};
    }

    /// Moves a link's expiry into the past, in the server's database.
    void expire(const std::string& id) {
        auto db = storage::SqliteDatabase::open(db_path_);
        ASSERT_TRUE(db) << db.error().message;
        const auto past = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count() -
                          1000;
        ASSERT_TRUE((*db)->write([&](sqlite::Connection& c) {
            return c.exec(
                fmt::format("UPDATE share_links SET expires_at = {} WHERE id = '{}'", past, id));
        }));
    }

    std::string item_status() {
        return json::parse(call("GET", "/api/v1/content/" + item_, editor_).body)
            .value("status", "");
    }

    json job_;
    std::string item_;
    std::string card_;
};

TEST_F(ShareTokens, TokensThatOpenNothingGetOneAndTheSame404) {
    const std::string job_id = job_["job_id"];
    const std::string valid = make_link(editor_, job_id)["token"];
    const auto revoked_link = make_link(editor_, job_id);
    ASSERT_EQ(
        call("DELETE", "/api/v1/share-links/" + revoked_link["id"].get<std::string>(), editor_)
            .status,
        204);
    const auto expired_link = make_link(editor_, job_id, json{{"expires_in_hours", 1}});
    EXPECT_EQ(anonymous("GET", "/api/v1/shared/" + expired_link["token"].get<std::string>()).status,
              200);
    expire(expired_link["id"]);
    const auto dot = valid.find('.');
    const std::string other_secret = revoked_link["token"].get<std::string>().substr(dot + 1);
    const std::vector<std::pair<std::string, std::string>> closed{
        {"revoked", revoked_link["token"]},
        {"expired", expired_link["token"]},
        {"unknown id", "shr_0000000000000000" + valid.substr(dot)},
        {"wrong secret", valid.substr(0, dot + 1) + other_secret},
        {"no dot", valid.substr(0, dot) + valid.substr(dot + 1)}};
    std::string reference;
    for (const auto& [why, token] : closed) {
        SCOPED_TRACE(why);
        for (const auto& reply : public_answers(token)) {
            EXPECT_EQ(reply.status, 404) << reply.body;
            EXPECT_EQ(reply.header("cache-control"), "no-store");
            EXPECT_EQ(reply.header("referrer-policy"), "no-referrer");
            EXPECT_EQ(error_field(reply), "token");
            if (reference.empty()) {
                reference = reply.body;
            }
            EXPECT_EQ(reply.body, reference) << "the answer tells closed links apart";
        }
    }
    // Generated malformed tokens: 404 on every route, and the server stays up.
    for (const auto& token : generated_tokens(valid)) {
        const auto segment = path_segment(token);
        SCOPED_TRACE(segment.substr(0, 120));
        for (const auto& reply : public_answers(segment)) {
            EXPECT_EQ(reply.status, 404) << reply.body.substr(0, 200);
        }
    }
    for (const auto& reply : public_answers("")) {
        EXPECT_EQ(reply.status, 404);
    }
    EXPECT_EQ(anonymous("GET", "/livez").status, 200);
    EXPECT_EQ(item_status(), "draft") << "a closed link changed the item";
    // The open link still opens, also when every character of it is percent-encoded.
    EXPECT_EQ(anonymous("GET", "/api/v1/shared/" + valid).status, 200);
    std::string encoded;
    for (const char c : valid) {
        encoded += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
    EXPECT_EQ(anonymous("GET", "/api/v1/shared/" + encoded).status, 200);
}

TEST_F(ShareTokens, BadNamesDecisionsAndCommentsAre400NamingTheField) {
    const std::string token = make_link(editor_, job_["job_id"])["token"];
    const auto target = "/api/v1/shared/" + token + "/items/" + item_ + "/review";
    const auto version =
        json::parse(call("GET", "/api/v1/content/" + item_, editor_).body).value("version", 0);
    std::vector<json> bad_names{"", "   ", "\t\n", std::string(101, 'a')};
    std::string long_accented;
    for (int i = 0; i < 101; ++i) {
        long_accented += "\xc3\xa9";
    }
    bad_names.emplace_back(long_accented);
    for (int c = 1; c < 0x20; ++c) {
        bad_names.emplace_back("Sam" + std::string(1, static_cast<char>(c)) + "Lee");
    }
    // DEL, NEL, the line separator, a right-to-left override, an isolate, a right-to-left mark.
    for (const char32_t control : {char32_t{0x7f}, char32_t{0x85}, char32_t{0x2028},
                                   char32_t{0x202e}, char32_t{0x2066}, char32_t{0x200f}}) {
        bad_names.emplace_back("Sam" + utf8(control) + "Lee");
    }
    for (const auto& other : {json(5), json(nullptr), json(true), json::array(), json::object()}) {
        bad_names.push_back(other);
    }
    for (const auto& name : bad_names) {
        SCOPED_TRACE(name.dump());
        const auto refused =
            anonymous("POST", target, json{{"name", name}, {"decision", "approve"}}.dump());
        EXPECT_EQ(refused.status, 400) << refused.body;
        EXPECT_EQ(error_field(refused), "name");
        EXPECT_EQ(refused.header("cache-control"), "no-store");
    }
    EXPECT_EQ(error_field(anonymous("POST", target, R"({"decision":"approve"})")), "name");
    for (const auto& decision : {json(""), json("APPROVE"), json("approved"), json("reject"),
                                 json("request changes"), json(1), json(nullptr)}) {
        SCOPED_TRACE(decision.dump());
        const auto refused =
            anonymous("POST", target, json{{"name", "Sam"}, {"decision", decision}}.dump());
        EXPECT_EQ(refused.status, 400) << refused.body;
        EXPECT_EQ(error_field(refused), "decision");
    }
    EXPECT_EQ(error_field(anonymous("POST", target, R"({"name":"Sam"})")), "decision");
    for (const auto& comment : {json(std::string(2001, 'a')), json(5), json::array()}) {
        const auto refused =
            anonymous("POST", target,
                      json{{"name", "Sam"}, {"decision", "approve"}, {"comment", comment}}.dump());
        EXPECT_EQ(refused.status, 400) << refused.body;
        EXPECT_EQ(error_field(refused), "comment");
    }
    const auto unknown =
        anonymous("POST", target, R"({"name":"Sam","decision":"approve","by":"Boss"})");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(error_field(unknown), "by");
    EXPECT_EQ(anonymous("POST", target, R"({"name":"Sam",)").status, 400);
    EXPECT_EQ(http_request(port(), "POST", target,
                           Headers{{"Authorization", ""}, {"Content-Type", "text/plain"}},
                           R"({"name":"Sam","decision":"approve"})")
                  .status,
              415);
    // Nothing of it was saved.
    EXPECT_EQ(json::parse(call("GET", "/api/v1/content/" + item_, editor_).body)["version"],
              version);
    EXPECT_EQ(item_status(), "draft");
    // The longest names pass: 100 characters, in any script.
    std::string accented;
    for (int i = 0; i < 100; ++i) {
        accented += "\xc3\xa9";
    }
    for (const auto& name : {std::string(100, 'a'), accented, std::string("Zoë O'Brien-Łukasz")}) {
        const auto accepted = anonymous("POST", target,
                                        json{{"name", name},
                                             {"decision", "request_changes"},
                                             {"comment", std::string(2000, 'c')}}
                                            .dump());
        ASSERT_EQ(accepted.status, 200) << accepted.body;
        EXPECT_EQ(json::parse(accepted.body)["review"]["by"], name + " (share link)");
    }
    EXPECT_EQ(item_status(), "changes_requested");
}

}  // namespace
}  // namespace swarm::test::share
