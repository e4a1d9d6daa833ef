// Many phrases found in one pass over a folded text (Aho-Corasick over code points): the banned
// phrase check costs the text's length plus its hits, not phrases x text.
#pragma once

#include "core/validate/text_scan.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace swarm::core::validate {

class PhraseMatcher {
public:
    struct Hit {
        std::size_t needle = 0;  // index into the needles given to the constructor
        std::size_t pos = 0;     // code point offset in hay.text

        friend bool operator==(const Hit&, const Hit&) = default;
    };

    /// Needles already folded (fold_key); an empty needle never matches. Built once, then
    /// find_all may be called from any thread.
    explicit PhraseMatcher(const std::vector<std::u32string>& needles);

    /// Every whole-phrase occurrence of every needle, with find_phrase's boundary rule (a word
    /// boundary on a side where the needle begins or ends with a word character), overlapping
    /// ones included; ordered by needle, then position: find_phrase for each needle in turn.
    std::vector<Hit> find_all(const FoldedText& hay) const;

private:
    struct Node {
        std::vector<std::pair<char32_t, std::uint32_t>> next;  // sorted by code point
        std::uint32_t fail = 0;
        std::uint32_t output_link = 0;       // nearest node on the fail chain with outputs; 0: none
        std::vector<std::uint32_t> outputs;  // needles that end here
    };

    struct Needle {
        std::size_t length = 0;
        bool need_left = false;
        bool need_right = false;
    };

    std::uint32_t child(std::uint32_t node, char32_t cp) const;  // 0 when absent (root: none)
    std::uint32_t step(std::uint32_t node, char32_t cp) const;
    void link();

    std::vector<Node> nodes_;
    std::vector<Needle> needles_;
};

}  // namespace swarm::core::validate
