#include "kb/sqlite_knowledge_base.hpp"

namespace swarm::kb {

struct SqliteKnowledgeBase::Impl {};

SqliteKnowledgeBase::SqliteKnowledgeBase(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SqliteKnowledgeBase::~SqliteKnowledgeBase() = default;

core::Result<std::unique_ptr<SqliteKnowledgeBase>> SqliteKnowledgeBase::open(
    const std::string& /*path*/) {
    return std::unique_ptr<SqliteKnowledgeBase>(
        new SqliteKnowledgeBase(std::make_unique<Impl>()));
}

core::Result<IngestReport> SqliteKnowledgeBase::add_paths(
    std::span<const std::filesystem::path> /*paths*/) {
    return IngestReport{};
}

core::Result<IngestReport> SqliteKnowledgeBase::add_document(const std::string& /*name*/,
                                                             std::string_view /*content*/) {
    return IngestReport{};
}

core::Result<std::size_t> SqliteKnowledgeBase::document_count() { return std::size_t{0}; }

core::Result<std::vector<core::Passage>> SqliteKnowledgeBase::search(std::string_view /*query*/,
                                                                     std::size_t /*limit*/) {
    return std::vector<core::Passage>{};
}

core::Result<std::vector<core::Passage>> SqliteKnowledgeBase::all_passages() {
    return std::vector<core::Passage>{};
}

}  // namespace swarm::kb
