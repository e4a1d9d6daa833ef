// PhraseMatcher against the per-phrase scan it replaces: on generated texts and phrase sets
// (random, overlapping, prefixes of each other, case variants, accents, folding that changes
// length, dashes and apostrophes, emoji, duplicates, white space only) both find the same hits.
#include "core/validate/phrase_matcher.hpp"

#include "core/validate/text_scan.hpp"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::validate {
namespace {

// Pieces the generator draws from: ASCII in both cases, word and non-word punctuation, letters
// whose fold changes length (ß, ﬁ), a combining accent that NFC composes, curly apostrophe and
// dashes the folding unifies, CJK, emoji and several kinds of space.
const std::vector<std::string> kPieces{
    "a",      "b",  "A",  "B", "ab",     "Ab",      "ba",  "_",  "1",  " ",      "  ", "\t",
    "-",      ".",  "'",  "é", "É",      "e\u0301", "ß",   "SS", "ss", "\uFB01", "fi", "’",
    "\u2014", "中", "文", "😀", "\u00A0", "#",       "a-b", "x",  "X",  "Σ",      "σ",  "ς"};

std::string random_text(std::mt19937& rng, std::size_t max_pieces) {
    std::uniform_int_distribution<std::size_t> count(0, max_pieces);
    std::uniform_int_distribution<std::size_t> pick(0, kPieces.size() - 1);
    std::string out;
    for (std::size_t n = count(rng); n > 0; --n) {
        out += kPieces[pick(rng)];
    }
    return out;
}

/// A substring of `text` cut at piece-safe points (whole UTF-8 sequences).
std::string random_slice(std::mt19937& rng, const std::string& text) {
    std::vector<std::size_t> cuts{0};
    for (std::size_t i = 1; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
            cuts.push_back(i);
        }
    }
    cuts.push_back(text.size());
    std::uniform_int_distribution<std::size_t> at(0, cuts.size() - 1);
    auto a = cuts[at(rng)];
    auto b = cuts[at(rng)];
    if (a > b) {
        std::swap(a, b);
    }
    return text.substr(a, b - a);
}

std::string flip_ascii_case(std::string s) {
    for (char& c : s) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        } else if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

std::vector<std::string> random_phrases(std::mt19937& rng, const std::string& text) {
    std::vector<std::string> phrases;
    std::uniform_int_distribution<int> kind(0, 5);
    std::uniform_int_distribution<std::size_t> count(0, 12);
    for (std::size_t n = count(rng); n > 0; --n) {
        switch (kind(rng)) {
            case 0:
                phrases.push_back(random_text(rng, 4));
                break;
            case 1:
                phrases.push_back(flip_ascii_case(random_slice(rng, text)));
                break;
            case 2:
                if (!phrases.empty()) {  // a prefix or an extension of an earlier phrase
                    const auto& prev = phrases[rng() % phrases.size()];
                    phrases.push_back(rng() % 2 == 0 ? random_slice(rng, prev)
                                                     : prev + random_text(rng, 2));
                }
                break;
            case 3:
                if (!phrases.empty()) {
                    phrases.push_back(phrases[rng() % phrases.size()]);  // a duplicate
                }
                break;
            default:
                phrases.push_back(random_slice(rng, text));
                break;
        }
    }
    return phrases;
}

std::u32string needle_of(const std::string& phrase) {
    auto needle = fold_key(phrase);
    return needle == U" " ? std::u32string{} : needle;
}

std::vector<PhraseMatcher::Hit> naive(const std::vector<std::u32string>& needles,
                                      const FoldedText& hay) {
    std::vector<PhraseMatcher::Hit> hits;
    for (std::size_t id = 0; id < needles.size(); ++id) {
        for (const auto pos : find_phrase(hay, needles[id])) {
            hits.push_back({id, pos});
        }
    }
    return hits;
}

TEST(PhraseMatcher, FindsExactlyWhatThePerPhraseScanFinds) {
    std::size_t total_hits = 0;
    for (std::uint32_t seed = 1; seed <= 1500; ++seed) {
        std::mt19937 rng(seed);
        const std::string text = random_text(rng, 40);
        const auto phrases = random_phrases(rng, text);
        std::vector<std::u32string> needles;
        needles.reserve(phrases.size());
        for (const auto& p : phrases) {
            needles.push_back(needle_of(p));
        }
        const PhraseMatcher matcher(needles);
        const auto hay = fold_for_match(text);
        const auto expected = naive(needles, hay);
        ASSERT_EQ(matcher.find_all(hay), expected) << "seed " << seed << " text \"" << text << '"';
        total_hits += expected.size();
    }
    EXPECT_GT(total_hits, 1000U);  // the generator must produce hits, or the test proves little
}

TEST(PhraseMatcher, MatchesAcrossCaseAndKeepsWordBoundaries) {
    const std::vector<std::u32string> needles{fold_key("Game-Changer"), fold_key("synergy"),
                                              fold_key("syn"), fold_key("#AI"), U""};
    const PhraseMatcher matcher(needles);
    const auto hay = fold_for_match("A GAME-CHANGER with SYNERGY, not synergyx. #ai!");
    const std::vector<PhraseMatcher::Hit> want{{0, 2}, {1, 20}, {3, 43}};
    EXPECT_EQ(matcher.find_all(hay), want);
}

TEST(PhraseMatcher, EmptyMatcherAndEmptyTextFindNothing) {
    EXPECT_TRUE(PhraseMatcher({}).find_all(fold_for_match("anything")).empty());
    EXPECT_TRUE(PhraseMatcher({U"a"}).find_all(fold_for_match("")).empty());
}

}  // namespace
}  // namespace swarm::core::validate
