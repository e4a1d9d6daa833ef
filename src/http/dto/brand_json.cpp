#include "http/dto/brand_json.hpp"

#include "codec/brief_json.hpp"
#include "core/agents/designer.hpp"
#include "http/dto/body_json.hpp"

namespace swarm::http::dto {

using nlohmann::json;

core::Result<core::BrandRules> decode_brand_body(std::string_view body) {
    SWARM_TRY_ASSIGN(auto doc, parse_json_object(body));
    auto brand = codec::decode_brand(doc);
    if (!brand) {
        return brand;
    }
    if (brand->name.find_first_not_of(" \t\r\n") == std::string::npos) {
        return core::fail(core::ErrorCode::kInvalidArgument, "is required and must not be blank",
                          "name");
    }
    return brand;
}

std::string encode_brand_for_store(const core::BrandRules& brand) {
    return json{{"name", brand.name},
                {"voice", brand.voice},
                {"required_hashtags", brand.required_hashtags},
                {"banned_phrases", brand.banned_phrases},
                {"call_to_action", brand.call_to_action},
                {"colors", codec::encode_brand_colors(brand.colors)}}
        .dump();
}

json encode_brand_record(const core::BrandProfileRecord& record) {
    auto stored = json::parse(record.brand_json, nullptr, /*allow_exceptions=*/false);
    core::BrandRules brand;
    if (stored.is_object()) {
        if (auto decoded = codec::decode_brand(stored)) {
            brand = std::move(*decoded);
        }
    }
    // The renderer's own contrast check: what it would change in these colours, and why.
    std::vector<std::string> contrast;
    core::agents::palette_for(brand.colors, &contrast);
    return json{{"id", record.id},
                {"name", record.name},
                {"voice", brand.voice},
                {"required_hashtags", brand.required_hashtags},
                {"banned_phrases", brand.banned_phrases},
                {"call_to_action", brand.call_to_action},
                {"colors", codec::encode_brand_colors(brand.colors)},
                {"contrast", contrast},
                {"created_at", format_time(record.created_at)},
                {"updated_at", format_time(record.updated_at)}};
}

json encode_brand_list(const std::vector<core::BrandProfileRecord>& records) {
    json out = json::array();
    for (const auto& r : records) {
        out.push_back(encode_brand_record(r));
    }
    return json{{"brands", out}};
}

core::Result<nlohmann::json> stored_brand(core::BrandProfileStore* brands,
                                          const core::WorkspaceId& workspace, const std::string& id,
                                          const std::string& field) {
    using core::ErrorCode;
    core::Result<core::BrandProfileRecord> record =
        core::fail(ErrorCode::kNotFound, "no brand profiles are stored", field);
    if (brands != nullptr) {
        record = brands->get(workspace, id);
    }
    if (!record) {
        if (record.error().code != ErrorCode::kNotFound) {
            return tl::unexpected(record.error());
        }
        return core::fail(ErrorCode::kNotFound, "no brand profile with id \"" + id + "\"", field);
    }
    auto brand = nlohmann::json::parse(record->brand_json, nullptr, false);
    if (brand.is_discarded()) {
        return core::fail(ErrorCode::kInternal, "the stored brand profile is not valid JSON",
                          field);
    }
    return brand;
}

core::Result<nlohmann::json> resolve_brand_profile(nlohmann::json brief,
                                                   core::BrandProfileStore* brands,
                                                   const core::WorkspaceId& workspace) {
    if (!brief.is_object()) {
        return brief;
    }
    const auto it = brief.find("brand_profile");
    if (it == brief.end() || it->is_null()) {
        return brief;
    }
    if (!it->is_string() || it->get<std::string>().empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be a non-empty string (a stored brand profile id)",
                          "brand_profile");
    }
    if (brief.contains("brand") && !brief["brand"].is_null()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "give either brand (inline) or brand_profile (a stored id), not both",
                          "brand_profile");
    }
    SWARM_TRY_ASSIGN(auto brand,
                     stored_brand(brands, workspace, it->get<std::string>(), "brand_profile"));
    brief["brand"] = std::move(brand);
    return brief;
}

}  // namespace swarm::http::dto
