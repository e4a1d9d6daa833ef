#include "core/validate/phrase_matcher.hpp"

#include <algorithm>
#include <deque>

namespace swarm::core::validate {

PhraseMatcher::PhraseMatcher(const std::vector<std::u32string>& needles) {
    std::size_t most_nodes = 1;
    for (const auto& needle : needles) {
        most_nodes += needle.size();
    }
    nodes_.reserve(most_nodes);  // one node per code point at most: no reallocation while built
    nodes_.emplace_back();       // the root
    needles_.reserve(needles.size());
    for (std::size_t id = 0; id < needles.size(); ++id) {
        const auto& needle = needles[id];
        needles_.push_back({needle.size(), !needle.empty() && is_word_char(needle.front()),
                            !needle.empty() && is_word_char(needle.back())});
        if (needle.empty()) {
            continue;
        }
        std::uint32_t node = 0;
        for (const char32_t cp : needle) {
            std::uint32_t next = child(node, cp);
            if (next == 0) {
                next = static_cast<std::uint32_t>(nodes_.size());
                auto& edges = nodes_[node].next;
                const auto at = std::lower_bound(edges.begin(), edges.end(), cp,
                                                 [](const std::pair<char32_t, std::uint32_t>& e,
                                                    char32_t c) { return e.first < c; });
                edges.insert(at, {cp, next});
                nodes_.emplace_back();  // after the insert: `edges` referred into nodes_
            }
            node = next;
        }
        nodes_[node].outputs.push_back(static_cast<std::uint32_t>(id));
    }
    link();
}

std::uint32_t PhraseMatcher::child(std::uint32_t node, char32_t cp) const {
    const auto& edges = nodes_[node].next;
    const auto at = std::lower_bound(
        edges.begin(), edges.end(), cp,
        [](const std::pair<char32_t, std::uint32_t>& e, char32_t c) { return e.first < c; });
    return at != edges.end() && at->first == cp ? at->second : 0;
}

std::uint32_t PhraseMatcher::step(std::uint32_t node, char32_t cp) const {
    for (;;) {
        if (const auto next = child(node, cp); next != 0) {
            return next;
        }
        if (node == 0) {
            return 0;
        }
        node = nodes_[node].fail;
    }
}

/// Breadth-first: a node's fail link is the longest proper suffix of its path that is also a
/// path in the trie, so parents' links are known before their children's.
void PhraseMatcher::link() {
    std::deque<std::uint32_t> queue;
    for (const auto& [cp, next] : nodes_[0].next) {
        queue.push_back(next);  // depth 1: fail to the root
    }
    while (!queue.empty()) {
        const std::uint32_t node = queue.front();
        queue.pop_front();
        const auto fail = nodes_[node].fail;
        nodes_[node].output_link = nodes_[fail].outputs.empty() ? nodes_[fail].output_link : fail;
        for (const auto& [cp, next] : nodes_[node].next) {
            nodes_[next].fail = node == 0 ? 0 : step(fail, cp);
            queue.push_back(next);
        }
    }
}

std::vector<PhraseMatcher::Hit> PhraseMatcher::find_all(const FoldedText& hay) const {
    std::vector<Hit> hits;
    const std::u32string_view h = hay.text;
    const auto accept = [&](std::uint32_t id, std::size_t end) {
        const auto& n = needles_[id];
        const std::size_t pos = end - n.length;
        const bool left_ok = !n.need_left || pos == 0 || !is_word_char(h[pos - 1]);
        const bool right_ok = !n.need_right || end == h.size() || !is_word_char(h[end]);
        if (left_ok && right_ok) {
            hits.push_back({id, pos});
        }
    };
    std::uint32_t node = 0;
    for (std::size_t i = 0; i < h.size(); ++i) {
        node = step(node, h[i]);
        for (std::uint32_t out = nodes_[node].outputs.empty() ? nodes_[node].output_link : node;
             out != 0; out = nodes_[out].output_link) {
            for (const auto id : nodes_[out].outputs) {
                accept(id, i + 1);
            }
        }
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        return a.needle != b.needle ? a.needle < b.needle : a.pos < b.pos;
    });
    return hits;
}

}  // namespace swarm::core::validate
