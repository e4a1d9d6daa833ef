// Grounding internals: the numbers and named claims a text makes, extracted the same way from
// the post and from the knowledge-base passages so that facts copied verbatim always match.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::validate {

enum class NumberKind { kPlain, kMoney, kPercent, kMultiple, kRatio };

struct NumberClaim {
    std::string text;  // as written: "$2.1M", "14%", "3.2 million", "1 in 5"
    double value = 0;  // 2100000, 14, 3200000, 0.2
    NumberKind kind = NumberKind::kPlain;
};

/// All numbers of a text. With `as_claims`, numbers that claim nothing are left out: thread
/// numbering ("2/6") and other fractions, clock times, list markers, slide/step numbers,
/// numbers glued to letters ("Q3", "B2B", "1st"), numbers inside URLs, hashtags and compliance
/// names ("ISO 27001"), and plain integers up to 10.
std::vector<NumberClaim> extract_numbers(std::string_view text, bool as_claims);

/// Conservative named claims: compliance names (SOC 2, ISO 27001, HIPAA, GDPR, PCI DSS,
/// FedRAMP) and runs of two or more capitalised words that do not open a sentence, outside
/// title-case lines ("Maya Okafor", "Housecall Pro").
std::vector<std::string> extract_named_claims(std::string_view text);

/// Whether a claimed number matches a known one: same value (1e-9 relative) and kind, except
/// that plain numbers and money or multiples match each other ("$2.1M" and "2.1 million"), and
/// "1 in 5" matches 20%.
bool same_number(const NumberClaim& claim, const NumberClaim& fact);

}  // namespace swarm::core::validate
