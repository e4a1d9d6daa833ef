// Bounds on every string and list of a brief and a brand profile (docs/api.md "Limits"): the
// banned phrases are matched against every draft, so their count and length bound a job's work.
#pragma once

#include <cstddef>

namespace swarm::core {

/// Lengths are bytes of UTF-8; the decoders (codec/brief_json) report the field and the limit.
struct BriefLimits {
    static constexpr std::size_t kMaxBriefBytes =
        std::size_t{256} * 1024;  // the whole JSON document
    // The prompt: core::kMaxPromptChars (brief.hpp), checked by validate_brief.
    static constexpr std::size_t kMaxTextBytes = 2000;  // audience, goal, tone, brand voice
    static constexpr std::size_t kMaxLanguageBytes = 64;
    static constexpr std::size_t kMaxIdBytes = 200;  // brand_profile
    static constexpr std::size_t kMaxKbBytes = 1024;
    static constexpr std::size_t kMaxTimezoneBytes = 64;
    static constexpr std::size_t kMaxPlatforms = 16;
    static constexpr std::size_t kMaxPlatformNameBytes = 64;
    static constexpr std::size_t kMaxBrandNameBytes = 200;
    static constexpr std::size_t kMaxCallToActionBytes = 500;
    static constexpr std::size_t kMaxHashtags = 30;
    static constexpr std::size_t kMaxHashtagBytes = 100;
    static constexpr std::size_t kMaxBannedPhrases = 500;
    static constexpr std::size_t kMaxBannedPhraseBytes = 200;
    static constexpr std::size_t kMaxColorBytes = 16;
    // documents: names as the knowledge base accepts them (core/knowledge/document_rules).
    static constexpr std::size_t kMaxDocuments = 200;
};

}  // namespace swarm::core
