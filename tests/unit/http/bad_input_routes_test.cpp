// Every route of the route table, probed with generated bad input through the dispatcher over
// real SQLite stores: invalid UTF-8 in each path parameter, in query parameters and in each
// string field of a body, wrong types, numbers past a double, duplicate keys, deep nesting and
// non-object bodies. None may answer 5xx (503 from an unset dependency aside) or throw; each
// 4xx is a JSON error naming a field. Routes added later are probed the same way.
#include "core/services/event_hub.hpp"
#include "core/services/job_service.hpp"
#include "core/services/work_signal.hpp"
#include "http/dispatcher.hpp"
#include "http/routes.hpp"
#include "kb/reading_library.hpp"
#include "kb/sqlite_knowledge_base.hpp"
#include "storage/media/sqlite_media_store.hpp"
#include "storage/sqlite/sqlite_brand_profile_store.hpp"
#include "storage/sqlite/sqlite_content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_event_store.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"
#include "storage/sqlite/sqlite_raw_output_store.hpp"
#include "support/fake_time_zones.hpp"
#include "support/fakes.hpp"
#include "support/route_call.hpp"
#include "support/test_paths.hpp"

#include <array>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kBadUtf8{"%FF", "%C3", "%ED%A0%80", "a%C0%AFb"};
constexpr std::array<std::string_view, 4> kBadBodyBytes{"\xff", "a\xc3", "\xed\xa0\x80",
                                                        "\xc0\xaf"};
// A marker placed in a dumped body where raw bytes then go (json::dump refuses invalid UTF-8).
constexpr std::string_view kMarker = "@@BYTES@@";

/// Bodies that are valid for each route, so that a mutation of one field is what gets refused.
/// A route missing here is probed with {"name":"x"} and the generic bodies.
const std::map<std::string, json>& sample_bodies() {
    static const std::map<std::string, json> samples{
        {"POST /api/v1/jobs",
         {{"prompt", "Launch"},
          {"platforms", {"linkedin"}},
          {"audience", "ops"},
          {"timezone", "UTC"},
          {"brand", {{"name", "Acme"}, {"banned_phrases", {"synergy"}}}}}},
        {"POST /api/v1/brands", {{"name", "Acme"}, {"voice", "plain"}}},
        {"PUT /api/v1/brands/{id}", {{"name", "Acme"}, {"call_to_action", "Try it"}}},
        {"POST /api/v1/kb/documents", {{"name", "notes.md"}, {"content", "# Notes\nText."}}},
        {"PATCH /api/v1/content/{id}", {{"body", "New text"}, {"hashtags", {"#A"}}}},
        {"POST /api/generate-content",
         {{"prompt", "Launch"}, {"platforms", {"linkedin"}}, {"user_id", "u1"}}},
    };
    return samples;
}

std::string with_bytes(std::string text, std::string_view bytes) {
    for (auto at = text.find(kMarker); at != std::string::npos; at = text.find(kMarker)) {
        text.replace(at, kMarker.size(), bytes);
    }
    return text;
}

/// The sample with one value replaced (top level or one level down), for every string value.
std::vector<std::pair<std::string, json>> mutations(const json& sample, const json& replacement) {
    std::vector<std::pair<std::string, json>> out;
    for (const auto& [key, value] : sample.items()) {
        auto copy = sample;
        copy[key] = replacement;
        out.emplace_back(key, copy);
        if (value.is_object()) {
            for (const auto& [inner, v] : value.items()) {
                auto deep = sample;
                deep[key][inner] = replacement;
                out.emplace_back(key + "." + inner, deep);
            }
        } else if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                auto deep = sample;
                deep[key][i] = replacement;
                out.emplace_back(key + "[" + std::to_string(i) + "]", deep);
            }
        }
    }
    return out;
}

class BadInputOnEveryRoute : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = storage::SqliteDatabase::open((dir_.path() / "swarm.db").string());
        ASSERT_TRUE(db.has_value());
        db_ = *db;
        jobs_ = std::make_unique<storage::SqliteJobStore>(db_, clock_);
        events_ = std::make_unique<storage::SqliteEventStore>(db_, clock_);
        content_ = std::make_unique<storage::SqliteContentStore>(db_, clock_);
        brands_ = std::make_unique<storage::SqliteBrandProfileStore>(db_, clock_);
        raw_ = std::make_unique<storage::SqliteRawOutputStore>(db_, clock_);
        media_ = std::make_unique<storage::SqliteMediaStore>(db_, clock_);
        auto kb = kb::SqliteKnowledgeBase::open(":memory:");
        ASSERT_TRUE(kb.has_value());
        kb_ = std::move(*kb);
        reading_ = std::make_unique<kb::ReadingLibrary>(*kb_);
        service_ = std::make_unique<core::JobService>(
            core::JobServiceDeps{.jobs = *jobs_,
                                 .events = *events_,
                                 .hub = hub_,
                                 .signal = signal_,
                                 .clock = clock_,
                                 .new_id =
                                     [this] {
                                         return "job-" + std::to_string(++ids_);
                                     }},
            core::JobServiceOptions{});
        ApiDeps api;
        api.jobs = service_.get();
        api.events = events_.get();
        api.hub = &hub_;
        api.content = content_.get();
        api.brands = brands_.get();
        shared_kb_ = std::make_unique<core::SharedKnowledgeBase>(*kb_, reading_.get());
        api.knowledge = shared_kb_.get();
        api.raw_outputs = raw_.get();
        api.media = media_.get();
        api.time_zones = &zones_;
        api.generate_wait = std::chrono::seconds(0);
        router_ = build_router(RouteDeps{identity_, health_, metrics_, api});
        dispatcher_ = std::make_unique<Dispatcher>(
            router_, CorsPolicy(), metrics_, logger_, "1",
            [this] { return std::to_string(++ids_); }, RequestSecurity{&auth_, {}});
    }

    /// Sends through the dispatcher and checks the answer is a clean refusal or a success.
    /// `refused`: the input must not be accepted (a 4xx, never a success).
    void probe(const std::string& method, const std::string& target, const std::string& body,
               const std::string& what, bool refused = false,
               const std::map<std::string, std::string>& headers = {}) {
        SCOPED_TRACE(method + " " + target + " (" + what + ")");
        Request q;
        q.method = method;
        q.target = target;
        q.body = body;
        if (!body.empty()) {
            q.headers["content-type"] = "application/json";
        }
        for (const auto& [name, value] : headers) {
            q.headers[name] = value;
        }
        Response res;
        ASSERT_NO_THROW(res = dispatcher_->dispatch(std::move(q)));
        ++probes_;
        last_ = res;
        // 503: a dependency the route needs is not set; 504: the old system's blocking call
        // gave up waiting for a job that no runner takes. Neither is the input's fault.
        const bool expected_5xx = res.status == 503 || res.status == 504;
        EXPECT_TRUE(res.status < 500 || expected_5xx) << res.status << " " << res.body;
        if (refused) {
            EXPECT_TRUE(res.status >= 400 && res.status < 500) << res.status << " " << res.body;
        }
        if (res.status >= 400 && res.stream == nullptr) {
            const auto doc = json::parse(res.body, nullptr, false);
            ASSERT_TRUE(doc.is_object()) << res.body;
            if (res.status == 400) {
                EXPECT_TRUE(doc["error"]["field"].is_string()) << res.body;
            }
        }
    }

    static std::string path_with(const std::string& pattern, const std::string& param_value,
                                 const std::string& only_param) {
        std::string out;
        std::size_t i = 0;
        while (i < pattern.size()) {
            if (pattern[i] == '{') {
                const auto end = pattern.find('}', i);
                const auto name = pattern.substr(i + 1, end - i - 1);
                out += only_param.empty() || name == only_param ? param_value : "x1";
                i = end + 1;
            } else {
                out += pattern[i++];
            }
        }
        return out;
    }

    static std::vector<std::string> params_of(const std::string& pattern) {
        std::vector<std::string> names;
        for (auto at = pattern.find('{'); at != std::string::npos; at = pattern.find('{', at)) {
            const auto end = pattern.find('}', at);
            names.push_back(pattern.substr(at + 1, end - at - 1));
            at = end;
        }
        return names;
    }

    test::TempDir dir_;
    test::FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    std::shared_ptr<storage::SqliteDatabase> db_;
    std::unique_ptr<storage::SqliteJobStore> jobs_;
    std::unique_ptr<storage::SqliteEventStore> events_;
    std::unique_ptr<storage::SqliteContentStore> content_;
    std::unique_ptr<storage::SqliteBrandProfileStore> brands_;
    std::unique_ptr<storage::SqliteRawOutputStore> raw_;
    std::unique_ptr<storage::SqliteMediaStore> media_;
    std::unique_ptr<kb::SqliteKnowledgeBase> kb_;
    std::unique_ptr<kb::ReadingLibrary> reading_;
    std::unique_ptr<core::SharedKnowledgeBase> shared_kb_;
    core::EventHub hub_;
    core::WorkSignal signal_;
    test::FixedTimeZones zones_;
    int ids_ = 0;
    std::unique_ptr<core::JobService> service_;
    ServerIdentity identity_{"1.0.0", "abc", "now", "inst", "now"};
    Health health_;
    Metrics metrics_{{"1.0.0", "abc", 0}};
    JsonLogger logger_{{{"version", "1"}}, [](std::string_view /*line*/) {
                       }};
    Router router_;
    test::StaticAuthenticator auth_;  // every request acts as the test workspace's owner
    std::unique_ptr<Dispatcher> dispatcher_;
    std::size_t probes_ = 0;
    Response last_;  // the answer to the last probe
};

/// The `field` of an error answer, or "" when there is none.
std::string error_field(const Response& res) {
    const auto doc = json::parse(res.body, nullptr, false);
    const auto field = doc.is_object() ? doc["/error/field"_json_pointer] : json();
    return field.is_string() ? field.get<std::string>() : std::string();
}

TEST_F(BadInputOnEveryRoute, InvalidUtf8InEveryPathParameterIsA400NamingThePath) {
    for (const auto& route : router_.routes()) {
        for (const auto& param : params_of(route.pattern)) {
            for (const auto bad : kBadUtf8) {
                probe(route.method, path_with(route.pattern, std::string(bad), param), "",
                      "path param " + param);
                EXPECT_EQ(last_.status, 400) << route.pattern << " " << bad;
                // "target" until the dispatcher reports parse_request_target's field.
                EXPECT_TRUE(error_field(last_) == "path" || error_field(last_) == "target")
                    << last_.body;
            }
        }
    }
    for (const auto bad : kBadUtf8) {  // and where no route matches
        probe("GET", "/nope" + std::string(bad), "", "unmatched path");
    }
    EXPECT_GT(probes_, 40U);
}

TEST_F(BadInputOnEveryRoute, InvalidUtf8InQueryParametersIsA400) {
    const std::vector<std::string> names{"status", "platform", "job_id", "q",      "limit",
                                         "cursor", "name",     "after",  "before", "zz"};
    for (const auto& route : router_.routes()) {
        const auto path = path_with(route.pattern, "x1", "");
        for (const auto& name : names) {
            for (const auto bad : kBadUtf8) {
                probe(route.method, path + "?" + name + "=" + std::string(bad), "",
                      "query " + name);
                EXPECT_EQ(last_.status, 400) << route.pattern << " " << name;
                EXPECT_TRUE(error_field(last_) == "query." + name || error_field(last_) == "target")
                    << last_.body;
            }
        }
        probe(route.method, path + "?%FF=1", "", "query name");
        probe(route.method, path + "?limit=1e999&limit=-1", "", "huge number");
    }
}

TEST_F(BadInputOnEveryRoute, BadBodiesAreRefusedNamingTheField) {
    const std::vector<json> wrong_types{json(1),
                                        json(-1.5),
                                        json::array(),
                                        json::object(),
                                        json(true),
                                        json(nullptr),
                                        json(std::string(5000, 'x'))};
    for (const auto& route : router_.routes()) {
        const auto path = path_with(route.pattern, "x1", "");
        const auto key = route.method + " " + route.pattern;
        const auto it = sample_bodies().find(key);
        const bool has_sample = it != sample_bodies().end();
        const json sample = has_sample ? it->second : json{{"name", "x"}};
        // Generic bodies every route must survive.
        for (const std::string& body :
             {std::string("[]"), std::string("\"x\""), std::string("{"), std::string("1e999"),
              std::string(200, '[') + std::string(200, ']'), std::string("{\"a\":1,\"a\":2}"),
              std::string("{\"name\":\"\xff\"}"), std::string("\xff\xfe")}) {
            probe(route.method, path, body, "generic body", has_sample);
        }
        // Each field of the sample: invalid UTF-8, every wrong type, a huge number, and given
        // twice.
        for (const auto& [field, body] : mutations(sample, json(std::string(kMarker)))) {
            for (const auto bytes : kBadBodyBytes) {
                probe(route.method, path, with_bytes(body.dump(), bytes), "bad bytes " + field,
                      has_sample);
            }
            auto huge = body.dump();
            probe(route.method, path, with_bytes(huge, "\",\"_\":1e999,\"__\":\""),
                  "huge number " + field, has_sample);
        }
        for (const auto& wrong : wrong_types) {
            for (const auto& [field, body] : mutations(sample, wrong)) {
                probe(route.method, path, body.dump(), "wrong type " + field);
            }
        }
        for (const auto& [field, value] : sample.items()) {
            auto text = sample.dump();
            text.insert(1, json(field).dump() + ":" + value.dump() + ",");
            probe(route.method, path, text, "duplicate " + field, has_sample);
        }
    }
    EXPECT_GT(probes_, 500U);
}

TEST_F(BadInputOnEveryRoute, InvalidUtf8InHeadersIsNeverA500) {
    const std::vector<std::string> names{"content-type",    "if-match", "if-none-match",
                                         "idempotency-key", "origin",   "x-request-id",
                                         "accept",          "range"};
    for (const auto& route : router_.routes()) {
        const auto path = path_with(route.pattern, "x1", "");
        const auto it = sample_bodies().find(route.method + " " + route.pattern);
        const auto body = it != sample_bodies().end() ? it->second.dump() : std::string();
        for (const auto& name : names) {
            for (const auto bytes : kBadBodyBytes) {
                probe(route.method, path, body, "header " + name, false,
                      {{name, std::string(bytes)}});
            }
        }
    }
    EXPECT_GT(probes_, 500U);
}

TEST_F(BadInputOnEveryRoute, AnUnknownTimeZoneIsRefusedAtSubmitNotInTheJob) {
    auto brief = sample_bodies().at("POST /api/v1/jobs");
    brief["timezone"] = "Mars/Olympus_Mons";
    probe("POST", "/api/v1/jobs", brief.dump(), "unknown zone", true);
    EXPECT_EQ(last_.status, 400);
    EXPECT_EQ(error_field(last_), "timezone");
    brief["timezone"] = "UTC";
    probe("POST", "/api/v1/jobs", brief.dump(), "known zone");
    EXPECT_EQ(last_.status, 202) << last_.body;
}

TEST(ParseRequestTarget, NamesWhatIsNotUtf8) {
    const auto field_of = [](std::string_view target) {
        std::string path;
        std::map<std::string, std::string> query;
        const auto r = parse_request_target(target, path, query);
        return r ? std::string("ok") : r.error().field;
    };
    EXPECT_EQ(field_of("/a/%C3%A9?q=%E2%82%AC+x"), "ok");
    EXPECT_EQ(field_of("/a/%FF"), "path");
    EXPECT_EQ(field_of("/a/%C3"), "path");
    EXPECT_EQ(field_of("/a?q=%ED%A0%80"), "query.q");
    EXPECT_EQ(field_of("/a?ok=1&limit=%C0%AF"), "query.limit");
    EXPECT_EQ(field_of("/a?%FF=1"), "query");
    EXPECT_EQ(field_of("/a%G1"), "target");
    EXPECT_EQ(field_of("/a?q=%2"), "target");
}

std::size_t request_series(const std::string& exposition) {
    std::size_t n = 0;
    for (auto at = exposition.find("\ncontent_swarm_http_requests_total{"); at != std::string::npos;
         at = exposition.find("\ncontent_swarm_http_requests_total{", at + 1)) {
        ++n;
    }
    return n;
}

TEST_F(BadInputOnEveryRoute, RandomMethodsAndPathsLeaveTheMetricSeriesBounded) {
    std::mt19937 rng(13);
    const auto token = [&](std::size_t max, std::string_view alphabet) {
        std::string s;
        for (std::size_t n = 1 + rng() % max; n > 0; --n) {
            s.push_back(alphabet[rng() % alphabet.size()]);
        }
        return s;
    };
    const std::vector<std::string> known{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
    for (int i = 0; i < 5000; ++i) {
        Request q;
        q.method = rng() % 4 == 0 ? known[rng() % known.size()]
                                  : token(12, "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_!~");
        q.target = "/" + token(20, "abcdefghijklmnopqrstuvwxyz0123456789/._-%");
        if (rng() % 5 == 0) {
            q.target = "/livez";  // a known route under a made-up method: 405 under its pattern
        }
        dispatcher_->dispatch(std::move(q));
    }
    const auto text = metrics_.render();
    // Fixed labels only: route (the table, "unmatched"), method (7 known + "other") and the
    // statuses the server answers with.
    EXPECT_LE(request_series(text), 40U) << text.substr(0, 4000);
    EXPECT_NE(text.find(R"(method="other")"), std::string::npos);
    EXPECT_NE(text.find(R"(route="unmatched")"), std::string::npos);
    EXPECT_LT(text.size(), 64U * 1024U);
}

}  // namespace
}  // namespace swarm::http
