// Micro-benchmarks of the validators: X weighted counting on a full post and on 10 kB, and
// validate_item on the Fieldnote LinkedIn post, X thread and 12-slide deck with ~50 passages.
#include "core/validate/validator.hpp"
#include "unit/validate/fieldnote_fixture.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

namespace {

namespace core = swarm::core;
namespace test = swarm::test;

// About 280 weighted characters: ASCII, a URL, emoji (ZWJ, skin tone, flag, keycap) and CJK.
constexpr std::string_view kMixedPost =
    "Emergency calls wreck a dispatcher's day \xF0\x9F\x98\xB7 Fieldnote re-plans in seconds "
    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x94\xA7\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD "
    "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8 1\xEF\xB8\x8F\xE2\x83\xA3 "
    "\xE7\x8F\xBE\xE5\xA0\xB4\xE3\x81\xAE\xE9\x85\x8D\xE8\xBB\x8A "
    "24% less drive time, 62% fewer calls. Start a 14-day free trial at "
    "https://fieldnote.example/trial?utm=x #FieldService 1/6";

std::string ten_kilobytes() {
    std::string text;
    while (text.size() < std::size_t{10} * 1024) {
        text += kMixedPost;
        text += "\n";
    }
    return text;
}

/// The sample's 14 passages plus variations, 50 in all, as a knowledge base would return them.
std::vector<core::Passage> fifty_passages() {
    const auto base = test::fieldnote::passages();
    std::vector<core::Passage> out;
    for (std::size_t i = 0; out.size() < 50; ++i) {
        auto p = base[i % base.size()];
        p.id += "-" + std::to_string(i);
        if (i >= base.size()) {
            p.text += " Revision " + std::to_string(i) + " of the notes, checked in review.";
        }
        out.push_back(std::move(p));
    }
    return out;
}

void x_weighted_length_post(benchmark::State& state) {
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores)
        benchmark::DoNotOptimize(core::x_weighted_length(kMixedPost));
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(kMixedPost.size()));
}

BENCHMARK(x_weighted_length_post);

void x_weighted_length_10kb(benchmark::State& state) {
    const std::string text = ten_kilobytes();
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores)
        benchmark::DoNotOptimize(core::x_weighted_length(text));
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}

BENCHMARK(x_weighted_length_10kb);

void run_validate(benchmark::State& state, const core::ContentItem& item) {
    const auto brand = test::fieldnote::brand();
    const auto passages = fifty_passages();
    const core::ValidationContext context{&brand, passages};
    std::size_t issues = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores)
        const auto quality = core::validate_item(item, context);
        issues = quality.issues.size();
        benchmark::DoNotOptimize(quality.score);
    }
    state.counters["issues"] = static_cast<double>(issues);
}

void validate_linkedin_post(benchmark::State& state) {
    run_validate(state, test::fieldnote::linkedin_post());
}

BENCHMARK(validate_linkedin_post)->Unit(benchmark::kMicrosecond);

void validate_x_thread(benchmark::State& state) {
    run_validate(state, test::fieldnote::x_thread());
}

BENCHMARK(validate_x_thread)->Unit(benchmark::kMicrosecond);

void validate_deck(benchmark::State& state) {
    run_validate(state, test::fieldnote::deck());
}

BENCHMARK(validate_deck)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
