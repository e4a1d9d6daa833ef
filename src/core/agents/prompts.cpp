#include "core/agents/prompts.hpp"

#include <charconv>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

constexpr std::string_view kVersionOpen = "<!-- prompt: ";
constexpr std::string_view kVersionClose = " -->";
constexpr std::string_view kBlockMark = "=== ";

std::string_view trim_newlines(std::string_view text) {
    while (!text.empty() && (text.front() == '\n' || text.front() == '\r')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.remove_suffix(1);
    }
    return text;
}

Result<PromptTemplate> parse_file(const EmbeddedText& file) {
    const auto eol = file.text.find('\n');
    const std::string_view first = file.text.substr(0, eol);
    const auto bad = [&] {
        return fail(ErrorCode::kInternal,
                    fmt::format("prompts/{}.md must open with \"<!-- prompt: {}@N -->\"", file.name,
                                file.name));
    };
    if (!first.starts_with(kVersionOpen) || !first.ends_with(kVersionClose)) {
        return bad();
    }
    const auto id = first.substr(kVersionOpen.size(),
                                 first.size() - kVersionOpen.size() - kVersionClose.size());
    const auto at = id.find('@');
    if (at == std::string_view::npos || id.substr(0, at) != file.name) {
        return bad();
    }
    PromptTemplate out;
    out.name = file.name;
    const auto digits = id.substr(at + 1);
    const auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), out.version);
    if (ec != std::errc{} || end != digits.data() + digits.size() || out.version <= 0) {
        return bad();
    }
    out.body = eol == std::string_view::npos ? std::string_view{} : file.text.substr(eol + 1);
    return out;
}

}  // namespace

std::string PromptTemplate::id() const {
    return fmt::format("{}@{}", name, version);
}

Result<PromptTemplate> find_prompt(std::string_view name) {
    for (const auto& file : embedded_prompt_files()) {
        if (file.name == name) {
            return parse_file(file);
        }
    }
    return fail(ErrorCode::kNotFound, fmt::format("no prompt named \"{}\" is embedded", name));
}

Result<std::string> render_prompt(std::string_view body, const PromptVars& vars) {
    std::string out;
    out.reserve(body.size() * 2);
    std::size_t at = 0;
    while (at < body.size()) {
        const auto open = body.find("{{", at);
        if (open == std::string_view::npos) {
            out.append(body.substr(at));
            break;
        }
        const auto close = body.find("}}", open + 2);
        if (close == std::string_view::npos) {
            out.append(body.substr(at));
            break;
        }
        out.append(body.substr(at, open - at));
        const auto key = body.substr(open + 2, close - open - 2);
        const auto value = vars.find(key);
        if (value == vars.end()) {
            return fail(ErrorCode::kInternal,
                        fmt::format("the prompt uses {{{{{}}}}}, which is not defined", key));
        }
        out.append(value->second);
        at = close + 2;
    }
    return std::string(trim_newlines(out));
}

Result<std::string> prompt_block(const PromptTemplate& file, std::string_view name) {
    const std::string mark = fmt::format("{}{} ===", kBlockMark, name);
    auto start = file.body.find(mark);
    while (start != std::string_view::npos && start != 0 && file.body[start - 1] != '\n') {
        start = file.body.find(mark, start + 1);
    }
    if (start == std::string_view::npos) {
        return fail(ErrorCode::kNotFound,
                    fmt::format("prompts/{}.md has no block \"{}\"", file.name, name));
    }
    const auto from = start + mark.size();
    auto end = file.body.find(std::string("\n").append(kBlockMark), from);
    end = end == std::string_view::npos ? file.body.size() : end;
    return std::string(trim_newlines(file.body.substr(from, end - from)));
}

}  // namespace swarm::core::agents
