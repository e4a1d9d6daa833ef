#include "layout_generator.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using core::Platform;

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& options) {
    return options[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(rng)];
}

bool chance(std::mt19937& rng, double p) {
    return std::bernoulli_distribution(p)(rng);
}

std::size_t between(std::mt19937& rng, std::size_t lo, std::size_t hi) {
    return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
}

// A sentence that reads like copy, never like narration, carrying a unique token.
std::string sentence(std::mt19937& rng, int& counter) {
    static const std::vector<std::string> kSubjects{"Dispatchers",         "Our technicians",
                                                    "Every plumbing team", "Small HVAC shops",
                                                    "Field crews",         "Owners in Ohio"};
    static const std::vector<std::string> kVerbs{"save", "gain", "win back", "recover", "protect"};
    static const std::vector<std::string> kObjects{"hours each week", "calmer mornings",
                                                   "time between calls", "fewer missed windows",
                                                   "one more job a day"};
    ++counter;
    return pick(rng, kSubjects) + " " + pick(rng, kVerbs) + " " + pick(rng, kObjects) +
           " on route zeta" + std::to_string(counter) + ".";
}

struct Name {
    std::string text;
    bool generic;  // needs markup to be a header
};

Name platform_name(std::mt19937& rng, Platform p, bool thread) {
    if (p == Platform::kLinkedIn) {
        return {
            pick(rng, std::vector<std::string>{"LinkedIn", "LINKEDIN", "linkedin",
                                               "LinkedIn Content", "Linked In", "LinkedIn Post"}),
            false};
    }
    if (p == Platform::kTwitter) {
        if (thread) {
            return pick(rng, std::vector<Name>{{"X Thread", false},
                                               {"Twitter Thread", false},
                                               {"Thread", true},
                                               {"Twitter/X Thread", false},
                                               {"𝕏 Thread", false}});
        }
        return pick(rng, std::vector<Name>{{"X", true},
                                           {"𝕏", true},
                                           {"Twitter/X", false},
                                           {"X/Twitter", false},
                                           {"Twitter", false},
                                           {"Tweet", true},
                                           {"Twitter Post", false}});
    }
    return pick(rng, std::vector<Name>{{"Pitch Deck", false},
                                       {"Investor Deck", false},
                                       {"Deck", true},
                                       {"pitch_deck", false},
                                       {"PITCH DECK", false}});
}

std::string emoji(Platform p) {
    return p == Platform::kLinkedIn ? "💼" : p == Platform::kTwitter ? "🐦" : "📊";
}

// Every header style of the issue; `index` numbers headers of the numbered style.
std::string header_line(std::mt19937& rng, Platform p, const Name& name, std::size_t index) {
    std::vector<int> styles{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    if (!name.generic) {
        styles.push_back(13);  // a plain "LinkedIn Post:" line needs a specific name
    }
    const std::string n = name.text;
    switch (pick(rng, styles)) {
        case 0:
            return "# " + n;
        case 1:
            return "## " + n;
        case 2:
            return "### " + n;
        case 3:
            return "#### " + n;
        case 4:
            return "### " + emoji(p) + " " + n;
        case 5:
            return "### " + emoji(p) + "\xEF\xB8\x8F " + n;  // emoji + VS16
        case 6:
            return "**" + n + ":**";
        case 7:
            return "**" + n + "**";
        case 8:
            return "### " + std::to_string(index) + ". " + n;
        case 9:
            return "### " + n + " (Final)";
        case 10:
            return "### " + n + " (150-300 words)";
        case 11:
            return "Platform: " + n;
        case 12:
            return "   ### " + n;
        default:
            return n + ":";
    }
}

std::string linkedin_body(std::mt19937& rng, GeneratedSection& s, int& counter) {
    std::string body;
    const std::size_t paragraphs = between(rng, 1, 4);
    for (std::size_t i = 0; i < paragraphs; ++i) {
        s.sentences.push_back(sentence(rng, counter));
        body += (i ? "\n\n" : "") + s.sentences.back();
    }
    if (chance(rng, 0.5)) {
        body += "\n\n#FieldService #HVAC";
    }
    return body;
}

std::string thread_body(std::mt19937& rng, GeneratedSection& s, int& counter, int style) {
    std::string body;
    const std::size_t n = s.posts;
    for (std::size_t i = 1; i <= n; ++i) {
        s.sentences.push_back(sentence(rng, counter));
        const std::string num = std::to_string(i);
        const std::string total = std::to_string(n);
        std::string marker;
        switch (style) {
            case 0:
                marker = num + "/" + total + " ";
                break;
            case 1:
                marker = num + "/ ";
                break;
            case 2:
                marker = "(" + num + "/" + total + ") ";
                break;
            case 3:
                marker = "Tweet " + num + ": ";
                break;
            case 4:
                marker = "Post " + num + ": ";
                break;
            case 5:
                marker = "**Tweet " + num + "**\n";
                break;
            case 6:
                marker = num + ". ";
                break;
            default:
                marker = "";
                break;  // 7: blank-line separated (the header says Thread)
        }
        const std::string closing = style == 8 ? " " + num + "/" + total : "";  // "... 2/5"
        body += (i > 1 ? (style == 6 ? "\n" : "\n\n") : "") + marker + s.sentences.back() + closing;
    }
    return body;
}

std::string deck_body(std::mt19937& rng, GeneratedSection& s, int& counter) {
    static const std::vector<std::string> kTitles{
        "Problem", "Solution",       "Market",      "Traction",   "Team",
        "Ask",     "Business Model", "Competition", "Financials", "Product"};
    const int style = static_cast<int>(between(rng, 0, 4));
    const std::string bullet = pick(rng, std::vector<std::string>{"- ", "* ", "• "});
    std::string body;
    const std::size_t slides = between(rng, 1, 5);
    for (std::size_t i = 1; i <= slides; ++i) {
        const std::string title =
            kTitles[(i - 1 + static_cast<std::size_t>(counter)) % kTitles.size()];
        s.slide_titles.push_back(title);
        const std::string num = std::to_string(i);
        switch (style) {
            case 0:
                body += "Slide " + num + ": " + title;
                break;
            case 1:
                body += "## Slide " + num + " - " + title;
                break;
            case 2:
                body += "### " + title;
                break;
            case 3:
                body += "**Slide " + num + ": " + title + "**";
                break;
            default:
                body += num + ". " + title;
                break;
        }
        const std::size_t bullets = between(rng, 1, 3);
        for (std::size_t b = 0; b < bullets; ++b) {
            s.sentences.push_back(sentence(rng, counter));
            body += "\n" + std::string(style == 4 ? "   " : "") + bullet + s.sentences.back();
        }
        if (chance(rng, 0.3)) {
            body += "\nSpeaker notes: Pause for questions.";
        }
        body += "\n\n";
    }
    return body;
}

std::string render_markdown(std::mt19937& rng, std::vector<GeneratedSection>& sections,
                            int& counter) {
    std::string text;
    if (chance(rng, 0.4)) {
        text +=
            pick(rng, std::vector<std::string>{"I'll create the content for each platform now.",
                                               "Sure! Here is the content:",
                                               "Let me write the posts based on the research."}) +
            "\n\n";
    }
    for (std::size_t i = 0; i < sections.size(); ++i) {
        auto& s = sections[i];
        const int thread_style = static_cast<int>(between(rng, 0, 8));
        s.posts =
            s.platform == Platform::kTwitter ? (chance(rng, 0.3) ? 1 : between(rng, 2, 6)) : 0;
        // A numbered list (6) or bare paragraphs (7) are a thread only when the header says so.
        const bool says_thread =
            s.posts > 1 && (thread_style == 6 || thread_style == 7 || chance(rng, 0.5));
        const Name name = platform_name(rng, s.platform, says_thread);
        s.header = header_line(rng, s.platform, name, i + 1);
        std::string body;
        if (s.platform == Platform::kLinkedIn) {
            body = linkedin_body(rng, s, counter);
        } else if (s.platform == Platform::kTwitter) {
            body = thread_body(rng, s, counter, s.posts == 1 ? 3 : thread_style);
        } else {
            body = deck_body(rng, s, counter);
        }
        text += s.header + "\n" + (chance(rng, 0.5) ? "\n" : "") + body + "\n\n";
        if (chance(rng, 0.3)) {
            text += pick(rng, std::vector<std::string>{"---", "***", "___"}) + "\n\n";
        }
    }
    if (chance(rng, 0.4)) {
        text += "Let me know if you'd like any changes!\n";
    }
    return text;
}

std::string tag_name(Platform p, std::mt19937& rng) {
    if (p == Platform::kLinkedIn) {
        return "linkedin";
    }
    if (p == Platform::kTwitter) {
        return pick(rng, std::vector<std::string>{"twitter", "x"});
    }
    return pick(rng, std::vector<std::string>{"pitch_deck", "deck"});
}

std::string render_tags(std::mt19937& rng, std::vector<GeneratedSection>& sections, int& counter) {
    std::string text;
    for (auto& s : sections) {
        s.posts = s.platform == Platform::kTwitter ? between(rng, 1, 4) : 0;
        std::string body = s.platform == Platform::kLinkedIn ? linkedin_body(rng, s, counter)
                           : s.platform == Platform::kTwitter
                               ? thread_body(rng, s, counter, s.posts == 1 ? 3 : 0)
                               : deck_body(rng, s, counter);
        const std::string tag = tag_name(s.platform, rng);
        text += "<" + tag + ">\n" + body + "\n</" + tag + ">\n\n";
    }
    return text;
}

std::string render_json(std::mt19937& rng, std::vector<GeneratedSection>& sections, int& counter) {
    nlohmann::json doc = nlohmann::json::object();
    for (auto& s : sections) {
        if (s.platform == Platform::kLinkedIn) {
            doc["linkedin"] = linkedin_body(rng, s, counter);
        } else if (s.platform == Platform::kTwitter) {
            s.posts = between(rng, 1, 4);
            auto posts = nlohmann::json::array();
            for (std::size_t i = 0; i < s.posts; ++i) {
                s.sentences.push_back(sentence(rng, counter));
                posts.push_back(s.sentences.back());
            }
            doc["twitter"] = posts;
        } else {
            auto slides = nlohmann::json::array();
            const std::size_t n = between(rng, 1, 4);
            for (std::size_t i = 0; i < n; ++i) {
                s.slide_titles.push_back("Slide title " + std::to_string(++counter));
                s.sentences.push_back(sentence(rng, counter));
                slides.push_back(
                    {{"title", s.slide_titles.back()}, {"bullets", {s.sentences.back()}}});
            }
            doc["pitch_deck"] = {{"slides", slides}};
        }
    }
    const std::string body = doc.dump(chance(rng, 0.5) ? 2 : -1);
    return chance(rng, 0.5) ? "Here is the JSON:\n```json\n" + body + "\n```\n" : body;
}

}  // namespace

GeneratedLayout generate_layout(std::mt19937& rng, std::vector<Platform> platforms) {
    std::shuffle(platforms.begin(), platforms.end(), rng);
    GeneratedLayout layout;
    for (const Platform p : platforms) {
        layout.sections.push_back(GeneratedSection{p, "", {}, {}, 0});
    }
    int counter = static_cast<int>(between(rng, 0, 1000)) * 100;
    const auto format = between(rng, 0, 9);
    if (format < 7) {
        layout.text = render_markdown(rng, layout.sections, counter);
        layout.description = "markdown";
    } else if (format < 9) {
        layout.text = render_tags(rng, layout.sections, counter);
        layout.description = "tags";
    } else {
        layout.text = render_json(rng, layout.sections, counter);
        layout.description = "json";
    }
    if (chance(rng, 0.2)) {
        std::string crlf;
        for (const char c : layout.text) {
            crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        }
        layout.text = crlf;
        layout.description += " crlf";
    }
    return layout;
}

}  // namespace swarm::test
