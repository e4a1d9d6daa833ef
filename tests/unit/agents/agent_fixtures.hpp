// Fixtures for the agents' tests: the sample company's knowledge base split into passages by
// heading, a tiny second company, their briefs, and the "no invented numbers" check.
#pragma once

#include "core/model/brief.hpp"
#include "core/model/content_item.hpp"
#include "core/ports/knowledge_base.hpp"
#include "support/test_paths.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace swarm::test {

/// Splits one Markdown document into passages: the text under the title, then one per "## "
/// section, headed "<title> > <section>".
inline std::vector<core::Passage> split_markdown(const std::string& document,
                                                 const std::string& text) {
    std::vector<core::Passage> out;
    std::string title = document;
    std::string heading;
    std::string body;
    const auto flush = [&] {
        if (body.find_first_not_of(" \n") != std::string::npos) {
            core::Passage p;
            p.id = document + "#" + std::to_string(out.size());
            p.document = document;
            p.heading = heading.empty() ? title : title + " > " + heading;
            p.text = body;
            out.push_back(std::move(p));
        }
        body.clear();
    };
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end;
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        if (line.rfind("# ", 0) == 0) {
            title = line.substr(2);
        } else if (line.rfind("## ", 0) == 0) {
            flush();
            heading = line.substr(3);
        } else {
            body += line + "\n";
        }
    }
    flush();
    return out;
}

/// The sample knowledge base (shared/samples/kb-fieldnote), documents in file-name order.
inline std::vector<core::Passage> sample_passages() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(shared_sample("kb-fieldnote"))) {
        if (entry.path().extension() == ".md") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<core::Passage> all;
    for (const auto& f : files) {
        auto parts = split_markdown(f.filename().string(), read_file(f));
        all.insert(all.end(), parts.begin(), parts.end());
    }
    return all;
}

/// The sample brief (shared/samples/brief-fieldnote.json), built in code.
inline core::Brief sample_brief() {
    core::Brief b;
    b.prompt =
        "Announce Fieldnote's new real-time re-planning feature for emergency calls, aimed at "
        "owners of HVAC and plumbing companies, and prepare a seed-to-Series-A investor deck.";
    b.platforms = {core::Platform::kLinkedIn, core::Platform::kTwitter, core::Platform::kPitchDeck};
    b.audience = "Owners and operations managers of field service companies with 5-200 technicians";
    b.goal = "Drive free-trial sign-ups and support the Series A fundraise";
    b.tone = "confident, practical, no hype";
    b.brand.name = "Fieldnote";
    b.brand.voice = "plain-spoken, specific, numbers over adjectives";
    b.brand.required_hashtags = {"#FieldService"};
    b.brand.banned_phrases = {"game-changer", "revolutionary", "synergy"};
    b.brand.call_to_action = "Start a 14-day free trial at fieldnote.example";
    b.kb = "kb-fieldnote";
    return b;
}

/// A second, different company with three small passages and few numbers.
inline std::vector<core::Passage> tiny_passages() {
    return {
        {"about#0", "about.md", "Breadbot \u2014 About",
         "Breadbot makes a countertop robot that kneads and shapes dough for small bakeries.\n"
         "Bakers often start at 3 a.m. to prepare dough by hand.\n",
         0.0},
        {"about#1", "about.md", "Breadbot \u2014 About > Customers",
         "- Twelve bakeries in Portland use Breadbot every morning.\n"
         "- Bakers save 2 hours a day on dough preparation.\n",
         0.0},
        {"about#2", "about.md", "Breadbot \u2014 About > Team",
         "Breadbot was founded by Ana Silva, a pastry chef, and Tom Berg, a robotics engineer.\n",
         0.0},
    };
}

inline core::Brief tiny_brief() {
    core::Brief b;
    b.prompt = "Introduce Breadbot's dough robot to bakery owners";
    b.platforms = {core::Platform::kLinkedIn, core::Platform::kTwitter, core::Platform::kPitchDeck};
    b.audience = "Owners of small bakeries";
    b.goal = "Book demos";
    b.brand.name = "Breadbot";
    b.brand.required_hashtags = {"#Baking"};
    return b;
}

/// Number tokens ("4,100", "2.1", "14") of a text.
inline std::set<std::string> number_tokens(const std::string& text) {
    static const std::regex kNumber(R"(\d+(?:[.,]\d+)*)");
    std::set<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kNumber);
         it != std::sregex_iterator(); ++it) {
        out.insert(it->str());
    }
    return out;
}

/// Every text of an item a reader sees, with thread numbering ("3/7 ") and the deck's slide
/// numbers left out (they are structure, not claims).
inline std::vector<std::string> item_texts(const core::ContentItem& item) {
    static const std::regex kPrefix(R"(^\d+/\d+ )");
    std::vector<std::string> out;
    if (item.platform == core::Platform::kLinkedIn) {
        out.push_back(item.body);
    }
    for (const auto& p : item.parts) {
        out.push_back(std::regex_replace(p.body, kPrefix, ""));
        out.push_back(p.title);
        out.push_back(p.notes);
        out.insert(out.end(), p.bullets.begin(), p.bullets.end());
    }
    return out;
}

/// Numbers in the item that appear in no passage and nowhere in the brief (should be empty).
inline std::vector<std::string> invented_numbers(const core::ContentItem& item,
                                                 const std::vector<core::Passage>& passages,
                                                 const core::Brief& brief) {
    std::string sources = brief.prompt + " " + brief.audience + " " + brief.goal + " " +
                          brief.brand.name + " " + brief.brand.call_to_action;
    for (const auto& tag : brief.brand.required_hashtags) {
        sources += " " + tag;
    }
    for (const auto& p : passages) {
        sources += " " + p.heading + " " + p.text;
    }
    const auto known = number_tokens(sources);
    std::vector<std::string> out;
    for (const auto& text : item_texts(item)) {
        for (const auto& n : number_tokens(text)) {
            if (!known.contains(n)) {
                out.push_back(n + " in \"" + text.substr(0, 80) + "\"");
            }
        }
    }
    return out;
}

}  // namespace swarm::test
