// Generates model outputs for property tests: random platforms in random order, every header
// style, thread numbering style and slide style, as Markdown, XML-like tags or JSON.
#pragma once

#include "core/model/platform.hpp"

#include <random>
#include <string>
#include <vector>

namespace swarm::test {

/// What was generated for one platform: the facts a correct parse must give back.
struct GeneratedSection {
    core::Platform platform;
    std::string header;                     // the header line as rendered ("" for tags/JSON)
    std::vector<std::string> sentences;     // LinkedIn paragraphs, X posts, deck bullets
    std::vector<std::string> slide_titles;  // decks only
    std::size_t posts = 0;                  // X only: posts in the thread (1 for a single post)
};

struct GeneratedLayout {
    std::string text;
    std::vector<GeneratedSection> sections;  // in the order they appear in the text
    std::string description;                 // styles used, for failure messages
};

/// One random layout for the given platforms (which appear in a random order).
GeneratedLayout generate_layout(std::mt19937& rng, std::vector<core::Platform> platforms);

}  // namespace swarm::test
