// The designer's pure parts: palette, headline, key figure, card and slide specs, alt text and the
// image prompt. No rendering and no storage here (designer.cpp).
#include "core/agents/designer.hpp"
#include "core/agents/text_tools.hpp"
#include "core/model/platform.hpp"
#include "core/text/phrasebook.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/deck_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

using text::Phrase;

constexpr std::size_t kHeadlineChars = 140;

std::optional<Rgb> parse_hex(const std::string& hex) {
    if (hex.size() != 7 || hex[0] != '#') {
        return std::nullopt;
    }
    const auto byte = [&](std::size_t at) {
        return static_cast<std::uint8_t>(std::stoi(hex.substr(at, 2), nullptr, 16));
    };
    try {
        return Rgb{byte(1), byte(3), byte(5)};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::string hex_of(Rgb c) {
    return fmt::format("#{:02x}{:02x}{:02x}", c.r, c.g, c.b);
}

double channel(std::uint8_t v) {
    const double c = v / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(Rgb c) {
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

constexpr Rgb kWhite{0xFF, 0xFF, 0xFF};
constexpr Rgb kInk{0x11, 0x18, 0x27};

Rgb most_readable(Rgb background) {
    return contrast_ratio(kWhite, background) >= contrast_ratio(kInk, background) ? kWhite : kInk;
}

void keep_readable(Rgb& colour, Rgb background, double minimum, const char* name,
                   std::vector<std::string>* notes) {
    const double ratio = contrast_ratio(colour, background);
    if (ratio >= minimum) {
        return;
    }
    const Rgb replacement = most_readable(background);
    if (notes != nullptr) {
        notes->push_back(fmt::format(
            "designer: brand.colors.{} {} has too little contrast on {} ({:.1f}:1, needs "
            "{:.1f}:1); using {}",
            name, hex_of(colour), hex_of(background), ratio, minimum, hex_of(replacement)));
    }
    colour = replacement;
}

bool is_thread_number(std::string_view word) {
    // "1/5", "(1/5)", "1/"
    std::string_view w = word;
    if (!w.empty() && w.front() == '(') {
        w.remove_prefix(1);
    }
    if (!w.empty() && w.back() == ')') {
        w.remove_suffix(1);
    }
    const auto slash = w.find('/');
    return slash != std::string_view::npos && slash > 0 &&
           std::all_of(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(slash),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }) &&
           std::all_of(w.begin() + static_cast<std::ptrdiff_t>(slash) + 1, w.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

/// The post's text without hashtags, links and thread numbering, whitespace collapsed.
std::string plain_post_text(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) {
            ++i;
        }
        const auto end = std::min(text.find_first_of(" \t\r\n", i), text.size());
        const std::string_view word = text.substr(i, end - i);
        i = end;
        if (word.empty() || word.front() == '#' || word.starts_with("http://") ||
            word.starts_with("https://") || is_thread_number(word)) {
            continue;
        }
        if (!out.empty()) {
            out += ' ';
        }
        out += word;
    }
    return out;
}

std::string first_paragraph_of_post(const ContentItem& item) {
    const std::string& text = !item.parts.empty() && !item.parts.front().body.empty()
                                  ? item.parts.front().body
                                  : item.body;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\n\n", start);
        if (end == std::string::npos) {
            end = text.size();
        }
        auto paragraph = plain_post_text(std::string_view(text).substr(start, end - start));
        if (!paragraph.empty()) {
            return paragraph;
        }
        start = end + 2;
    }
    return {};
}

std::string shorten_words(const std::string& text, std::size_t max_chars) {
    if (char_length(text) <= max_chars) {
        return text;
    }
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = std::min(text.find(' ', at), text.size());
        std::string next = out;
        if (!next.empty()) {
            next += ' ';
        }
        next.append(text, at, end - at);
        if (char_length(next) + 1 > max_chars) {
            break;
        }
        out = next;
        at = end + 1;
    }
    while (!out.empty() && (std::ispunct(static_cast<unsigned char>(out.back())) != 0)) {
        out.pop_back();
    }
    return out.empty() ? text.substr(0, max_chars) : out + "\u2026";
}

/// A figure worth a card: money, a percentage, a multiple, a scaled or grouped number.
bool strong_number(std::string_view token) {
    if (token.find('/') != std::string_view::npos) {
        return false;
    }
    const bool marked = token.find_first_of("%$\u20ac\u00a3xX,") != std::string_view::npos ||
                        token.find_first_of("KkMmBb") != std::string_view::npos ||
                        token.find("\u20ac") != std::string_view::npos;
    if (marked) {
        return true;
    }
    const bool year = token.size() == 4 && (token.starts_with("19") || token.starts_with("20"));
    return !year && token.size() >= 3;
}

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto end = std::min(text.find(' ', i), text.size());
        if (end > i) {
            words.emplace_back(text.substr(i, end - i));
        }
        i = end + 1;
    }
    return words;
}

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), text::ascii_lower(word)) != list.end();
}

bool ends_clause(const std::string& word) {
    return !word.empty() && (word.back() == ',' || word.back() == '.' || word.back() == ';' ||
                             word.back() == ':' || word.back() == '!' || word.back() == '?');
}

std::string strip_punct(std::string word) {
    while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.back())) != 0 &&
           word.back() != '%') {
        word.pop_back();
    }
    return word;
}

/// Up to six words describing the figure: those after it, or before it when the words after are
/// a time or place ("in 6 months") or absent.
std::string figure_label(const std::string& sentence, const std::string& figure) {
    const auto words = words_of(sentence);
    std::size_t at = words.size();
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].find(figure) != std::string::npos) {
            at = i;
            break;
        }
    }
    if (at == words.size()) {
        return {};
    }
    std::vector<std::string> after;
    if (!ends_clause(words[at])) {
        for (std::size_t i = at + 1; i < words.size() && after.size() < 6; ++i) {
            if (!extract_numbers(words[i]).empty()) {
                break;
            }
            after.push_back(strip_punct(words[i]));
            if (ends_clause(words[i])) {
                break;
            }
        }
    }
    const bool weak_after =
        after.empty() ||
        is_one_of(after.front(), {"in", "on", "at", "over", "for", "from", "since", "per", "across",
                                  "within", "during", "after", "and", "to", "than", "a", "the"});
    // The label must not stop mid-phrase ("of an approved invoice within"): joining words at
    // its end go, in the four languages the product writes.
    while (!after.empty() &&
           is_one_of(after.back(),
                     {"in",     "on",     "at",     "over",  "for",  "from", "since", "per",
                      "across", "within", "during", "after", "and",  "or",   "to",    "than",
                      "a",      "an",     "the",    "of",    "by",   "with", "de",    "del",
                      "la",     "el",     "en",     "y",     "con",  "para", "por",   "und",
                      "mit",    "für",    "von",    "der",   "die",  "das",  "im",    "et",
                      "le",     "les",    "des",    "du",    "pour", "avec", "dans"})) {
        after.pop_back();
    }
    if (!weak_after && !after.empty()) {
        return join(after, " ");
    }
    std::vector<std::string> before;
    for (std::size_t i = at; i-- > 0 && before.size() < 6;) {
        if (ends_clause(words[i]) || !extract_numbers(words[i]).empty()) {
            break;
        }
        before.insert(before.begin(), strip_punct(words[i]));
    }
    while (!before.empty() &&
           is_one_of(before.back(), {"by", "to", "of", "at", "is", "was", "are", "were", "a", "an",
                                     "the", "about", "nearly", "almost", "over", "than"})) {
        before.pop_back();
    }
    return join(before, " ");
}

std::string all_item_text(const ContentItem& item) {
    std::string text = item.body;
    for (const auto& part : item.parts) {
        text += "\n\n" + part.title + "\n" + part.body;
        for (const auto& bullet : part.bullets) {
            text += "\n" + bullet;
        }
    }
    return text;
}

bool mentions_any(const std::string& lower_text, std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view w) { return lower_text.find(w) != std::string::npos; });
}

std::string_view platform_label(Platform platform, std::string_view lang) {
    switch (platform) {
        case Platform::kLinkedIn:
            return text::phrase(lang, Phrase::kPlatformLinkedIn);
        case Platform::kTwitter:
            return text::phrase(lang, Phrase::kPlatformX);
        case Platform::kPitchDeck:
            return text::phrase(lang, Phrase::kPlatformDeck);
    }
    return text::phrase(lang, Phrase::kPlatformPost);
}

}  // namespace

double contrast_ratio(Rgb a, Rgb b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Palette palette_for(const BrandColors& colors, std::vector<std::string>* notes) {
    Palette palette;
    const auto apply = [](const std::string& hex, Rgb& into) {
        if (auto rgb = parse_hex(hex)) {
            into = *rgb;
        }
    };
    apply(colors.background, palette.background);
    apply(colors.text, palette.text);
    apply(colors.accent, palette.accent);
    apply(colors.muted, palette.muted);
    keep_readable(palette.text, palette.background, 4.5, "text", notes);
    keep_readable(palette.accent, palette.background, 3.0, "accent", notes);
    keep_readable(palette.muted, palette.background, 3.0, "muted", notes);
    return palette;
}

std::string card_headline(const ContentItem& item) {
    const auto paragraph = first_paragraph_of_post(item);
    const auto sentences = split_sentences(paragraph);
    if (sentences.empty()) {
        return shorten_words(paragraph, kHeadlineChars);
    }
    std::string headline = sentences.front();
    if (char_length(headline) < 24 && sentences.size() > 1 &&
        char_length(headline) + 1 + char_length(sentences[1]) <= kHeadlineChars) {
        headline += " " + sentences[1];
    }
    if (char_length(headline) <= kHeadlineChars) {
        return headline;
    }
    if (auto clause = shorten_at_clause(headline, kHeadlineChars, char_length)) {
        return *clause;
    }
    return shorten_words(headline, kHeadlineChars);
}

std::optional<KeyFigure> key_figure(const ContentItem& item, const FactSheet* sheet) {
    const auto text = all_item_text(item);
    const auto grounded = [&](const std::string& token) {
        if (sheet == nullptr) {
            return false;
        }
        return std::any_of(sheet->facts.begin(), sheet->facts.end(), [&](const Fact& fact) {
            return std::find(fact.numbers.begin(), fact.numbers.end(), token) != fact.numbers.end();
        });
    };
    std::optional<std::string> best;
    int best_rank = 0;
    for (const auto& token : extract_numbers(text)) {
        const bool strong = strong_number(token);
        const int rank = (strong ? 2 : 0) + (grounded(token) ? 1 : 0);
        if (strong && rank > best_rank) {
            best = token;
            best_rank = rank;
        }
    }
    if (!best) {
        return std::nullopt;
    }
    for (const auto& paragraph : {item.body, item.parts.empty() ? std::string{} : text}) {
        for (const auto& sentence : split_sentences(plain_post_text(paragraph))) {
            if (sentence.find(*best) != std::string::npos) {
                return KeyFigure{*best, figure_label(sentence, *best)};
            }
        }
    }
    return KeyFigure{*best, {}};
}

CardSpec card_spec(const ContentItem& item, const FactSheet* sheet, const BrandRules& brand,
                   const Palette& palette) {
    CardSpec spec;
    spec.platform = item.platform;
    const auto& platform = core::spec(item.platform);
    spec.width = platform.image_width;
    spec.height = platform.image_height;
    spec.headline = card_headline(item);
    if (auto figure = key_figure(item, sheet)) {
        spec.figure = figure->figure;
        spec.figure_label = figure->label;
    }
    spec.brand_name = !brand.name.empty() ? brand.name
                      : sheet != nullptr  ? sheet->company_name
                                          : std::string{};
    spec.palette = palette;
    return spec;
}

SlideSpec slide_spec(const Part& slide, std::size_t index, std::size_t count,
                     std::string_view brand_name, std::string_view lang) {
    SlideSpec spec;
    spec.title = text::trim(slide.title);
    spec.bullets = slide.bullets;
    spec.notes = slide.notes;
    if (index == 0) {
        spec.kind = SlideKind::kTitle;
        return spec;
    }
    // The title's investor topic in any of the supported languages ("Team", "Equipo", "Équipe").
    const auto topic = validate::classify_slide_title(spec.title);
    const int rank = topic && topic->kind == validate::SlideTopic::Kind::kRanked ? topic->rank : -1;
    // Only people are drawn as people: one other line and the slide is a bullet list.
    const bool all_people =
        !slide.bullets.empty() &&
        std::all_of(slide.bullets.begin(), slide.bullets.end(),
                    [](const std::string& b) { return validate::looks_like_person(b); });
    if (rank == kTeamRank && all_people) {
        spec.kind = SlideKind::kTeam;
        return spec;
    }
    if (rank == kCompetitionRank) {
        for (const auto& bullet : slide.bullets) {
            std::string l = " ";
            l += text::ascii_lower(bullet);
            l += ' ';
            const bool ours =
                mentions_any(l, {" we ", " our ", " us ", " us.", " we'", " nosotros ", " nuestro",
                                 " nuestra", " wir ", " unser", " nous ", " notre ", " nos "}) ||
                (!brand_name.empty() && l.find(text::ascii_lower(brand_name)) != std::string::npos);
            (ours ? spec.left : spec.right).push_back(bullet);
        }
        if (!spec.left.empty() && !spec.right.empty()) {
            spec.kind = SlideKind::kTwoColumns;
            spec.left_heading = brand_name.empty()
                                    ? std::string(text::phrase(lang, Phrase::kColumnUs))
                                    : std::string(brand_name);
            spec.right_heading = std::string(text::phrase(lang, Phrase::kColumnAlternatives));
            spec.bullets.clear();
            return spec;
        }
        spec.left.clear();
        spec.right.clear();
    }
    const bool figure_slide = rank == kMarketRank || rank == kTractionRank || rank == kAskRank;
    if (figure_slide && !slide.bullets.empty() && slide.bullets.size() <= 3 && index + 1 <= count) {
        for (const auto& token : extract_numbers(slide.bullets.front())) {
            if (strong_number(token)) {
                spec.kind = SlideKind::kBigNumber;
                spec.figure = token;
                spec.figure_label = slide.bullets.front();
                spec.bullets.erase(spec.bullets.begin());
                return spec;
            }
        }
    }
    spec.kind = SlideKind::kBullets;
    return spec;
}

DeckSpec deck_spec(const ContentItem& item, const BrandRules& brand, const Palette& palette,
                   std::string_view lang) {
    DeckSpec deck;
    deck.language = std::string(lang);
    deck.brand_name = brand.name;
    deck.palette = palette;
    const auto& platform = core::spec(Platform::kPitchDeck);
    deck.width = platform.image_width;
    deck.height = platform.image_height;
    for (std::size_t i = 0; i < item.parts.size(); ++i) {
        deck.slides.push_back(slide_spec(item.parts[i], i, item.parts.size(), brand.name, lang));
    }
    deck.title = !item.parts.empty() && !item.parts.front().title.empty()
                     ? std::string(text::trim(item.parts.front().title))
                     : text::phrase_format(lang, Phrase::kPitchDeckTitle, brand.name);
    return deck;
}

std::string card_alt_text(const CardSpec& spec, std::string_view lang) {
    std::string alt = text::phrase_format(lang, Phrase::kAltSocialCard,
                                          {platform_label(spec.platform, lang), spec.headline});
    if (!spec.figure.empty()) {
        const std::string figure =
            spec.figure_label.empty() ? spec.figure : spec.figure + " " + spec.figure_label;
        alt += text::phrase_format(lang, Phrase::kAltKeyFigure, figure);
    }
    if (!spec.brand_name.empty()) {
        alt += text::phrase_format(lang, Phrase::kAltBrand, spec.brand_name);
    }
    return alt;
}

namespace {

/// "a; b; c" without the items' own closing periods.
std::string join_phrases(const std::vector<std::string>& items) {
    std::vector<std::string> trimmed;
    for (const auto& item : items) {
        auto t = text::trim(item);
        while (!t.empty() && (t.back() == '.' || t.back() == ';')) {
            t.remove_suffix(1);
        }
        trimmed.emplace_back(t);
    }
    return join(trimmed, "; ");
}

}  // namespace

std::string slide_alt_text(const SlideSpec& spec, std::size_t index, std::size_t count,
                           std::string_view lang) {
    std::string alt = text::phrase_format(
        lang, Phrase::kAltSlide, {std::to_string(index + 1), std::to_string(count), spec.title});
    if (spec.kind == SlideKind::kBigNumber) {
        alt += fmt::format(": {} \u2014 {}", spec.figure, spec.figure_label);
        if (!spec.bullets.empty()) {
            alt += "; " + join_phrases(spec.bullets);
        }
    }
    if (spec.kind == SlideKind::kTwoColumns) {
        alt += text::phrase_format(lang, Phrase::kAltComparedWith,
                                   {spec.left_heading, join_phrases(spec.left), spec.right_heading,
                                    join_phrases(spec.right)});
    } else if (!spec.bullets.empty() && spec.kind != SlideKind::kBigNumber) {
        alt += ": " + join_phrases(spec.bullets);
    }
    if (alt.back() != '.') {
        alt += '.';
    }
    return alt;
}

std::string image_prompt(const CardSpec& spec, const BrandRules& brand) {
    // Emoji and pictographs (4-byte UTF-8, U+2600..U+27BF, the variation selector U+FE0F) say
    // nothing to an image model; keep the words.
    std::string subject;
    const std::string& h = spec.headline;
    for (std::size_t i = 0; i < h.size();) {
        const auto lead = static_cast<unsigned char>(h[i]);
        const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        const auto next = [&](std::size_t k) {
            return i + k < h.size() ? static_cast<unsigned char>(h[i + k]) : 0;
        };
        const bool symbol = len == 4 || (lead == 0xE2 && next(1) >= 0x98 && next(1) <= 0x9E) ||
                            (lead == 0xEF && next(1) == 0xB8 && next(2) == 0x8F);
        if (!symbol) {
            subject += h.substr(i, len);
        }
        i += len;
    }
    return fmt::format(
        "An editorial photograph for a {} post{} about: {}. Modern, professional, natural light, "
        "calm composition with empty space for a headline. No text, no letters, no numbers, no "
        "logos, no watermarks.",
        platform_label(spec.platform, "en"), brand.name.empty() ? "" : " by " + brand.name,
        text::trim(subject));
}

}  // namespace swarm::core::agents
