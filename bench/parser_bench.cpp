// Google Benchmark of the multi-platform parser on a realistic ~18 kB model output (LinkedIn
// post, 6-post X thread, 12-slide deck with notes, narration and scaffolding), as Markdown and
// as JSON. Reports bytes/s.
#include "core/parse/section_parser.hpp"

#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

namespace {

using swarm::core::Platform;

const std::vector<Platform> kAll{Platform::kLinkedIn, Platform::kTwitter, Platform::kPitchDeck};

const std::vector<std::string> kSlideTitles{
    "Title",    "Problem",     "Solution", "Product",    "Market",       "Business Model",
    "Traction", "Competition", "Team",     "Financials", "Use of Funds", "Ask"};

std::string linkedin_post() {
    return "Your dispatcher rebuilds the schedule 15 times before lunch. What if it rebuilt "
           "itself?\n\nField service teams lose hours every day to manual re-planning. Every "
           "emergency call, every cancellation, every job that runs long means someone at a "
           "whiteboard moving names around while technicians wait in their vans.\n\nToday "
           "Fieldnote is launching real-time re-planning:\n→ Emergency calls slotted to the "
           "best-qualified technician in seconds\n→ Every affected route updated automatically, "
           "using skills, parts on the truck, traffic and customer windows\n→ Customers texted "
           "their new arrival window, so nobody calls to ask\n\nOur pilot customers measured "
           "eight weeks of routes: 24% less drive time, 62% fewer \"where is my tech\" calls, and "
           "9% more jobs per technician per week. Same trucks. Same people. A schedule that keeps "
           "up with the day.\n\nIf you run an HVAC, plumbing or electrical team of 5 to 200 "
           "technicians, try it on your own schedule. Start a 14-day free trial at "
           "fieldnote.example.\n\n#FieldService #HVAC #Plumbing #Dispatch";
}

std::vector<std::string> thread_posts() {
    return {
        "Your dispatcher rebuilds the schedule 15 times before lunch. We built something "
        "that rebuilds itself. 🧵",
        "Every emergency call sets off a chain: who is closest, who has the parts, whose "
        "afternoon has to move? Dispatchers answer it by hand, dozens of times a day.",
        "Fieldnote answers all three in seconds and updates every affected route "
        "automatically, with skills, parts, traffic and time windows in the plan.",
        "Customers get a text with their new arrival window. No more \"where is my tech\" "
        "calls clogging the phone line at 8am.",
        "Pilot teams over 8 weeks: 24% less drive time, 62% fewer status calls, 9% more "
        "jobs per technician per week.",
        "Built for HVAC and plumbing teams of 5 to 200. 14-day free trial at "
        "fieldnote.example #FieldService"};
}

std::vector<std::string> slide_bullets(std::size_t i) {
    return {
        "Dispatchers spend 3-4 hours a day re-planning by hand (slide " + std::to_string(i) + ")",
        "Technicians drive 38% more miles than an optimized route needs",
        "1 in 5 appointment windows is missed, driving refunds and bad reviews",
        "340 paying companies, 4,100 technicians, $2.1M ARR growing 14% a month",
        "Net revenue retention of 131%, gross margin 81%, CAC payback under 9 months"};
}

std::string slide_notes(std::size_t i) {
    return "Walk through the numbers slowly for slide " + std::to_string(i) +
           ". Every figure comes from the Fieldnote knowledge base: the pilot survey, the "
           "eight-week route study and the Q3 2026 revenue report. If an investor asks about "
           "methodology, the route study compared planned and driven miles for 40 customers; "
           "the survey covered 40 dispatchers. Pause for questions before moving on, and "
           "connect this slide to the use of funds at the end of the deck. Keep the delivery "
           "plain-spoken and specific: numbers over adjectives, no superlatives, and name the "
           "customer segment (HVAC, plumbing, electrical, appliance repair) whenever a figure "
           "depends on it. If time is short, skip the second bullet and come back to it in Q&A. "
           "Close by repeating the one number you want them to remember from this slide.";
}

std::string markdown_output() {
    std::string t =
        "Sure! Based on the research from the Fieldnote knowledge base, here's the complete "
        "content package for LinkedIn, X and the investor deck.\n\n---\n\n## 💼️ LinkedIn Post "
        "(Final)\n\n" +
        linkedin_post() + "\n\n**Word count:** 212 ✓\n\n---\n\n## 🐦 X Thread (6 posts)\n\n";
    const auto posts = thread_posts();
    for (std::size_t i = 0; i < posts.size(); ++i) {
        t += "**Tweet " + std::to_string(i + 1) + "/6:** " + posts[i] + " (" +
             std::to_string(posts[i].size()) + " chars)\n\n";
    }
    t += "---\n\n## 📊 Pitch Deck (12 slides)\n\n";
    for (std::size_t i = 0; i < kSlideTitles.size(); ++i) {
        t += "### Slide " + std::to_string(i + 1) + ": " + kSlideTitles[i] + "\n";
        for (const auto& b : slide_bullets(i + 1)) {
            t += "- " + b + "\n";
        }
        t += "**Visual:** a route map of one technician's day before and after re-planning, "
             "with the emergency job highlighted in orange\n";
        t += "**Speaker notes:** " + slide_notes(i + 1) + "\n\n";
    }
    t += "## Posting Schedule\n- LinkedIn: Tuesday 9:00 AM ET\n- X: Tuesday 12:00 PM ET\n\n"
         "✅ LinkedIn: 212 words, hook under 210 characters\n✅ X: every post under 280 "
         "characters\n\nLet me know if you'd like me to adjust the tone or the deck!\n";
    return t;
}

std::string json_output() {
    nlohmann::json doc;
    doc["linkedin"] = {{"content", linkedin_post()}, {"hashtags", {"#FieldService", "#HVAC"}}};
    doc["twitter"] = {{"thread", thread_posts()}};
    auto slides = nlohmann::json::array();
    for (std::size_t i = 0; i < kSlideTitles.size(); ++i) {
        slides.push_back({{"title", kSlideTitles[i]},
                          {"bullets", slide_bullets(i + 1)},
                          {"speaker_notes", slide_notes(i + 1)}});
    }
    doc["pitch_deck"] = {{"slides", slides}};
    return "```json\n" + doc.dump(2) + "\n```\n";
}

void run(benchmark::State& state, const std::string& text) {
    const swarm::core::ParseOptions options{kAll};
    const auto check = swarm::core::parse_model_output(text, options);
    if (check.items.size() != 3 || check.items[1].parts.size() != 6 ||
        check.items[2].parts.size() != 12) {
        state.SkipWithError(
            "the benchmark input no longer parses into 3 items / 6 posts / 12 slides");
        return;
    }
    for (auto _ : state) {
        auto result = swarm::core::parse_model_output(text, options);
        benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(text.size()));
    state.counters["input_bytes"] = static_cast<double>(text.size());
}

void BM_ParseMarkdown18k(benchmark::State& state) {
    run(state, markdown_output());
}

void BM_ParseJson(benchmark::State& state) {
    run(state, json_output());
}

}  // namespace

BENCHMARK(BM_ParseMarkdown18k)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ParseJson)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
