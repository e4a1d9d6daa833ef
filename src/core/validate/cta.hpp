// Call-to-action detection: whether a text carries the brand's call to action (its words or its
// link), and whether a sentence reads like a call to action at all (for "exactly one CTA").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::validate {

/// The brand's call to action prepared for matching.
struct CtaMatcher {
    std::u32string phrase;              // folded text without trailing punctuation
    std::vector<std::u32string> hosts;  // folded hosts of its links, without "www."
    std::vector<std::u32string> words;  // folded content words (3+ letters, not stop words)
};

CtaMatcher make_cta_matcher(std::string_view call_to_action);

/// True when the text holds the phrase, a link to one of its hosts, or (for a CTA of three or
/// more content words) a sentence with at least 80% of those words.
bool mentions_cta(const CtaMatcher& cta, std::string_view text);

/// A sentence holding a link, or opening with an imperative such as "Sign up", "Book a demo",
/// "Start", "Try", "Visit", "Learn more", "DM me", "Comment".
bool looks_like_cta(std::string_view sentence);

/// Folded hosts of the URLs in a text ("fieldnote.example"), "www." removed.
std::vector<std::u32string> url_hosts(std::string_view text);

}  // namespace swarm::core::validate
