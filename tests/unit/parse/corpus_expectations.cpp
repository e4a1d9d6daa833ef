#include "corpus_expectations.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;

// Scaffolding and reasoning that must never reach a published body, whatever the case says.
const std::vector<std::string> kForbiddenEverywhere{
    "\r",           "Let me",          "I'll ",
    "I will ",      "Here's the",      "Here is the",
    "**Content:**", "Content:",        "Hashtags:",
    "Word count",   "Character count", "Media URLs",
    "```",          "[Insert",         "{{",
    "</",           "<linkedin",       "<twitter",
    "Lorem",        "Platform:",       std::string(1, '\0')};

std::string item_label(const core::ContentItem& item) {
    return std::string(core::to_string(item.platform));
}

bool is_header_leak(const std::string& line) {
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || (line[first] != '#' && line.compare(first, 2, "**") != 0)) {
        return false;
    }
    // A short marked-up line naming a platform ("### LinkedIn Post", "**Twitter Thread:**");
    // a sub-heading that is a sentence ("## Why LinkedIn is where our buyers are") is content.
    std::string lower;
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : line) {
        const bool letter = std::isalnum(static_cast<unsigned char>(c)) != 0;
        words += (letter && !in_word) ? 1 : 0;
        in_word = letter;
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    if (words > 4) {
        return false;
    }
    for (const char* name : {"linkedin", "twitter", "pitch deck", "x thread", "x post"}) {
        if (lower.find(name) != std::string::npos) {
            return true;
        }
    }
    return false;
}

void check_text(const std::string& where, const std::string& text,
                const std::set<std::string>& allowed, std::vector<std::string>& errors) {
    if (text.empty()) {
        errors.push_back(where + ": empty text");
    }
    for (const auto& bad : kForbiddenEverywhere) {
        if (allowed.count(bad) == 0 && text.find(bad) != std::string::npos) {
            errors.push_back(where + ": contains forbidden '" + bad + "'");
        }
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        const std::string line = text.substr(start, end - start);
        if (is_header_leak(line)) {
            errors.push_back(where + ": platform header leaked: '" + line + "'");
        }
        if (line == "---" || line == "***" || line == "___") {
            errors.push_back(where + ": separator line leaked");
        }
        start = end + 1;
    }
}

// Every post of a parsed thread carries exactly one uniform "i/N " counter, whatever the model
// wrote ("Tweet 1:", "(1/5)", "1/", trailing counters, numbered lists).
void check_thread_numbering(const core::ContentItem& item, std::vector<std::string>& errors) {
    const std::size_t n = item.parts.size();
    if (item.platform != core::Platform::kTwitter || n < 2) {
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const std::string prefix = std::to_string(i + 1) + "/" + std::to_string(n) + " ";
        const std::string& body = item.parts[i].body;
        const std::string rest = body.rfind(prefix, 0) == 0 ? body.substr(prefix.size()) : "";
        const bool doubled =
            !rest.empty() &&
            (std::isdigit(static_cast<unsigned char>(rest[0])) != 0 || rest[0] == '(') &&
            rest.find('/') != std::string::npos && rest.find('/') < 4;
        if (body.rfind(prefix, 0) != 0 || doubled) {
            errors.push_back(item_label(item) + ": post " + std::to_string(i) +
                             " is not numbered '" + prefix + "' exactly once: '" + body + "'");
        }
        const std::string trailing = " " + std::to_string(i + 1) + "/" + std::to_string(n);
        if (body.size() > trailing.size() &&
            body.compare(body.size() - trailing.size(), trailing.size(), trailing) == 0) {
            errors.push_back(item_label(item) + ": post " + std::to_string(i) +
                             " keeps its trailing counter: '" + body + "'");
        }
    }
}

void check_parts(const json& want, const core::ContentItem& item,
                 std::vector<std::string>& errors) {
    const std::string who = item_label(item);
    if (want.contains("parts_count") &&
        want["parts_count"].get<std::size_t>() != item.parts.size()) {
        errors.push_back(who + ": parts_count " + std::to_string(item.parts.size()) +
                         ", expected " + want["parts_count"].dump());
    }
    check_thread_numbering(item, errors);
    if (want.contains("part_bodies_contain")) {
        const auto& lists = want["part_bodies_contain"];
        for (std::size_t i = 0; i < lists.size() && i < item.parts.size(); ++i) {
            for (const auto& s : lists[i]) {
                if (item.parts[i].body.find(s.get<std::string>()) == std::string::npos) {
                    errors.push_back(who + ": part " + std::to_string(i) + " lacks '" +
                                     s.get<std::string>() + "': '" + item.parts[i].body + "'");
                }
            }
        }
    }
    if (want.contains("slide_titles")) {
        std::vector<std::string> titles;
        for (const auto& p : item.parts) {
            titles.push_back(p.title);
        }
        if (json(titles) != want["slide_titles"]) {
            errors.push_back(who + ": slide titles " + json(titles).dump() + ", expected " +
                             want["slide_titles"].dump());
        }
    }
    if (want.contains("slide_bullet_counts")) {
        std::vector<std::size_t> counts;
        for (const auto& p : item.parts) {
            counts.push_back(p.bullets.size());
        }
        if (json(counts) != want["slide_bullet_counts"]) {
            errors.push_back(who + ": bullet counts " + json(counts).dump() + ", expected " +
                             want["slide_bullet_counts"].dump());
        }
    }
    if (want.contains("slide_notes_contain")) {
        for (const auto& [index, needle] : want["slide_notes_contain"].items()) {
            const std::size_t i = std::stoul(index);
            if (i >= item.parts.size() ||
                item.parts[i].notes.find(needle.get<std::string>()) == std::string::npos) {
                errors.push_back(who + ": notes of slide " + index + " lack " + needle.dump());
            }
        }
    }
}

void check_item(const json& want, const core::ContentItem& item,
                const std::set<std::string>& allowed, std::vector<std::string>& errors) {
    const std::string who = item_label(item);
    if (!want.contains("body_contains") || want["body_contains"].empty()) {
        errors.push_back(who + ": the case must assert at least one content fact (body_contains)");
    }
    for (const auto& s : want.value("body_contains", json::array())) {
        if (item.body.find(s.get<std::string>()) == std::string::npos) {
            errors.push_back(who + ": body lacks '" + s.get<std::string>() + "'\n--- body ---\n" +
                             item.body + "\n------------");
        }
    }
    for (const auto& s : want.value("body_not_contains", json::array())) {
        if (item.body.find(s.get<std::string>()) != std::string::npos) {
            errors.push_back(who + ": body contains '" + s.get<std::string>() + "'");
        }
    }
    check_text(who + " body", item.body, allowed, errors);
    for (std::size_t i = 0; i < item.parts.size(); ++i) {
        const auto& p = item.parts[i];
        const std::string text = p.title + "\n" + p.body + "\n" + p.notes;
        check_text(who + " part " + std::to_string(i), text, allowed, errors);
    }
    if (item.platform == core::Platform::kTwitter && item.parts.empty()) {
        errors.push_back(who + ": an X item must have at least one post in parts");
    }
    check_parts(want, item, errors);
    if (want.contains("hashtags") && json(item.hashtags) != want["hashtags"]) {
        errors.push_back(who + ": hashtags " + json(item.hashtags).dump() + ", expected " +
                         want["hashtags"].dump());
    }
}

}  // namespace

std::vector<core::Platform> expected_platforms(const std::string& expected_json) {
    std::vector<core::Platform> out;
    const json spec = json::parse(expected_json);
    for (const auto& name : spec.at("platforms")) {
        out.push_back(*core::platform_from_name(name.get<std::string>()));
    }
    return out;
}

std::vector<std::string> check_expectations(const std::string& expected_json,
                                            const core::ParseResult& result) {
    std::vector<std::string> errors;
    const json spec = json::parse(expected_json);
    const json& expect = spec.at("expect");
    std::set<std::string> allowed;
    for (const auto& a : spec.value("allow", json::array())) {
        allowed.insert(a.get<std::string>());
    }
    std::set<std::string> missing;
    for (const auto p : result.missing_platforms) {
        missing.insert(std::string(core::to_string(p)));
    }
    if (missing != expect.at("missing_platforms").get<std::set<std::string>>()) {
        errors.push_back("missing_platforms " + json(missing).dump() + ", expected " +
                         expect.at("missing_platforms").dump());
    }
    std::set<std::string> warnings;
    for (const auto& w : result.warnings) {
        warnings.insert(w.code + "@" + w.location);
    }
    if (warnings != expect.at("warnings").get<std::set<std::string>>()) {
        errors.push_back("warnings " + json(warnings).dump() + ", expected " +
                         expect.at("warnings").dump());
    }
    // Items: exactly the requested platforms minus the missing ones, in requested order.
    std::vector<std::string> want_order;
    for (const auto& p : spec.at("platforms")) {
        if (missing.count(p.get<std::string>()) == 0) {
            want_order.push_back(p.get<std::string>());
        }
    }
    std::vector<std::string> got_order;
    for (const auto& item : result.items) {
        got_order.push_back(item_label(item));
    }
    if (got_order != want_order) {
        errors.push_back("items " + json(got_order).dump() + ", expected " +
                         json(want_order).dump());
    }
    const double want_completeness = spec.at("platforms").empty()
                                         ? 0.0
                                         : static_cast<double>(want_order.size()) /
                                               static_cast<double>(spec.at("platforms").size());
    if (result.completeness != want_completeness) {
        errors.push_back("completeness " + std::to_string(result.completeness));
    }
    const auto& items = expect.at("items");
    if (items.size() != result.items.size()) {
        errors.push_back("the case lists " + std::to_string(items.size()) +
                         " items, the parser gave " + std::to_string(result.items.size()));
    }
    for (const auto& want : items) {
        const auto it =
            std::find_if(result.items.begin(), result.items.end(), [&](const auto& item) {
                return item_label(item) == want.at("platform").get<std::string>();
            });
        if (it != result.items.end()) {
            check_item(want, *it, allowed, errors);
        }
    }
    return errors;
}

}  // namespace swarm::test
