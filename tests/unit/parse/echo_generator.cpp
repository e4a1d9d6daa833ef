#include "echo_generator.hpp"

namespace swarm::test {
namespace {

const std::vector<std::string> kWords{
    "hook",   "about",    "the",    "pain",     "point",  "benefit", "customer", "result",
    "story",  "moment",   "lesson", "question", "teaser", "value",   "promise",  "proof",
    "growth", "feature",  "metric", "founder",  "vision", "problem", "solution", "closing",
    "línea",  "résultat", "Kunden", "成果",     "ask",    "why",     "team",     "impact"};

struct Brackets {
    std::string open;
    std::string close;
};

const std::vector<Brackets> kBrackets{{"[", "]"},   {"<", ">"}, {"{", "}"},
                                      {"{{", "}}"}, {"⟨", "⟩"}, {"【", "】"}};

const std::vector<std::string> kFiller{"",    " ",    " - ",   " | ",  " + ", " → ", " 🚀 ",
                                       " / ", "... ", " and ", " or ", " — ", " 👉 ", " ✨"};

std::size_t index(std::mt19937& rng, std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

bool coin(std::mt19937& rng, double p) {
    return std::bernoulli_distribution(p)(rng);
}

}  // namespace

const std::string& pick(std::mt19937& rng, const std::vector<std::string>& from) {
    return from[index(rng, from.size())];
}

std::string random_slot(std::mt19937& rng) {
    const auto& b = kBrackets[index(rng, kBrackets.size())];
    const int n = std::uniform_int_distribution<int>(1, 5)(rng);
    const bool capitalise = coin(rng, 0.5);
    std::string inner;
    for (int i = 0; i < n; ++i) {
        std::string w = pick(rng, kWords);
        if (i == 0 && capitalise && w[0] >= 'a' && w[0] <= 'z') {
            w[0] = static_cast<char>(w[0] - 'a' + 'A');
        }
        // One lower-case token in angle brackets reads as a tag; slots there use snake_case.
        inner += (i == 0 ? "" : (b.open == "<" ? "_" : " ")) + w;
    }
    if (b.open == "<" && n == 1) {
        inner += "_here";
    }
    return b.open + inner + b.close;
}

std::string random_slot_line(std::mt19937& rng) {
    const int slots = std::uniform_int_distribution<int>(1, 3)(rng);
    std::string line = coin(rng, 0.2) ? "- " : "";
    if (coin(rng, 0.25)) {
        line += pick(rng, {"Hook: ", "**CTA:** ", "Tweet 1/3: ", "Slide 2: ", "👉 ", "1/ "});
    }
    for (int i = 0; i < slots; ++i) {
        line += random_slot(rng);
        line += pick(rng, kFiller);
    }
    return line;
}

std::string random_instruction_line(std::mt19937& rng) {
    static const std::vector<std::string> kOpeners{"Write a LinkedIn post that uses",
                                                   "Do not use",
                                                   "Don't add",
                                                   "Never include",
                                                   "Avoid",
                                                   "Keep",
                                                   "Make sure to use",
                                                   "Remember to include",
                                                   "Use",
                                                   "Always end with",
                                                   "Ensure",
                                                   "Start with",
                                                   "Limit",
                                                   "Please keep",
                                                   "Be sure to use",
                                                   "Include",
                                                   "Stick to",
                                                   "Create a Twitter thread with",
                                                   "Lead with",
                                                   "Aim for",
                                                   "Only use",
                                                   "No more than 3"};
    static const std::vector<std::string> kObjects{"hashtags",
                                                   "emojis",
                                                   "the hook",
                                                   "280 characters",
                                                   "a clear CTA",
                                                   "150 words",
                                                   "a professional tone",
                                                   "bullet points",
                                                   "the target audience",
                                                   "short sentences",
                                                   "placeholders in brackets",
                                                   "the brand voice",
                                                   "markdown formatting",
                                                   "a strong headline"};
    static const std::vector<std::string> kWhole{"Rules:",
                                                 "Requirements:",
                                                 "Format:",
                                                 "WRONG:",
                                                 "RIGHT:",
                                                 "❌ Bad:",
                                                 "✅ Good:",
                                                 "Example:",
                                                 "Output format",
                                                 "Use the following structure:",
                                                 "You are a B2B copywriter.",
                                                 "You're an expert LinkedIn ghostwriter.",
                                                 "The post should open with a question.",
                                                 "Each tweet must stay under 280 characters.",
                                                 "It should be under 1,300 characters.",
                                                 "Follow this format:",
                                                 "Tone: confident, warm",
                                                 "DON'T: start with a question",
                                                 "Target audience: CFOs at mid-market firms",
                                                 "Your task is to write a thread."};
    std::string line;
    if (coin(rng, 0.3)) {
        line = pick(rng, kWhole);
    } else {
        line = pick(rng, kOpeners) + " " + pick(rng, kObjects) +
               pick(rng, {"", ".", "!", " in every post.", " at all times."});
    }
    return pick(rng, {"", "", "- ", "* ", "1. ", "> ", "**"}) + line;
}

std::string random_narration_line(std::mt19937& rng) {
    static const std::vector<std::string> kLead{"Now",  "Next,",    "Now,",
                                                "Then", "Finally,", "Alright, now"};
    static const std::vector<std::string> kOpen{"let me", "I'll", "I will", "I'm going to",
                                                "let's"};
    static const std::vector<std::string> kVerb{
        "write",        "create",    "draft", "move on to",  "turn to",  "do",     "tackle",
        "put together", "switch to", "craft", "think about", "focus on", "get to", "work on"};
    static const std::vector<std::string> kPiece{
        "the X thread",    "the Twitter thread", "the LinkedIn post", "the pitch deck",
        "the deck slides", "the next post",      "the thread",        "the final version"};
    static const std::vector<std::string> kWhole{"I hope this helps!",
                                                 "Let me know if you'd like any adjustments.",
                                                 "Here is the X thread:",
                                                 "Here's the LinkedIn post:",
                                                 "I've kept each tweet under 280 characters.",
                                                 "This post is 212 words long.",
                                                 "Let me know if you want me to change the tone."};
    if (coin(rng, 0.3)) {
        return pick(rng, kWhole);
    }
    return pick(rng, kLead) + " " + pick(rng, kOpen) + " " + pick(rng, kVerb) + " " +
           pick(rng, kPiece) + pick(rng, {".", ":", "...", ""});
}

std::string random_copy_sentence(std::mt19937& rng) {
    static const std::vector<std::string> kSubject{"Fieldnote", "Our pilot teams", "Dispatchers",
                                                   "Every HVAC owner", "Ledgerly customers"};
    static const std::vector<std::string> kPredicate{
        "drove 24% less in the first month", "cut status calls by 62%",
        "re-plan the whole day in seconds", "closed the books two days faster",
        "know the feeling when the phone rings at 7:45"};
    return pick(rng, kSubject) + " " + pick(rng, kPredicate) + ".";
}

std::string random_bracketed_copy(std::mt19937& rng) {
    static const std::vector<std::string> kForms{
        "Read the pilot report [here](https://fieldnote.example/report).",
        "Pilot teams drove 24% less [1].",
        "[Update] Fieldnote is live in Berlin.",
        "ARR (annual recurring revenue) doubled in a year.",
        "CAC < $50 and LTV > $500 per seat.",
        "Details: <https://fieldnote.example>",
        "[Video] How we cut onboarding from 14 days to 2.",
        "See the [full case study][1] for the numbers.",
        "Results were good (better than we hoped) and the team grew."};
    return pick(rng, kForms);
}

}  // namespace swarm::test
