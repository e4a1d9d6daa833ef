// Contract: a knowledge base narrowed to some documents (core::knowledge::DocumentScope, what a
// brief's "documents" gives a job) on every backend: for each sample document, each pair and all
// six, its searches are the backend's ranking with the other documents' passages removed, and
// its passages are theirs alone, in order.
#include "contract/storage_backends.hpp"
#include "core/knowledge/document_scope.hpp"
#include "kb/library_ingest.hpp"
#include "support/test_paths.hpp"

#include <array>
#include <filesystem>
#include <limits>
#include <set>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::knowledge::DocumentScope;

template <class T>
T scope_value(core::Result<T> result) {
    EXPECT_TRUE(result.has_value()) << (result ? "" : core::describe(result.error()));
    return result ? std::move(*result) : T{};
}

std::vector<std::string> ids_of(const std::vector<core::Passage>& passages) {
    std::vector<std::string> ids;
    ids.reserve(passages.size());
    for (const auto& p : passages) {
        ids.push_back(p.id);
    }
    return ids;
}

/// The passages of `hits` from `documents`, at most `limit`: the brute-force answer.
std::vector<std::string> brute_force(const std::vector<core::Passage>& hits,
                                     const std::set<std::string>& documents, std::size_t limit) {
    std::vector<std::string> ids;
    for (const auto& p : hits) {
        if (ids.size() < limit && documents.contains(p.document)) {
            ids.push_back(p.id);
        }
    }
    return ids;
}

class KnowledgeScopeContract : public StorageContract {
protected:
    void SetUp() override {
        StorageContract::SetUp();
        if (IsSkipped()) {
            return;
        }
        const std::array<std::filesystem::path, 1> roots{shared_sample("kb-fieldnote")};
        ASSERT_TRUE(kb::ingest_paths(backend().documents(), roots));
        for (const auto& info : scope_value(backend().documents().list_documents())) {
            names_.push_back(info.name);
        }
        ASSERT_EQ(names_.size(), 6U);
    }

    /// Every one of the sample's documents alone, every pair, and all six.
    std::vector<std::vector<std::string>> every_set() const {
        std::vector<std::vector<std::string>> sets;
        for (std::size_t i = 0; i < names_.size(); ++i) {
            sets.push_back({names_[i]});
            for (std::size_t j = i + 1; j < names_.size(); ++j) {
                sets.push_back({names_[j], names_[i]});
            }
        }
        sets.push_back(names_);
        return sets;
    }

    std::vector<std::string> names_;
};

SWARM_CONTRACT_SUITE(KnowledgeScopeContract);

TEST_P(KnowledgeScopeContract, SearchIsTheRankingWithOtherDocumentsRemoved) {
    auto& kb = backend().knowledge();
    const std::vector<std::string> queries{"revenue growth",     "technicians per month",
                                           "emergency dispatch", "team founders Series A",
                                           "nothing-matches",    "the and of"};
    constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();
    for (const auto& query : queries) {
        const auto ranking = scope_value(kb.search(query, kAll));
        for (const auto& set : every_set()) {
            DocumentScope scope(kb, set);
            const std::set<std::string> wanted(set.begin(), set.end());
            for (const std::size_t limit :
                 {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{50}}) {
                const auto got = scope_value(scope.search(query, limit));
                EXPECT_EQ(ids_of(got), brute_force(ranking, wanted, limit))
                    << query << " limit " << limit << " in " << ::testing::PrintToString(set);
            }
        }
    }
}

TEST_P(KnowledgeScopeContract, PassagesAreTheDocumentsOwnInOrder) {
    auto& kb = backend().knowledge();
    const auto all = scope_value(kb.all_passages());
    for (const auto& set : every_set()) {
        DocumentScope scope(kb, set);
        const std::set<std::string> wanted(set.begin(), set.end());
        EXPECT_EQ(ids_of(scope_value(scope.all_passages())), brute_force(all, wanted, all.size()))
            << ::testing::PrintToString(set);
        EXPECT_EQ(ids_of(core::knowledge::passages_of(all, set)),
                  brute_force(all, wanted, all.size()));
    }
    EXPECT_EQ(ids_of(core::knowledge::passages_of(all, {})), ids_of(all));  // empty: every one
    // A name the base does not hold narrows to nothing.
    DocumentScope gone(kb, {"deleted.md"});
    EXPECT_TRUE(scope_value(gone.all_passages()).empty());
    EXPECT_TRUE(scope_value(gone.search("revenue", 10)).empty());
}

TEST_P(KnowledgeScopeContract, FirstUnknownDocumentIsTheFirstNameNotListed) {
    const auto known = scope_value(backend().documents().list_documents());
    using core::knowledge::first_unknown_document;
    EXPECT_EQ(first_unknown_document(names_, known), std::nullopt);
    EXPECT_EQ(first_unknown_document({}, known), std::nullopt);
    for (std::size_t at = 0; at <= names_.size(); ++at) {
        auto wanted = names_;
        wanted.insert(wanted.begin() + static_cast<std::ptrdiff_t>(at), "missing.md");
        wanted.emplace_back("also-missing.md");
        EXPECT_EQ(first_unknown_document(wanted, known), std::optional<std::size_t>(at));
    }
    // Names are exact: another case or a path prefix is another name.
    EXPECT_EQ(first_unknown_document(std::vector<std::string>{"Traction.md"}, known),
              std::optional<std::size_t>(0));
    EXPECT_EQ(first_unknown_document(std::vector<std::string>{"traction"}, known),
              std::optional<std::size_t>(0));
}

}  // namespace
}  // namespace swarm::test
