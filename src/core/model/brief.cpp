#include "core/model/brief.hpp"

#include "core/knowledge/document_rules.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace swarm::core {
namespace {

bool is_blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

Result<std::string> normalise_hashtag(std::string tag, const std::string& field) {
    while (!tag.empty() && std::isspace(static_cast<unsigned char>(tag.back())) != 0) {
        tag.pop_back();
    }
    tag.erase(0, tag.find_first_not_of(" \t"));
    if (!tag.empty() && tag.front() != '#') {
        tag.insert(tag.begin(), '#');
    }
    if (tag.size() < 2 || tag.find_first_of(" \t\r\n#", 1) != std::string::npos) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("invalid hashtag \"{}\"; a hashtag is '#' followed by letters, "
                                "digits or '_' with no spaces",
                                tag),
                    field);
    }
    return tag;
}

bool valid_timezone_name(const std::string& tz) {
    // "localtime" names the host's zone, which differs between machines: not reproducible.
    if (tz.empty() || tz.size() > 64 || tz.front() == '/' || tz.find("..") != std::string::npos ||
        tz == "localtime") {
        return false;
    }
    return std::all_of(tz.begin(), tz.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '/' || c == '_' ||
               c == '-' || c == '+';
    });
}

/// Every name as the knowledge base accepts it (the error names "documents[i]"); a name given
/// again is dropped, so the job's list is each document once, in the order first given.
Result<void> check_brief_documents(std::vector<std::string>& documents) {
    std::vector<std::string> unique;
    unique.reserve(documents.size());
    for (std::size_t i = 0; i < documents.size(); ++i) {
        if (auto checked = knowledge::check_document_name(documents[i]); !checked) {
            return fail(ErrorCode::kInvalidArgument,
                        checked.error().message + " (a knowledge-base document's name)",
                        fmt::format("documents[{}]", i));
        }
        if (std::find(unique.begin(), unique.end(), documents[i]) == unique.end()) {
            unique.push_back(std::move(documents[i]));
        }
    }
    documents = std::move(unique);
    return {};
}

}  // namespace

Result<Brief> validate_brief(Brief brief) {
    if (is_blank(brief.prompt)) {
        return fail(ErrorCode::kInvalidArgument, "must be a non-empty string", "prompt");
    }
    if (brief.prompt.size() > kMaxPromptChars) {
        return fail(
            ErrorCode::kInvalidArgument,
            fmt::format("is {} bytes; at most {} allowed", brief.prompt.size(), kMaxPromptChars),
            "prompt");
    }
    if (brief.platforms.empty()) {
        return fail(ErrorCode::kInvalidArgument,
                    "must list at least one platform; known: " + known_platform_list(),
                    "platforms");
    }
    for (std::size_t i = 0; i < brief.platforms.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (brief.platforms[i] == brief.platforms[j]) {
                return fail(ErrorCode::kInvalidArgument,
                            fmt::format("platform \"{}\" is listed twice (also at platforms[{}])",
                                        to_string(brief.platforms[i]), j),
                            fmt::format("platforms[{}]", i));
            }
        }
    }
    if (brief.options.deck_slides < kMinDeckSlides || brief.options.deck_slides > kMaxDeckSlides) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("is {}; allowed: {} to {}", brief.options.deck_slides,
                                kMinDeckSlides, kMaxDeckSlides),
                    "options.deck_slides");
    }
    for (std::size_t i = 0; i < brief.brand.required_hashtags.size(); ++i) {
        SWARM_TRY_ASSIGN(brief.brand.required_hashtags[i],
                         normalise_hashtag(brief.brand.required_hashtags[i],
                                           fmt::format("brand.required_hashtags[{}]", i)));
    }
    for (std::size_t i = 0; i < brief.brand.banned_phrases.size(); ++i) {
        if (is_blank(brief.brand.banned_phrases[i])) {
            return fail(ErrorCode::kInvalidArgument, "must be a non-empty phrase",
                        fmt::format("brand.banned_phrases[{}]", i));
        }
    }
    SWARM_TRY(check_brief_documents(brief.documents));
    if (!valid_timezone_name(brief.timezone)) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" is not an IANA time zone name such as \"UTC\" or "
                                "\"America/New_York\"",
                                brief.timezone),
                    "timezone");
    }
    return brief;
}

}  // namespace swarm::core
