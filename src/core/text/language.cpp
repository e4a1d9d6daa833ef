#include "core/text/language.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <cstddef>
#include <unordered_map>
#include <vector>

namespace swarm::core::text {
namespace {

// Stop words frequent in each language. A word several languages share ("de", "la", "en") counts
// for each of them by its share, so it adds evidence without tipping the balance alone.
struct Profile {
    std::string_view code;
    std::string_view words;         // space-separated, case-folded
    std::vector<char32_t> letters;  // letters (lower case) this language writes often
};

const std::vector<Profile>& profiles() {
    static const std::vector<Profile> table{
        {"en",
         "the and of to is for with that this are our we you your it on by from have has which "
         "at be was their they can will more than about into in a an",
         {}},
        {"es",
         "el los las del y para con por una es nuestro nuestra nuestros sus como más pero este "
         "esta están son también sobre entre cuando hasta desde hemos muy lo al de la en que un "
         "se después años ha han",
         {U'ñ', U'¿', U'¡', U'á', U'í', U'ó', U'ú'}},
        {"de",
         "der die das und ist mit für von den dem nicht ein eine einen auf auch wir sie zu im "
         "bei sich unsere unser werden wird sind oder aus nach über hat haben in",
         {U'ß', U'ä', U'ö', U'ü'}},
        {"fr",
         "le les des et est pour avec dans une du nous vous sur au aux qui pas sont notre nos "
         "leur leurs plus ce cette ces mais où être été très de la en que un se a après ans",
         {U'ç', U'è', U'ê', U'à', U'ù', U'œ', U'â', U'î', U'ô', U'û', U'ë'}},
    };
    return table;
}

bool has_word(std::string_view list, std::string_view word) {
    std::size_t pos = 0;
    while (pos <= list.size()) {
        const auto end = std::min(list.find(' ', pos), list.size());
        if (list.substr(pos, end - pos) == word) {
            return true;
        }
        pos = end + 1;
    }
    return false;
}

constexpr int kMinHits = 3;        // fewer stop words than this: too little text to tell
constexpr double kMinLead = 1.25;  // the winner must beat the runner-up by this factor
constexpr double kLetterWeight = 0.5;

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    for (const char32_t cp : decode(fold_case(text))) {
        if (is_letter_or_mark(cp)) {
            append_utf8(word, cp);
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) {
        out.push_back(std::move(word));
    }
    return out;
}

}  // namespace

std::string normalize_language(std::string_view value) {
    const std::string v = fold_case(trim(value));
    static const std::unordered_map<std::string_view, std::string_view> kNames{
        {"english", "en"},  {"inglés", "en"},   {"anglais", "en"},     {"englisch", "en"},
        {"spanish", "es"},  {"español", "es"},  {"espanol", "es"},     {"castellano", "es"},
        {"espagnol", "es"}, {"spanisch", "es"}, {"german", "de"},      {"deutsch", "de"},
        {"alemán", "de"},   {"allemand", "de"}, {"french", "fr"},      {"français", "fr"},
        {"francais", "fr"}, {"francés", "fr"},  {"französisch", "fr"},
    };
    if (auto it = kNames.find(v); it != kNames.end()) {
        return std::string(it->second);
    }
    // "es", "es-MX", "es_ES": the primary subtag decides.
    const std::string primary = v.substr(0, v.find_first_of("-_"));
    const bool known = std::find(kLanguages.begin(), kLanguages.end(), primary) != kLanguages.end();
    return known ? primary : std::string{};
}

std::string detect_language(std::string_view text) {
    const auto& table = profiles();
    std::vector<double> score(table.size(), 0.0);
    int hits = 0;
    std::vector<std::size_t> in;
    for (const auto& word : words_of(text)) {
        in.clear();
        for (std::size_t i = 0; i < table.size(); ++i) {
            if (has_word(table[i].words, word)) {
                in.push_back(i);
            }
        }
        for (const auto i : in) {
            score[i] += 1.0 / static_cast<double>(in.size());
        }
        hits += in.empty() ? 0 : 1;
    }
    for (const char32_t cp : decode(fold_case(text))) {
        for (std::size_t i = 0; i < table.size(); ++i) {
            const auto& l = table[i].letters;
            if (std::find(l.begin(), l.end(), cp) != l.end()) {
                score[i] += kLetterWeight;
            }
        }
    }
    if (hits < kMinHits) {
        return "en";
    }
    std::vector<std::size_t> rank(table.size());
    for (std::size_t i = 0; i < rank.size(); ++i) {
        rank[i] = i;
    }
    std::sort(rank.begin(), rank.end(), [&](auto a, auto b) { return score[a] > score[b]; });
    const double best = score[rank[0]];
    const double second = score[rank[1]];
    if (best < kMinLead * second) {
        return "en";
    }
    return std::string(table[rank[0]].code);
}

std::string resolve_language(std::string_view brief_language, std::string_view sample_text) {
    if (auto own = normalize_language(brief_language); !own.empty()) {
        return own;
    }
    return detect_language(sample_text);
}

}  // namespace swarm::core::text
