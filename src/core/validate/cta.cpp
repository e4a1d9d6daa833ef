#include "core/validate/cta.hpp"

#include "core/text/utf8.hpp"
#include "core/validate/text_scan.hpp"
#include "core/validate/x_counter.hpp"

#include <algorithm>
#include <array>

namespace swarm::core::validate {
namespace {

constexpr std::array<std::u32string_view, 16> kStopWords{
    U"the", U"and",   U"for",  U"our",  U"your", U"you", U"with", U"from",
    U"now", U"today", U"this", U"that", U"are",  U"get", U"can",  U"will"};

// Imperatives that open a call to action, folded, matched at the start of a sentence.
constexpr std::array<std::u32string_view, 32> kCtaOpeners{
    U"sign up",    U"start",     U"try",        U"book",       U"request",     U"schedule a",
    U"learn more", U"visit",     U"register",   U"download",   U"get started", U"join",
    U"dm me",      U"dm us",     U"message me", U"message us", U"contact",     U"click",
    U"subscribe",  U"apply",     U"shop",       U"buy",        U"grab",        U"claim",
    U"see how",    U"read more", U"check out",  U"follow",     U"comment",     U"reply",
    U"reach out",  U"get your"};

bool is_stop_word(std::u32string_view w) {
    return std::find(kStopWords.begin(), kStopWords.end(), w) != kStopWords.end();
}

std::vector<std::u32string> content_words(std::u32string_view folded) {
    std::vector<std::u32string> words;
    std::u32string word;
    const auto flush = [&] {
        if (word.size() >= 3 && !is_stop_word(word)) {
            words.push_back(word);
        }
        word.clear();
    };
    for (const char32_t cp : folded) {
        if (is_word_char(cp) || cp == U'-') {
            word.push_back(cp);
        } else {
            flush();
        }
    }
    flush();
    return words;
}

bool sentence_has_words(std::string_view sentence, const std::vector<std::u32string>& words) {
    const auto folded = fold_for_match(sentence);
    std::size_t found = 0;
    for (const auto& w : words) {
        found += find_phrase(folded, w).empty() ? 0U : 1U;
    }
    return found * 5 >= words.size() * 4;
}

}  // namespace

std::vector<std::u32string> url_hosts(std::string_view text) {
    std::vector<std::u32string> hosts;
    const auto folded = fold_for_match(text).text;
    for (const auto& span : find_urls(folded)) {
        std::u32string_view url(folded.data() + span.begin, span.end - span.begin);
        if (const auto scheme = url.find(U"://"); scheme != std::u32string_view::npos) {
            url.remove_prefix(scheme + 3);
        }
        url = url.substr(0, url.find_first_of(U"/:?#"));
        if (url.substr(0, 4) == U"www.") {
            url.remove_prefix(4);
        }
        hosts.emplace_back(url);
    }
    return hosts;
}

CtaMatcher make_cta_matcher(std::string_view call_to_action) {
    CtaMatcher cta;
    cta.phrase = fold_key(call_to_action);
    while (!cta.phrase.empty() &&
           std::u32string_view(U".!?,;: ").find(cta.phrase.back()) != std::u32string_view::npos) {
        cta.phrase.pop_back();
    }
    cta.hosts = url_hosts(call_to_action);
    // The link is matched as a link; its labels ("fieldnote", "example") are not CTA words.
    std::vector<std::u32string> link_words;
    for (const auto& host : cta.hosts) {
        for (auto& w : content_words(host)) {
            link_words.push_back(std::move(w));
        }
    }
    for (auto& w : content_words(cta.phrase)) {
        if (std::find(link_words.begin(), link_words.end(), w) == link_words.end()) {
            cta.words.push_back(std::move(w));
        }
    }
    return cta;
}

bool mentions_cta(const CtaMatcher& cta, std::string_view text) {
    if (cta.phrase.empty()) {
        return false;
    }
    if (!find_phrase(fold_for_match(text), cta.phrase).empty()) {
        return true;
    }
    for (const auto& host : url_hosts(text)) {
        if (std::find(cta.hosts.begin(), cta.hosts.end(), host) != cta.hosts.end()) {
            return true;
        }
    }
    if (cta.words.size() < 3) {
        return false;
    }
    const auto sentences = split_sentences(text);
    return std::any_of(sentences.begin(), sentences.end(),
                       [&](std::string_view s) { return sentence_has_words(s, cta.words); });
}

bool looks_like_cta(std::string_view sentence) {
    if (!url_hosts(sentence).empty()) {
        return true;
    }
    auto folded = fold_for_match(sentence).text;
    // Skip a leading arrow, emoji or bullet so "👉 Book a demo" still opens with the verb.
    const auto first =
        std::find_if(folded.begin(), folded.end(), [](char32_t cp) { return is_word_char(cp); });
    const std::u32string_view rest(folded.data() + (first - folded.begin()),
                                   static_cast<std::size_t>(folded.end() - first));
    return std::any_of(kCtaOpeners.begin(), kCtaOpeners.end(), [&](std::u32string_view verb) {
        return rest.substr(0, verb.size()) == verb &&
               (rest.size() == verb.size() || !is_word_char(rest[verb.size()]));
    });
}

}  // namespace swarm::core::validate
