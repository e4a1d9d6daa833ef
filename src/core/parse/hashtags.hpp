// Hashtag extraction in any script (#Café, #東京, #données): tags are letters, marks, digits and
// '_' with at least one letter; URL fragments, Markdown headers and "#1" are not tags.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::parse {

/// Every hashtag in the text, in order, with its '#', spelled as written (duplicates kept).
std::vector<std::string> extract_hashtags(std::string_view text);

/// Appends the tags not already present, comparing case-insensitively (Unicode case folding);
/// the first spelling wins.
void merge_hashtags(std::vector<std::string>& into, const std::vector<std::string>& tags);

/// True for a line made only of hashtags (and commas, bullets or spaces between them).
bool is_hashtag_only_line(std::string_view line);

/// A tag from a list that may lack its '#' ("AI", "#SaaS", "Product Led") -> "#ProductLed";
/// empty when it holds no letter.
std::string normalize_hashtag(std::string_view raw);

/// Tags of a "Hashtags:" label value: "#AI #SaaS", "AI, SaaS" or "#AI, #SaaS".
std::vector<std::string> hashtags_from_list(std::string_view value);

}  // namespace swarm::core::parse
