#include "http/handlers/brand_handlers.hpp"

#include "http/dto/brand_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace swarm::http {
namespace {

constexpr std::string_view kBrandStore = "brand profile store";
constexpr int kMaxIdAttempts = 100;

Response name_taken(const std::string& name) {
    return error_response(409, core::Error{core::ErrorCode::kAlreadyExists,
                                           "a brand profile named \"" + name + "\" exists",
                                           "name",
                                           {}});
}

core::Result<bool> name_exists(core::BrandProfileStore& store, const std::string& name,
                               const std::string& except_id) {
    SWARM_TRY_ASSIGN(auto all, store.list());
    return std::any_of(all.begin(), all.end(), [&](const core::BrandProfileRecord& r) {
        return r.name == name && r.id != except_id;
    });
}

}  // namespace

std::string brand_id_from_name(std::string_view name) {
    std::string id;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 && u < 0x80U) {
            id += static_cast<char>(std::tolower(u));
        } else if (!id.empty() && id.back() != '-') {
            id += '-';
        }
        if (id.size() >= 48) {
            break;
        }
    }
    while (!id.empty() && id.back() == '-') {
        id.pop_back();
    }
    return id.empty() ? "brand" : id;
}

Response handle_create_brand(const ApiDeps& api, const Request& request) {
    if (api.brands == nullptr) {
        return not_configured(kBrandStore);
    }
    if (auto bad = check_json_content_type(request)) {
        return *bad;
    }
    auto brand = dto::decode_brand_body(request.body);
    if (!brand) {
        return error_response(brand.error());
    }
    const auto base = brand_id_from_name(brand->name);
    for (int attempt = 1; attempt <= kMaxIdAttempts; ++attempt) {
        const auto exists = name_exists(*api.brands, brand->name, {});
        if (!exists || *exists) {
            return exists ? name_taken(brand->name) : error_response(exists.error());
        }
        const auto id = attempt == 1 ? base : base + "-" + std::to_string(attempt);
        auto created = api.brands->create({id, brand->name, dto::encode_brand_for_store(*brand)});
        if (created) {
            auto res = json_response(201, dto::encode_brand_record(*created));
            res.set_header("Location", "/api/v1/brands/" + created->id);
            return res;
        }
        if (created.error().code != core::ErrorCode::kAlreadyExists) {
            return error_response(created.error());
        }
    }
    return error_response(core::Error{core::ErrorCode::kInternal, "no free brand id", {}, {}});
}

Response handle_list_brands(const ApiDeps& api, const Request& /*request*/) {
    if (api.brands == nullptr) {
        return not_configured(kBrandStore);
    }
    auto all = api.brands->list();
    return all ? json_response(200, dto::encode_brand_list(*all)) : error_response(all.error());
}

Response handle_get_brand(const ApiDeps& api, const Request& request) {
    if (api.brands == nullptr) {
        return not_configured(kBrandStore);
    }
    auto record = api.brands->get(path_param(request, "id"));
    return record ? json_response(200, dto::encode_brand_record(*record))
                  : error_response(record.error());
}

Response handle_put_brand(const ApiDeps& api, const Request& request) {
    if (api.brands == nullptr) {
        return not_configured(kBrandStore);
    }
    if (auto bad = check_json_content_type(request)) {
        return *bad;
    }
    auto brand = dto::decode_brand_body(request.body);
    if (!brand) {
        return error_response(brand.error());
    }
    const auto id = path_param(request, "id");
    auto updated = api.brands->update({id, brand->name, dto::encode_brand_for_store(*brand)});
    if (!updated && updated.error().code == core::ErrorCode::kAlreadyExists) {
        return name_taken(brand->name);
    }
    return updated ? json_response(200, dto::encode_brand_record(*updated))
                   : error_response(updated.error());
}

Response handle_delete_brand(const ApiDeps& api, const Request& request) {
    if (api.brands == nullptr) {
        return not_configured(kBrandStore);
    }
    auto removed = api.brands->remove(path_param(request, "id"));
    return removed ? no_content() : error_response(removed.error());
}

}  // namespace swarm::http
