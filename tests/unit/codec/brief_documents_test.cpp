// The brief's "documents": knowledge-base document names the job may use. Types, the count bound,
// the knowledge base's own name rules, repeats dropped (first mention first), errors that name
// "documents[i]" as written.
#include "codec/brief_json.hpp"
#include "core/model/brief_limits.hpp"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::codec {
namespace {

using nlohmann::json;

json base_brief() {
    return {{"prompt", "Launch"}, {"platforms", {"linkedin"}}};
}

core::Result<core::Brief> decode_with(const json& documents) {
    auto brief = base_brief();
    brief["documents"] = documents;
    return decode_brief(brief.dump());
}

/// The field of the error decoding `documents` gives ("" when it decodes).
std::string error_field(const json& documents) {
    const auto brief = decode_with(documents);
    return brief ? std::string() : brief.error().field;
}

TEST(BriefDocuments, AbsentNullOrEmptyMeansEveryDocument) {
    const auto absent = decode_brief(base_brief().dump());
    ASSERT_TRUE(absent) << core::describe(absent.error());
    EXPECT_TRUE(absent->documents.empty());
    for (const json& empty : {json(nullptr), json::array()}) {
        const auto brief = decode_with(empty);
        ASSERT_TRUE(brief) << core::describe(brief.error());
        EXPECT_TRUE(brief->documents.empty()) << empty.dump();
    }
}

TEST(BriefDocuments, KeepsValidNamesInOrder) {
    const std::vector<std::string> names{"traction.md", "notes/2026/plan.txt", "Überblick.md",
                                         "a b (final).pdf", std::string(200, 'x')};
    const auto brief = decode_with(names);
    ASSERT_TRUE(brief) << core::describe(brief.error());
    EXPECT_EQ(brief->documents, names);
}

TEST(BriefDocuments, ANonArrayNamesTheField) {
    for (const json& value : {json("traction.md"), json(3), json(true), json::object()}) {
        EXPECT_EQ(error_field(value), "documents") << value.dump();
    }
}

// Every non-string element at every position is named by its index.
TEST(BriefDocuments, ANonStringElementNamesItsIndex) {
    const std::vector<json> bad{json(1),       json(2.5),     json(false),
                                json(nullptr), json::array(), json::object()};
    for (std::size_t at = 0; at < 4; ++at) {
        for (const auto& value : bad) {
            json list = json::array();
            for (std::size_t i = 0; i < 4; ++i) {
                list.push_back(i == at ? value : json(fmt::format("doc{}.md", i)));
            }
            EXPECT_EQ(error_field(list), fmt::format("documents[{}]", at)) << list.dump();
        }
    }
}

TEST(BriefDocuments, NamesTheKnowledgeBaseRefusesNameTheirIndex) {
    const std::vector<std::string> bad{"",
                                       "/etc/passwd",
                                       "../secret.md",
                                       "notes/../x.md",
                                       "tab\there.md",
                                       "new\nline.md",
                                       std::string("nul\0.md", 7),
                                       "\x7f.md",
                                       std::string(201, 'x')};
    for (const auto& name : bad) {
        for (std::size_t at = 0; at < 3; ++at) {
            std::vector<std::string> list{"a.md", "b.md", "c.md"};
            list[at] = name;
            EXPECT_EQ(error_field(list), fmt::format("documents[{}]", at)) << json(name).dump();
        }
    }
    // Bytes that are not UTF-8 cannot even be read as JSON text.
    EXPECT_FALSE(decode_brief(R"({"prompt":"p","platforms":["x"],"documents":["\xff.md"]})"));
}

TEST(BriefDocuments, MultiByteNamesCountCharactersNotBytes) {
    std::string two_hundred;
    for (int i = 0; i < 200; ++i) {
        two_hundred += "é";  // 2 bytes each
    }
    EXPECT_EQ(error_field(json::array({two_hundred})), "");
    EXPECT_EQ(error_field(json::array({two_hundred + "é"})), "documents[0]");
}

TEST(BriefDocuments, AtMostTwoHundredNames) {
    constexpr std::size_t kMax = core::BriefLimits::kMaxDocuments;
    ASSERT_EQ(kMax, 200U);
    const auto names = [](std::size_t n, bool repeat) {
        json list = json::array();
        for (std::size_t i = 0; i < n; ++i) {
            list.push_back(repeat ? std::string("same.md") : fmt::format("doc-{}.md", i));
        }
        return list;
    };
    const auto full = decode_with(names(kMax, false));
    ASSERT_TRUE(full) << core::describe(full.error());
    EXPECT_EQ(full->documents.size(), kMax);
    for (const bool repeat : {false, true}) {  // the bound is on what is written, repeats too
        const auto over = decode_with(names(kMax + 1, repeat));
        ASSERT_FALSE(over);
        EXPECT_EQ(over.error().field, "documents");
        EXPECT_NE(over.error().message.find("at most 200"), std::string::npos)
            << over.error().message;
    }
}

// Generated lists with repeats: the decoded list is each name once, in first-mention order, and
// document_field names each name's first mention in the text.
TEST(BriefDocuments, RepeatsAreDroppedKeepingFirstMentions) {
    std::mt19937 rng(15);
    for (int round = 0; round < 200; ++round) {
        std::uniform_int_distribution<int> length(0, 30);
        std::uniform_int_distribution<int> pick(0, 7);
        std::vector<std::string> written;
        const int n = length(rng);
        written.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            written.push_back(fmt::format("doc-{}.md", pick(rng)));
        }
        std::vector<std::string> expected;
        for (const auto& name : written) {
            if (std::find(expected.begin(), expected.end(), name) == expected.end()) {
                expected.push_back(name);
            }
        }
        auto text = base_brief();
        text["documents"] = written;
        const auto brief = decode_brief(text.dump());
        ASSERT_TRUE(brief) << core::describe(brief.error());
        EXPECT_EQ(brief->documents, expected) << text.dump();
        for (const auto& name : expected) {
            const auto first = static_cast<std::size_t>(
                std::find(written.begin(), written.end(), name) - written.begin());
            EXPECT_EQ(document_field(text.dump(), name), fmt::format("documents[{}]", first));
        }
    }
    EXPECT_EQ(document_field(R"({"documents":["a.md"]})", "b.md"), "documents");
    EXPECT_EQ(document_field("not json", "a.md"), "documents");
}

}  // namespace
}  // namespace swarm::codec
