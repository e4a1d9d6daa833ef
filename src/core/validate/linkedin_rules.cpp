// LinkedIn rules: 3,000-character limit, 150-300 words, the hook ending before the "see more"
// fold, 3-5 hashtags and exactly one call to action.
#include "core/model/platform.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/cta.hpp"
#include "core/validate/rules.hpp"
#include "core/validate/text_scan.hpp"

#include <set>
#include <string>

#include <fmt/format.h>

namespace swarm::core::validate {
namespace {

bool ends_sentence(char32_t cp) {
    return cp == U'.' || cp == U'!' || cp == U'?' || cp == U'\u2026';
}

bool ends_sentence_wide(char32_t cp) {
    return cp == U'\u3002' || cp == U'\uFF01' || cp == U'\uFF1F';
}

/// Characters up to and including the end of the first sentence or line (the hook).
std::size_t hook_length(std::string_view body) {
    const auto cps = nfc_code_points(text::trim(body));
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const char32_t cp = cps[i];
        if (cp == U'\n' || ends_sentence_wide(cp)) {
            return cp == U'\n' ? i : i + 1;
        }
        if (ends_sentence(cp) && (i + 1 == cps.size() || text::is_space(cps[i + 1]))) {
            return i + 1;
        }
    }
    return cps.size();
}

void check_length(const ContentItem& item, const PlatformSpec& rules, std::vector<Issue>& out) {
    const std::size_t chars = nfc_code_points(item.body).size();
    if (chars > rules.max_chars) {
        out.push_back(make_issue("linkedin.too_long", Severity::kError, "body",
                                 fmt::format("The post is {} characters; LinkedIn allows {}. Cut "
                                             "{}.",
                                             chars, rules.max_chars, chars - rules.max_chars)));
    }
    const auto words = static_cast<int>(count_words(item.body));
    if (words < rules.min_words || words > rules.max_words) {
        out.push_back(make_issue("linkedin.word_count", Severity::kWarning, "body",
                                 fmt::format("The post has {} words; aim for {} to {}.", words,
                                             rules.min_words, rules.max_words)));
    }
    const std::size_t hook = hook_length(item.body);
    if (hook > rules.fold_chars) {
        out.push_back(make_issue(
            "linkedin.hook_after_fold", Severity::kWarning, "body",
            fmt::format("The opening sentence runs to character {}, past the \"see more\" fold at "
                        "about {}; end the hook before it.",
                        hook, rules.fold_chars)));
    }
}

void check_hashtags(const ContentItem& item, const PlatformSpec& rules, std::vector<Issue>& out) {
    std::set<std::u32string> tags;
    for (const auto& tag : item.hashtags) {
        tags.insert(fold_key(tag));
    }
    for (const auto& tag : hashtags_in(item.body)) {
        tags.insert(fold_key(tag));
    }
    const int count = static_cast<int>(tags.size());
    if (count < rules.min_hashtags || count > rules.max_hashtags) {
        out.push_back(
            make_issue("linkedin.hashtag_count", Severity::kWarning, "hashtags",
                       fmt::format("{} hashtag{}; use {} to {}.", count, count == 1 ? "" : "s",
                                   rules.min_hashtags, rules.max_hashtags)));
    }
}

/// Exactly one call to action: sentences that link out, open with an imperative, or carry the
/// brand's call to action. A missing brand CTA is brand.missing_cta (brand rules), not this.
void check_cta(const ContentItem& item, const BrandRules* brand, std::vector<Issue>& out) {
    const bool has_brand_cta = brand != nullptr && !text::trim(brand->call_to_action).empty();
    const CtaMatcher cta = has_brand_cta ? make_cta_matcher(brand->call_to_action) : CtaMatcher{};
    int count = 0;
    for (const auto sentence : split_sentences(item.body)) {
        if (looks_like_cta(sentence) || (has_brand_cta && mentions_cta(cta, sentence))) {
            ++count;
        }
    }
    if (count > 1) {
        out.push_back(make_issue("linkedin.multiple_cta", Severity::kWarning, "body",
                                 fmt::format("{} sentences ask the reader to act; keep one call "
                                             "to action.",
                                             count)));
    } else if (count == 0 && !has_brand_cta) {
        out.push_back(make_issue("linkedin.no_cta", Severity::kWarning, "body",
                                 "No call to action; end with one clear ask."));
    }
}

}  // namespace

void check_linkedin(const ContentItem& item, const BrandRules* brand, std::vector<Issue>& out) {
    const PlatformSpec& rules = spec(Platform::kLinkedIn);
    if (text::trim(item.body).empty()) {
        return;  // content.empty already says everything
    }
    check_length(item, rules, out);
    check_hashtags(item, rules, out);
    check_cta(item, brand, out);
}

}  // namespace swarm::core::validate
