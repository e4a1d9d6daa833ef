// The versioned prompt files of prompts/ (embedded into swarm_core at build time by
// cmake/SwarmEmbed.cmake) and the {{placeholder}} renderer every model-backed agent uses.
#pragma once

#include "core/result.hpp"

#include <map>
#include <span>
#include <string>
#include <string_view>

namespace swarm::core::agents {

/// One embedded file: its name without extension ("writer_linkedin") and its whole text.
struct EmbeddedText {
    std::string_view name;
    std::string_view text;
};

/// Every file of prompts/ in file-name order (generated source).
std::span<const EmbeddedText> embedded_prompt_files();

/// A prompt file whose first line is `<!-- prompt: NAME@VERSION -->`; body is the rest.
struct PromptTemplate {
    std::string_view name;
    int version = 0;
    std::string_view body;

    std::string id() const;  // "writer_linkedin@1", recorded with every raw output
};

/// The named prompt; kNotFound when no such file is embedded, kInternal when its version line
/// is missing or names another file.
Result<PromptTemplate> find_prompt(std::string_view name);

using PromptVars = std::map<std::string, std::string, std::less<>>;

/// Replaces every {{name}} by its value (values are inserted verbatim, never re-scanned).
/// kInternal when the template uses a name `vars` does not define, so a prompt never reaches a
/// model with an unfilled slot.
Result<std::string> render_prompt(std::string_view body, const PromptVars& vars);

/// The block after the line "=== name ===" of a sectioned prompt file, up to the next such line.
Result<std::string> prompt_block(const PromptTemplate& file, std::string_view name);

}  // namespace swarm::core::agents
