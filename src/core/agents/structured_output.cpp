#include "core/agents/structured_output.hpp"

#include "core/agents/text_tools.hpp"
#include "core/agents/writer_support.hpp"
#include "core/parse/hashtags.hpp"
#include "core/parse/input_sanitizer.hpp"
#include "core/parse/json_values.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::core::agents {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxJsonCandidates = 8;

constexpr std::string_view kLinkedInSchema =
    R"({"type":"object","properties":{"body":{"type":"string"},"hashtags":{"type":"array",)"
    R"("items":{"type":"string"}}},"required":["body","hashtags"],"additionalProperties":false})";
constexpr std::string_view kTwitterSchema =
    R"({"type":"object","properties":{"posts":{"type":"array","items":{"type":"string"}}},)"
    R"("required":["posts"],"additionalProperties":false})";
constexpr std::string_view kDeckSchema =
    R"({"type":"object","properties":{"slides":{"type":"array","items":{"type":"object",)"
    R"("properties":{"title":{"type":"string"},"bullets":{"type":"array","items":{"type":)"
    R"("string"}},"notes":{"type":"string"}},"required":["title","bullets","notes"],)"
    R"("additionalProperties":false}}},"required":["slides"],"additionalProperties":false})";
constexpr std::string_view kResearchSchema =
    R"({"type":"object","properties":{"angle":{"type":"string"},"summary":{"type":"string"},)"
    R"("ranked_facts":{"type":"array","items":{"type":"string"}}},"required":["angle",)"
    R"("summary","ranked_facts"],"additionalProperties":false})";
constexpr std::string_view kCritiqueSchema =
    R"({"type":"object","properties":{"score":{"type":"number"},"issues":{"type":"array",)"
    R"("items":{"type":"string"}}},"required":["score","issues"],"additionalProperties":false})";

/// The first JSON object in the reply that `accept` takes: the whole reply, else fenced or
/// bracketed candidates inside prose.
template <class Accept>
auto first_object(std::string_view reply, Accept accept) -> decltype(accept(json{})) {
    std::vector<std::string_view> candidates{text::trim(reply)};
    const auto more = parse::json_candidates(reply, kMaxJsonCandidates);
    candidates.insert(candidates.end(), more.begin(), more.end());
    for (const auto candidate : candidates) {
        auto doc = json::parse(candidate, nullptr, false);
        if (!doc.is_discarded() && doc.is_object()) {
            if (auto value = accept(doc)) {
                return value;
            }
        }
    }
    return std::nullopt;
}

std::optional<std::vector<std::string>> strings(const json& doc, std::string_view key) {
    const auto it = doc.find(key);
    if (it == doc.end() || !it->is_array()) {
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& v : *it) {
        if (!v.is_string()) {
            return std::nullopt;
        }
        if (auto s = std::string(text::trim(parse::clean_decoded_text(v.get<std::string>())));
            !s.empty()) {
            out.push_back(std::move(s));
        }
    }
    return out;
}

std::string string_at(const json& doc, std::string_view key) {
    const auto it = doc.find(key);
    // JSON escapes ("\r", "\u0000") decode to bytes the sanitiser never saw.
    return it != doc.end() && it->is_string()
               ? std::string(text::trim(parse::clean_decoded_text(it->get<std::string>())))
               : std::string();
}

std::optional<ContentItem> linkedin_from(const json& doc) {
    if (!doc.contains("body") || !doc["body"].is_string()) {
        return std::nullopt;
    }
    ContentItem item;
    item.platform = Platform::kLinkedIn;
    item.body = string_at(doc, "body");
    for (const auto& tag : strings(doc, "hashtags").value_or(std::vector<std::string>{})) {
        if (auto t = parse::normalize_hashtag(tag); !t.empty()) {
            parse::merge_hashtags(item.hashtags, {t});
        }
    }
    parse::merge_hashtags(item.hashtags, parse::extract_hashtags(item.body));
    return item;
}

std::optional<ContentItem> twitter_from(const json& doc) {
    auto posts = strings(doc, "posts");
    if (!posts) {
        return std::nullopt;
    }
    ContentItem item;
    item.platform = Platform::kTwitter;
    std::vector<std::string> bodies;
    for (std::size_t i = 0; i < posts->size(); ++i) {
        std::string text = strip_thread_prefix((*posts)[i]);
        if (posts->size() > 1) {
            text = thread_prefix(i, posts->size()) + text;
        }
        parse::merge_hashtags(item.hashtags, parse::extract_hashtags(text));
        item.parts.push_back(Part{{}, text, {}, {}});
        bodies.push_back(std::move(text));
    }
    item.body = join(bodies, "\n\n");
    return item;
}

std::optional<ContentItem> deck_from(const json& doc) {
    const auto it = doc.find("slides");
    if (it == doc.end() || !it->is_array()) {
        return std::nullopt;
    }
    ContentItem item;
    item.platform = Platform::kPitchDeck;
    for (const auto& slide : *it) {
        if (!slide.is_object()) {
            return std::nullopt;
        }
        Part part;
        part.title = string_at(slide, "title");
        part.bullets = strings(slide, "bullets").value_or(std::vector<std::string>{});
        part.notes = string_at(slide, "notes");
        item.parts.push_back(std::move(part));
    }
    item.body = render_deck_markdown(item.parts);
    return item;
}

std::optional<std::size_t> fact_index(std::string_view id, std::size_t count) {
    id = text::trim(id);
    if (!id.empty() && (id.front() == 'F' || id.front() == 'f')) {
        id.remove_prefix(1);
    }
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
    if (ec != std::errc{} || end != id.data() + id.size() || n == 0 || n > count) {
        return std::nullopt;
    }
    return n - 1;
}

}  // namespace

LlmStructuredOutput writer_schema(Platform platform) {
    switch (platform) {
        case Platform::kLinkedIn:
            return {"linkedin_post", std::string(kLinkedInSchema)};
        case Platform::kTwitter:
            return {"twitter_posts", std::string(kTwitterSchema)};
        case Platform::kPitchDeck:
            return {"pitch_deck", std::string(kDeckSchema)};
    }
    return {};
}

LlmStructuredOutput research_schema() {
    return {"research_notes", std::string(kResearchSchema)};
}

LlmStructuredOutput critique_schema() {
    return {"critique", std::string(kCritiqueSchema)};
}

Result<ContentItem> decode_item(Platform platform, std::string_view reply) {
    auto item = first_object(reply, [platform](const json& doc) -> std::optional<ContentItem> {
        switch (platform) {
            case Platform::kLinkedIn:
                return linkedin_from(doc);
            case Platform::kTwitter:
                return twitter_from(doc);
            case Platform::kPitchDeck:
                return deck_from(doc);
        }
        return std::nullopt;
    });
    if (!item) {
        return fail(
            ErrorCode::kInvalidArgument,
            fmt::format("the reply holds no JSON object of the {} schema", to_string(platform)));
    }
    return std::move(*item);
}

Result<Critique> decode_critique(std::string_view reply) {
    auto critique = first_object(reply, [](const json& doc) -> std::optional<Critique> {
        const auto score = doc.find("score");
        if (score == doc.end() || !score->is_number()) {
            return std::nullopt;
        }
        return Critique{std::clamp(score->get<double>(), 0.0, 1.0),
                        strings(doc, "issues").value_or(std::vector<std::string>{})};
    });
    if (!critique) {
        return fail(ErrorCode::kInvalidArgument, "the critique holds no {score, issues} JSON");
    }
    return std::move(*critique);
}

Result<ResearchNotes> decode_research(std::string_view reply, std::size_t fact_count) {
    auto notes = first_object(reply, [fact_count](const json& doc) -> std::optional<ResearchNotes> {
        auto ranked = strings(doc, "ranked_facts");
        if (!ranked) {
            return std::nullopt;
        }
        ResearchNotes out{string_at(doc, "angle"), string_at(doc, "summary"), {}};
        for (const auto& id : *ranked) {
            const auto index = fact_index(id, fact_count);
            if (index && std::find(out.ranked_facts.begin(), out.ranked_facts.end(), *index) ==
                             out.ranked_facts.end()) {
                out.ranked_facts.push_back(*index);
            }
        }
        return out;
    });
    if (!notes) {
        return fail(ErrorCode::kInvalidArgument, "the research reply holds no ranked_facts JSON");
    }
    return std::move(*notes);
}

std::string item_text(const ContentItem& item) {
    if (item.parts.empty()) {
        return item.body;
    }
    std::vector<std::string> blocks;
    for (std::size_t i = 0; i < item.parts.size(); ++i) {
        const Part& p = item.parts[i];
        if (spec(item.platform).shape != OutputShape::kDeck) {
            blocks.push_back(p.body);
            continue;
        }
        std::string slide = fmt::format("Slide {}: {}", i + 1, p.title);
        for (const auto& b : p.bullets) {
            slide += "\n- " + b;
        }
        if (!p.notes.empty()) {
            slide += "\nNotes: " + p.notes;
        }
        blocks.push_back(std::move(slide));
    }
    return join(blocks, "\n\n");
}

}  // namespace swarm::core::agents
