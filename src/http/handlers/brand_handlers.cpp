#include "http/handlers/brand_handlers.hpp"

#include "http/audit_trail.hpp"
#include "http/dto/brand_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <algorithm>
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

core::Result<bool> name_exists(core::BrandProfileStore& store, const core::WorkspaceId& workspace,
                               const std::string& name, const std::string& except_id) {
    SWARM_TRY_ASSIGN(auto all, store.list(workspace));
    return std::any_of(all.begin(), all.end(), [&](const core::BrandProfileRecord& r) {
        return r.name == name && r.id != except_id;
    });
}

}  // namespace

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
    const auto& workspace = workspace_of(request);
    for (int attempt = 1; attempt <= kMaxIdAttempts; ++attempt) {
        const auto exists = name_exists(*api.brands, workspace, brand->name, {});
        if (!exists || *exists) {
            return exists ? name_taken(brand->name) : error_response(exists.error());
        }
        // Random: an id derived from the name would tell other workspaces' names apart.
        const auto id = random_id("brand");
        auto created =
            api.brands->create(workspace, {id, brand->name, dto::encode_brand_for_store(*brand)});
        if (created) {
            audit(api, request, "brand.create", "brand:" + created->id, {{"name", created->name}});
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

Response handle_list_brands(const ApiDeps& api, const Request& request) {
    if (api.brands == nullptr) {
        return not_configured(kBrandStore);
    }
    auto all = api.brands->list(workspace_of(request));
    return all ? json_response(200, dto::encode_brand_list(*all)) : error_response(all.error());
}

Response handle_get_brand(const ApiDeps& api, const Request& request) {
    if (api.brands == nullptr) {
        return not_configured(kBrandStore);
    }
    auto record = api.brands->get(workspace_of(request), path_param(request, "id"));
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
    auto updated = api.brands->update(workspace_of(request),
                                      {id, brand->name, dto::encode_brand_for_store(*brand)});
    if (!updated && updated.error().code == core::ErrorCode::kAlreadyExists) {
        return name_taken(brand->name);
    }
    if (!updated) {
        return error_response(updated.error());
    }
    audit(api, request, "brand.update", "brand:" + id, {{"name", updated->name}});
    return json_response(200, dto::encode_brand_record(*updated));
}

Response handle_delete_brand(const ApiDeps& api, const Request& request) {
    if (api.brands == nullptr) {
        return not_configured(kBrandStore);
    }
    auto removed = api.brands->remove(workspace_of(request), path_param(request, "id"));
    if (!removed) {
        return error_response(removed.error());
    }
    audit(api, request, "brand.delete", "brand:" + path_param(request, "id"));
    return no_content();
}

}  // namespace swarm::http
