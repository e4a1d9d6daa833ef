// Markdown inline markup removal: the full-text index and heading paths hold plain words, while
// passages keep the Markdown as written.
#pragma once

#include <string>
#include <string_view>

namespace swarm::core::knowledge {

/// Emphasis and code markers (* _ ~~ `) removed, links and images reduced to their text
/// ("[Docs](http://x)" -> "Docs"), autolinks unwrapped, backslash escapes resolved. Intra-word
/// underscores (snake_case) are kept.
std::string strip_inline_markup(std::string_view markdown);

}  // namespace swarm::core::knowledge
