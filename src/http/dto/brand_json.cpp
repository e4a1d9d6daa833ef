#include "http/dto/brand_json.hpp"

#include "codec/brief_json.hpp"
#include "http/dto/body_json.hpp"

namespace swarm::http::dto {

using nlohmann::json;

core::Result<core::BrandRules> decode_brand_body(std::string_view body) {
    auto doc = parse_json_object(body);
    if (!doc) {
        return tl::unexpected(std::move(doc.error()));
    }
    auto brand = codec::decode_brand(*doc);
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
                {"call_to_action", brand.call_to_action}}
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
    return json{{"id", record.id},
                {"name", record.name},
                {"voice", brand.voice},
                {"required_hashtags", brand.required_hashtags},
                {"banned_phrases", brand.banned_phrases},
                {"call_to_action", brand.call_to_action},
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

}  // namespace swarm::http::dto
