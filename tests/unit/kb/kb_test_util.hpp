// Helpers shared by the knowledge base tests: opening a database that must open, writing
// fixture files into a temporary folder, and unwrapping results with a readable failure.
#pragma once

#include "core/result.hpp"
#include "kb/sqlite_knowledge_base.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::kb::testing_util {

inline void write_file(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    ASSERT_TRUE(out.good()) << path;
}

/// The value of a Result, or a test failure naming the error (and a default value).
template <class T>
T value_of(core::Result<T> result) {
    EXPECT_TRUE(result.has_value()) << (result ? "" : core::describe(result.error()));
    return result ? std::move(*result) : T{};
}

inline std::unique_ptr<SqliteKnowledgeBase> open_kb(const std::string& path = ":memory:") {
    auto kb = SqliteKnowledgeBase::open(path);
    EXPECT_TRUE(kb.has_value()) << (kb ? "" : core::describe(kb.error()));
    return kb ? std::move(*kb) : nullptr;
}

inline IngestReport add(SqliteKnowledgeBase& kb, const std::vector<std::filesystem::path>& paths) {
    return value_of(kb.add_paths(paths));
}

}  // namespace swarm::kb::testing_util
