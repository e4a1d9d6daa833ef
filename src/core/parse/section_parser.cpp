// The multi-platform parser's entry point: sanitise, pick the best reading (JSON, tags or
// Markdown headers), build one item per requested platform, resolve duplicates, report the rest.
#include "core/parse/section_parser.hpp"

#include "core/parse/input_sanitizer.hpp"
#include "core/parse/line_utils.hpp"
#include "core/parse/narration.hpp"
#include "core/parse/raw_section.hpp"
#include "core/parse/section_builder.hpp"
#include "core/parse/section_resolver.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <map>

namespace swarm::core {
namespace {

using parse::RawSection;
using parse::SectionScan;

constexpr std::size_t kPreambleWords = 20;

Issue warning(std::string code, std::string message, std::string location,
              Severity severity = Severity::kWarning) {
    return Issue{std::move(code), severity, std::move(message), std::move(location)};
}

bool requested(const std::vector<Platform>& list, Platform p) {
    return std::find(list.begin(), list.end(), p) != list.end();
}

// How well a reading serves the request: requested platforms found, then sections found.
std::pair<std::size_t, std::size_t> score(const SectionScan& scan,
                                          const std::vector<Platform>& wanted) {
    std::vector<Platform> found;
    for (const auto& s : scan.sections) {
        const bool has_text = !parse::is_blank(s.body) || !s.parts.empty();
        if (has_text && requested(wanted, s.platform) && !requested(found, s.platform)) {
            found.push_back(s.platform);
        }
    }
    return {found.size(), scan.sections.size()};
}

SectionScan choose_reading(std::string_view text, const std::vector<Platform>& wanted,
                           bool& markdown) {
    SectionScan best = parse::json_sections(text);
    auto best_score = score(best, wanted);
    markdown = false;
    SectionScan tags = parse::tag_sections(text);
    if (score(tags, wanted) > best_score) {
        best_score = score(tags, wanted);
        best = std::move(tags);
    }
    SectionScan md = parse::markdown_sections(text);
    if (score(md, wanted) > best_score) {
        best = std::move(md);
        markdown = true;
    }
    return best;
}

void note_preamble(const std::string& preamble, std::vector<Issue>& warnings) {
    auto lines = parse::split_lines(preamble);
    parse::remove_narration(lines);
    const std::string rest = parse::join_paragraphs(lines);
    const std::string simple = parse::simplify(rest, rest.size());
    if (parse::words_of(simple).size() >= kPreambleWords) {
        warnings.push_back(warning("parse.preamble_ignored",
                                   "text before the first platform header was not assigned to "
                                   "any platform",
                                   "input", Severity::kInfo));
    }
}

// Removes a leading "1/5 ", "(1/5) ", "1/ " or "1/n " counter that survived (JSON values and
// merged continuation threads keep the model's own numbering).
std::string strip_counter(const std::string& body) {
    std::size_t p = body[0] == '(' ? 1 : 0;
    const std::size_t digits = p;
    while (p < body.size() && p - digits < 3 && body[p] >= '0' && body[p] <= '9') {
        ++p;
    }
    if (p == digits || p >= body.size() || body[p] != '/') {
        return body;
    }
    ++p;
    while (p < body.size() && ((body[p] >= '0' && body[p] <= '9') || body[p] == 'n')) {
        ++p;
    }
    if (digits == 1) {
        if (p >= body.size() || body[p] != ')') {
            return body;
        }
        ++p;
    }
    if (p >= body.size() || body[p] != ' ') {
        return body;
    }
    return std::string(text::trim(std::string_view(body).substr(p)));
}

// A part is the exact text to publish: every post of a thread carries a uniform "i/N " counter,
// whatever numbering style (or none) the model used, which the splitter removed.
void number_thread(ContentItem& item) {
    if (item.platform != Platform::kTwitter || item.parts.size() < 2) {
        return;
    }
    const std::size_t n = item.parts.size();
    for (std::size_t i = 0; i < n; ++i) {
        item.parts[i].body = std::to_string(i + 1) + "/" + std::to_string(n) + " " +
                             strip_counter(item.parts[i].body);
    }
    item.body = parse::join_posts(item.parts);
}

ParseResult finish(const std::vector<Platform>& wanted, std::map<Platform, ContentItem> items,
                   std::vector<Issue> warnings) {
    ParseResult result;
    for (const Platform p : wanted) {
        auto it = items.find(p);
        if (it != items.end()) {
            number_thread(it->second);
            result.items.push_back(std::move(it->second));
        } else {
            result.missing_platforms.push_back(p);
        }
    }
    result.completeness = wanted.empty() ? 0.0
                                         : static_cast<double>(result.items.size()) /
                                               static_cast<double>(wanted.size());
    result.warnings = std::move(warnings);
    return result;
}

std::vector<Platform> unique_platforms(const std::vector<Platform>& list) {
    std::vector<Platform> out;
    for (const Platform p : list) {
        if (!requested(out, p)) {
            out.push_back(p);
        }
    }
    return out;
}

ParseResult parse_impl(std::string_view input, const ParseOptions& options) {
    const std::vector<Platform> wanted = unique_platforms(options.requested);
    std::vector<Issue> warnings;
    if (wanted.empty()) {
        warnings.push_back(
            warning("parse.nothing_requested", "no platform was requested", "input"));
        return finish(wanted, {}, std::move(warnings));
    }
    const parse::Sanitized clean = parse::sanitize(input);
    if (clean.invalid_utf8) {
        warnings.push_back(
            warning("parse.invalid_utf8", "invalid UTF-8 bytes were replaced by U+FFFD", "input"));
    }
    if (clean.control_bytes) {
        warnings.push_back(
            warning("parse.control_bytes", "NUL or other control bytes were removed", "input"));
    }
    if (parse::is_blank(clean.text)) {
        warnings.push_back(warning("parse.empty_input", "the model output is empty", "input"));
        return finish(wanted, {}, std::move(warnings));
    }
    bool markdown = false;
    SectionScan scan = choose_reading(clean.text, wanted, markdown);
    if (scan.sections.empty()) {
        if (wanted.size() > 1) {
            warnings.push_back(
                warning("parse.no_sections",
                        "no platform sections found; with several platforms requested nothing is "
                        "assigned to a default platform",
                        "input"));
            return finish(wanted, {}, std::move(warnings));
        }
        RawSection whole;
        if (scan.anonymous) {
            whole = std::move(*scan.anonymous);
        } else {
            whole.source = parse::SectionSource::kWholeText;
            whole.body = clean.text;
        }
        whole.platform = wanted.front();
        scan.sections.push_back(std::move(whole));
    } else if (markdown && !scan.preamble.empty()) {
        note_preamble(scan.preamble, warnings);
    }
    auto items = parse::resolve_sections(scan.sections, wanted, warnings);
    return finish(wanted, std::move(items), std::move(warnings));
}

}  // namespace

ParseResult parse_model_output(std::string_view text, const ParseOptions& options) {
    try {
        return parse_impl(text, options);
    } catch (...) {
        // Last resort (allocation failure): report everything missing rather than throw.
        ParseResult result;
        for (const Platform p : options.requested) {
            if (!requested(result.missing_platforms, p)) {
                result.missing_platforms.push_back(p);
            }
        }
        result.warnings.push_back(Issue{"parse.internal_error", Severity::kError,
                                        "the parser could not process this output", "input"});
        return result;
    }
}

}  // namespace swarm::core
