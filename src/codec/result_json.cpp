#include "codec/result_json.hpp"

#include "codec/brief_json.hpp"
#include "codec/time_text.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/validator.hpp"

#include <nlohmann/json.hpp>

namespace swarm::codec {
namespace {

using nlohmann::json;

json platform_list(const std::vector<core::Platform>& platforms) {
    json out = json::array();
    for (const auto p : platforms) {
        out.push_back(core::to_string(p));
    }
    return out;
}

std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char32_t cp : core::text::decode(text)) {
        const bool space = core::text::is_space(cp);
        if (!space && !in_word) {
            ++words;
        }
        in_word = !space;
    }
    return words;
}

json metrics(const core::ContentItem& item) {
    json m{{"characters", core::text::length(item.body)}, {"words", count_words(item.body)}};
    if (item.platform == core::Platform::kTwitter) {
        json posts = json::array();
        for (const auto& p : item.parts) {
            posts.push_back(core::x_weighted_length(p.body));
        }
        if (item.parts.empty()) {
            posts.push_back(core::x_weighted_length(item.body));
        }
        m["weighted_lengths"] = posts;
    }
    if (item.platform == core::Platform::kPitchDeck) {
        m["slides"] = item.parts.size();
    }
    return m;
}

}  // namespace

json encode_issue(const core::Issue& issue) {
    return json{{"code", issue.code},
                {"severity", core::to_string(issue.severity)},
                {"message", issue.message},
                {"location", issue.location}};
}

json encode_part(core::Platform platform, const core::Part& part) {
    if (core::spec(platform).shape == core::OutputShape::kDeck) {
        return json{{"title", part.title}, {"bullets", part.bullets}, {"notes", part.notes}};
    }
    json out{{"body", part.body}};
    if (platform == core::Platform::kTwitter) {
        out["weighted_length"] = core::x_weighted_length(part.body);
    }
    return out;
}

json encode_item(const core::ContentItem& item) {
    json parts = json::array();
    for (const auto& p : item.parts) {
        parts.push_back(encode_part(item.platform, p));
    }
    json media = json::array();
    for (const auto& m : item.media) {
        media.push_back({{"url", m.url},
                         {"kind", m.kind},
                         {"width", m.width},
                         {"height", m.height},
                         {"alt", m.alt}});
    }
    json issues = json::array();
    for (const auto& i : item.quality.issues) {
        issues.push_back(encode_issue(i));
    }
    json sources = json::array();
    for (const auto& s : item.sources) {
        sources.push_back(
            {{"document", s.document}, {"heading", s.heading}, {"chunk_id", s.chunk_id}});
    }
    json schedule = nullptr;
    if (item.schedule) {
        schedule = {{"at", utc_text(item.schedule->at_utc)},
                    {"suggested_at", item.schedule->suggested_at},
                    {"timezone", item.schedule->timezone},
                    {"reason", item.schedule->reason}};
    }
    json review = nullptr;
    if (item.review) {
        review = {{"status", item.review->status},
                  {"by", item.review->by},
                  {"comment", item.review->comment},
                  {"at", item.review->at}};
    }
    return json{
        {"id", item.id},         {"platform", core::to_string(item.platform)},
        {"status", item.status}, {"body", item.body},
        {"parts", parts},        {"hashtags", item.hashtags},
        {"media", media},        {"quality", {{"score", item.quality.score}, {"issues", issues}}},
        {"schedule", schedule},  {"sources", sources},
        {"review", review},      {"metrics", metrics(item)}};
}

json encode_result(const core::Job& job) {
    json items = json::array();
    for (const auto& item : job.items) {
        items.push_back(encode_item(item));
    }
    return json{{"job_id", job.id},
                {"status", core::to_string(job.status)},
                {"requested_platforms", platform_list(job.brief.platforms)},
                {"items", items},
                {"missing_platforms", platform_list(job.missing_platforms)},
                {"notes", job.notes},
                {"usage", encode_usage(job.usage)},
                {"brand",
                 {{"name", job.brief.brand.name},
                  {"colors", encode_brand_colors(job.brief.brand.colors)}}}};
}

json encode_usage(const core::JobUsage& usage) {
    return json{{"model_calls", usage.model_calls},
                {"input_tokens", usage.input_tokens},
                {"output_tokens", usage.output_tokens},
                {"cost_usd", usage.cost_usd}};
}

json encode_parse_result(const core::ParseResult& result) {
    json items = json::array();
    for (const auto& item : result.items) {
        json parts = json::array();
        for (const auto& p : item.parts) {
            parts.push_back(encode_part(item.platform, p));
        }
        items.push_back({{"platform", core::to_string(item.platform)},
                         {"body", item.body},
                         {"parts", parts},
                         {"hashtags", item.hashtags}});
    }
    json warnings = json::array();
    for (const auto& w : result.warnings) {
        warnings.push_back(encode_issue(w));
    }
    return json{{"items", items},
                {"missing_platforms", platform_list(result.missing_platforms)},
                {"completeness", result.completeness},
                {"warnings", warnings}};
}

json encode_validation(const core::ContentItem& item) {
    json issues = json::array();
    bool valid = true;
    for (const auto& i : item.quality.issues) {
        issues.push_back(encode_issue(i));
        valid = valid && i.severity != core::Severity::kError;
    }
    return json{{"platform", core::to_string(item.platform)},
                {"valid", valid},
                {"score", item.quality.score},
                {"issues", issues},
                {"metrics", metrics(item)}};
}

json encode_error(const core::Error& error) {
    return json{{"error",
                 {{"code", core::to_string(error.code)},
                  {"message", error.message},
                  {"field", error.field.empty() ? json(nullptr) : json(error.field)}}}};
}

}  // namespace swarm::codec
