// Size-bounded splitting of passage text: sentence boundaries first, word boundaries when a
// sentence alone is too long. Sizes count Unicode code points, not bytes. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::knowledge {

/// Number of code points in valid UTF-8 text.
std::size_t char_count(std::string_view utf8);

/// Sentences of `text`, trimmed: a sentence ends at . ! ? or … (plus closing quotes or
/// brackets) followed by a space and a character that is not a lower-case ASCII letter, so
/// "e.g. this" and "$2.1M" do not split.
std::vector<std::string> split_sentences(std::string_view text);

/// Pieces of at most `limit` code points, each a run of whole sentences where possible and of
/// similar size; a single over-long sentence is cut at spaces (or, failing that, anywhere
/// between code points). Text that already fits is returned as one piece.
std::vector<std::string> split_to_size(std::string_view text, std::size_t limit);

}  // namespace swarm::core::knowledge
