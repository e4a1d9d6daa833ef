// Knowledge base micro-benchmarks: chunking a large Markdown document, ingesting the sample
// knowledge base into an in-memory database, and BM25 searches over it.
#include "core/knowledge/chunker.hpp"
#include "kb/sqlite_knowledge_base.hpp"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

namespace {

std::filesystem::path sample_kb() {
    const char* env = std::getenv("SWARM_SOURCE_DIR");  // NOLINT(concurrency-mt-unsafe)
    const std::filesystem::path source =
        env != nullptr && *env != '\0' ? env : SWARM_SOURCE_DIR_DEFAULT;
    return source.parent_path() / "shared" / "samples" / "kb-fieldnote";
}

std::string large_markdown(int sections) {
    std::string doc = "# Handbook\n\n";
    for (int s = 0; s < sections; ++s) {
        doc += "## Section " + std::to_string(s) + "\n\n";
        for (int p = 0; p < 4; ++p) {
            doc +=
                "Technicians plan routes with **live traffic** and dispatchers re-plan the day "
                "when an emergency call arrives. Customers receive a text with an arrival "
                "window.\n";
        }
        doc += "\n- First point of the list.\n- Second point, with $2.1M in it.\n- Third.\n\n";
    }
    return doc;
}

void bm_chunk_markdown(benchmark::State& state) {
    const std::string doc = large_markdown(static_cast<int>(state.range(0)));
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores)
        auto chunks = swarm::core::knowledge::chunk_document(
            doc, swarm::core::knowledge::TextFormat::kMarkdown);
        benchmark::DoNotOptimize(chunks);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(doc.size()));
}

BENCHMARK(bm_chunk_markdown)->Arg(10)->Arg(200);

void bm_ingest_sample(benchmark::State& state) {
    const std::vector<std::filesystem::path> paths = {sample_kb()};
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores)
        auto kb = swarm::kb::SqliteKnowledgeBase::open(":memory:");
        if (!kb) {
            state.SkipWithError("cannot open an in-memory knowledge base");
            return;
        }
        auto report = (*kb)->add_paths(paths);
        if (!report || report->added.empty()) {
            state.SkipWithError("sample knowledge base not found or not ingested");
            return;
        }
        benchmark::DoNotOptimize(report);
    }
}

BENCHMARK(bm_ingest_sample)->Unit(benchmark::kMicrosecond);

void bm_search(benchmark::State& state, const char* query) {
    auto kb = swarm::kb::SqliteKnowledgeBase::open(":memory:");
    const std::vector<std::filesystem::path> paths = {sample_kb()};
    if (!kb || !(*kb)->add_paths(paths)) {
        state.SkipWithError("cannot ingest the sample knowledge base");
        return;
    }
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores)
        auto hits = (*kb)->search(query, 8);
        benchmark::DoNotOptimize(hits);
    }
}

BENCHMARK_CAPTURE(bm_search, revenue, "annual recurring revenue growth")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_search, hostile, "\"NEAR( AND * a:b) technicians\" 🚀")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_search, stopwords_only, "what is the")->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
