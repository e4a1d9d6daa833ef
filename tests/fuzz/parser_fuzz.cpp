// libFuzzer target for the multi-platform parser: any bytes, three platform requests, and the
// invariants every result must keep (consistent counts, requested order, non-empty clean bodies,
// never a body of template slots or instructions to the writer).
#include "core/parse/instructions.hpp"
#include "core/parse/section_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

using swarm::core::Platform;

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "parser invariant violated: %s\n", what);
        std::abort();
    }
}

void check(std::string_view text, const std::vector<Platform>& requested) {
    const auto result = swarm::core::parse_model_output(text, swarm::core::ParseOptions{requested});
    require(result.completeness >= 0.0 && result.completeness <= 1.0, "completeness in [0,1]");
    require(result.items.size() + result.missing_platforms.size() == requested.size(),
            "items + missing == requested");
    std::size_t next = 0;
    for (const auto& item : result.items) {
        require(!item.body.empty(), "no empty item body");
        require(item.body.find('\0') == std::string_view::npos, "no NUL in a body");
        require(item.body.find('\r') == std::string_view::npos, "no CR in a body");
        require(!swarm::core::parse::is_slot_only(item.body), "no slot-only body is delivered");
        require(!swarm::core::parse::is_instruction_only(item.body),
                "no body of instructions to the writer is delivered");
        while (next < requested.size() && requested[next] != item.platform) {
            ++next;
        }
        require(next < requested.size(), "items are requested platforms, in requested order");
        ++next;
        if (item.platform == Platform::kTwitter) {
            require(!item.parts.empty(), "an X item has at least one post");
        }
        for (const auto& tag : item.hashtags) {
            require(tag.size() > 1 && tag.front() == '#', "hashtags start with '#'");
        }
    }
    for (const auto& warning : result.warnings) {
        require(!warning.code.empty() && !warning.location.empty(),
                "warnings have code and location");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);  // NOLINT
    check(text, {Platform::kLinkedIn, Platform::kTwitter, Platform::kPitchDeck});
    check(text, {Platform::kTwitter});
    check(text, {Platform::kPitchDeck, Platform::kLinkedIn});
    return 0;
}
