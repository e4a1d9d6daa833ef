// What a reviewer rejects that no platform limit catches: internal notes, writer guidance or
// press boilerplate from the documents published word for word, the same fact said twice,
// fragments, sentences that open by pointing at text that is not there, and a hook that misses
// the brief's subject.
#include "core/knowledge/statement_roles.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/rules.hpp"
#include "core/validate/text_scan.hpp"
#include "core/validate/validator.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

namespace swarm::core::validate {
namespace {

constexpr std::size_t kLeakWords = 6;       // a statement's first words that give it away
constexpr std::size_t kMinRepeatWords = 4;  // shorter sentences are not compared
constexpr double kRepeatShare = 0.75;       // share of content words two sentences share

// Lower-case words of the text (letters and digits kept, everything else a separator).
std::vector<std::string> words_of(std::string_view text) {
    const std::string lower = text::fold_case(text);
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < lower.size(); ++i) {
        const char c = lower[i];
        // "18,000", "4.7" and "2.0" stay one token: separators between digits belong to them.
        const bool in_number = (c == '.' || c == ',') && !cur.empty() &&
                               std::isdigit(static_cast<unsigned char>(cur.back())) != 0 &&
                               i + 1 < lower.size() &&
                               std::isdigit(static_cast<unsigned char>(lower[i + 1])) != 0;
        if (std::isalnum(static_cast<unsigned char>(c)) != 0 ||
            static_cast<unsigned char>(c) >= 0x80 || c == '%' || c == '$' || in_number) {
            cur.push_back(c);
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) {
        out.push_back(std::move(cur));
    }
    return out;
}

std::string joined(const std::vector<std::string>& words, std::size_t n) {
    std::string out = " ";
    for (std::size_t i = 0; i < std::min(n, words.size()); ++i) {
        out += words[i] + " ";
    }
    return out;
}

std::string_view role_label(knowledge::StatementRole role) {
    switch (role) {
        case knowledge::StatementRole::kInternal:
            return "an internal note";
        case knowledge::StatementRole::kInstruction:
            return "an instruction to the writer";
        case knowledge::StatementRole::kBoilerplate:
            return "press-release boilerplate";
        case knowledge::StatementRole::kAnswer:
            return "an FAQ answer without its question";
        case knowledge::StatementRole::kFact:
            break;
    }
    return "a statement";
}

// The sentence without a thread counter, list marker, emoji or quote in front.
std::string_view opening(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (std::isalnum(c) != 0 && !(std::isdigit(c) != 0 && s.find('/', i) == i + 1)) {
            break;
        }
        if (std::isdigit(c) != 0) {  // "2/5 "
            const auto space = s.find(' ', i);
            i = space == std::string_view::npos ? s.size() : space + 1;
            continue;
        }
        if (c >= 0xC0 && std::isalpha(c) == 0) {
            // A multi-byte character: a letter (é, Ä) starts the sentence, an emoji does not.
            const auto cps = text::decode(s.substr(i, 4));
            if (!cps.empty() && text::is_letter_or_mark(cps.front())) {
                break;
            }
        }
        ++i;
    }
    return s.substr(i);
}

bool is_hashtag_line(std::string_view s) {
    return s.starts_with('#');
}

void check_leaks(std::span<const Field> fields, std::span<const Passage> passages,
                 std::vector<Issue>& out) {
    std::set<std::string> reported;
    for (const auto& p : passages) {
        for (const auto& st : knowledge::statements_of(p.text, p.document, p.heading)) {
            const auto words = words_of(st.text);
            if (st.role == knowledge::StatementRole::kFact || words.size() < kLeakWords) {
                continue;
            }
            const std::string key = joined(words, kLeakWords);
            for (const auto& f : fields) {
                if (joined(words_of(f.text), 100000).find(key) == std::string::npos ||
                    !reported.insert(f.location + key).second) {
                    continue;
                }
                out.push_back(make_issue(
                    "copy.internal_text", Severity::kError, f.location,
                    fmt::format("Published {} from \"{}\": \"{}\". Keep it out of the copy.",
                                role_label(st.role), p.document, st.text)));
            }
        }
    }
}

void check_repeats(std::span<const Field> fields, std::vector<Issue>& out) {
    struct Seen {
        std::set<std::string> words;
        std::string location;
    };

    // A figure ("62%", "$2.1M", "4,100") with one more shared word is the same fact told again.
    const auto distinctive = [](const std::string& w) {
        const bool numeric = std::isdigit(static_cast<unsigned char>(w[0])) != 0 || w[0] == '$';
        return numeric && is_distinctive_figure(w);
    };

    std::vector<Seen> seen;
    for (const auto& f : fields) {
        if (f.kind == FieldKind::kHashtags || f.kind == FieldKind::kTitle ||
            f.kind == FieldKind::kNotes) {
            continue;
        }
        for (const auto& s : split_sentences(f.text)) {
            if (is_hashtag_line(s)) {
                continue;
            }
            std::set<std::string> w;
            for (auto& x : words_of(opening(s))) {
                if (x.size() > 3 || std::isdigit(static_cast<unsigned char>(x[0])) != 0) {
                    w.insert(std::move(x));
                }
            }
            if (w.size() < kMinRepeatWords) {
                continue;
            }
            for (const auto& prev : seen) {
                const auto shared = static_cast<double>(
                    std::count_if(w.begin(), w.end(),
                                  [&](const std::string& x) { return prev.words.contains(x); }));
                // Measured on the later sentence: a long one that names the product of a short
                // news line adds to it; one whose words were mostly said before repeats it.
                const auto later = static_cast<double>(w.size());
                const bool same_figure =
                    shared >= 2 && std::any_of(w.begin(), w.end(), [&](const std::string& x) {
                        return distinctive(x) && prev.words.contains(x);
                    });
                if ((shared >= 3 && shared >= kRepeatShare * later) || same_figure) {
                    out.push_back(make_issue(
                        "copy.repeated_fact", Severity::kWarning, f.location,
                        fmt::format("\"{}\" repeats what {} already says.", s, prev.location)));
                    break;
                }
            }
            seen.push_back({std::move(w), f.location});
        }
    }
}

// Fragments and dangling openers where a reader starts reading: the item's first sentence, each
// paragraph of a post, the first post of a thread, and every deck bullet.
void check_openings(const ContentItem& item, std::span<const Field> fields,
                    std::vector<Issue>& out) {
    for (const auto& f : fields) {
        std::vector<std::string> starts;
        if (f.kind == FieldKind::kBullet) {
            starts.emplace_back(f.text);
        } else if (f.kind == FieldKind::kBody || (f.kind == FieldKind::kPost && f.part == 0)) {
            std::size_t at = 0;
            while (at < f.text.size()) {
                const auto end = std::min(f.text.find("\n\n", at), f.text.size());
                const auto para = split_sentences(f.text.substr(at, end - at));
                if (!para.empty() && !para.front().starts_with("- ") &&
                    !is_hashtag_line(para.front())) {
                    starts.emplace_back(para.front());
                }
                at = end + 2;
            }
        }
        for (std::size_t k = 0; k < starts.size(); ++k) {
            const std::string& s = starts[k];
            const std::string_view open = opening(s);
            if (open.empty()) {
                continue;
            }
            // A later paragraph may lean on the one before it ("This is why ..."); the opening
            // of the item and every deck bullet must stand alone.
            const bool must_stand_alone = k == 0 || f.kind == FieldKind::kBullet;
            if (must_stand_alone && knowledge::has_dangling_start(open)) {
                out.push_back(make_issue(
                    "copy.dangling_reference", Severity::kWarning, f.location,
                    fmt::format("\"{}\" opens by pointing at something the reader has not seen.",
                                s)));
            } else if (std::islower(static_cast<unsigned char>(open.front())) != 0 &&
                       item.platform != Platform::kPitchDeck) {
                out.push_back(make_issue("copy.fragment", Severity::kWarning, f.location,
                                         fmt::format("\"{}\" is not a full sentence.", s)));
            }
        }
    }
}

void check_hook(const ContentItem& item, std::span<const Field> fields, std::string_view subject,
                std::vector<Issue>& out) {
    const auto wanted = words_of(subject);
    if (wanted.empty() || item.platform == Platform::kPitchDeck || fields.empty()) {
        return;
    }
    const auto& first = fields.front();
    const std::string_view hook =
        first.text.substr(0, std::min<std::size_t>(first.text.size(), 280));
    const auto have = words_of(hook);
    const auto hits = std::count_if(wanted.begin(), wanted.end(), [&](const std::string& w) {
        return w.size() > 3 && std::any_of(have.begin(), have.end(), [&](const std::string& h) {
                   const auto n = std::min<std::size_t>(5, std::min(w.size(), h.size()));
                   return h.size() > 3 && h.compare(0, n, w, 0, n) == 0;
               });
    });
    if (hits == 0) {
        out.push_back(
            make_issue("copy.off_topic_hook", Severity::kWarning, first.location,
                       fmt::format("The opening does not mention what the brief is about (\"{}\").",
                                   subject)));
    }
}

}  // namespace

void check_copy(const ContentItem& item, std::span<const Field> fields,
                std::span<const Passage> passages, std::string_view hook_subject,
                std::vector<Issue>& out) {
    check_leaks(fields, passages, out);
    check_repeats(fields, out);
    check_openings(item, fields, out);
    check_hook(item, fields, hook_subject, out);
}

}  // namespace swarm::core::validate

namespace swarm::core {

bool is_year(std::string_view number) {
    return number.size() == 4 && (number.starts_with("19") || number.starts_with("20")) &&
           std::all_of(number.begin(), number.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

bool is_distinctive_figure(std::string_view number) {
    const auto digits = std::count_if(number.begin(), number.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    return !is_year(number) &&
           (number.find_first_of("%$") != std::string_view::npos || digits >= 3);
}

}  // namespace swarm::core
