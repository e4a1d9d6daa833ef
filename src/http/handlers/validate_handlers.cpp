#include "http/handlers/validate_handlers.hpp"

#include "codec/brief_json.hpp"
#include "codec/result_json.hpp"
#include "core/agents/designer.hpp"
#include "core/knowledge/document_scope.hpp"
#include "core/model/platform.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/text_scan.hpp"
#include "core/validate/validator.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

using nlohmann::json;

constexpr std::string_view kContentStore = "content store";

/// Characters as the validator counts them: code points of the NFC form.
std::size_t nfc_length(std::string_view text) {
    return core::validate::nfc_code_points(text).size();
}

/// The media store of a dry run: what was stored is read from the real store (a model picture a
/// card reuses); what is drawn is hashed and dropped.
class DryRunMedia final : public core::MediaStore {
public:
    explicit DryRunMedia(core::MediaStore& real) : real_(real) {}

    core::Result<core::MediaInfo> put(std::string_view bytes,
                                      std::string_view content_type) override {
        return core::MediaInfo{core::media_id_for(bytes), std::string(content_type), bytes.size()};
    }

    core::Result<std::optional<core::MediaObject>> get(std::string_view id) override {
        return real_.get(id);
    }

    core::Result<std::optional<core::MediaInfo>> stat(std::string_view id) override {
        return real_.stat(id);
    }

    std::string describe() const override { return "dry run of " + real_.describe(); }

private:
    core::MediaStore& real_;
};

/// The item the request describes: a new one of its platform, or its edit of the stored item.
core::Result<std::pair<core::ContentItem, std::string>> item_to_check(
    const ApiDeps& api, const core::WorkspaceId& workspace, const dto::ValidateRequest& asked) {
    core::ContentItem item;
    item.platform = asked.platform;
    std::string job_id;
    if (asked.item_id) {
        if (api.content == nullptr) {
            return core::fail(core::ErrorCode::kUnavailable, "not configured: content store");
        }
        SWARM_TRY_ASSIGN(const auto record, api.content->get(workspace, *asked.item_id));
        if (record.platform != asked.platform) {
            return core::fail(
                core::ErrorCode::kInvalidArgument,
                fmt::format("item {} is a {} item; the text was checked as {}", record.id,
                            core::to_string(record.platform), core::to_string(asked.platform)),
                "platform");
        }
        SWARM_TRY_ASSIGN(item, dto::decode_stored_item(record.item_json));
        job_id = record.job_id;
    }
    apply_text_edit(asked.text, item);
    return std::pair{std::move(item), std::move(job_id)};
}

}  // namespace

json encode_lengths(const std::vector<MeasuredLength>& lengths) {
    json out = json::array();
    for (const auto& l : lengths) {
        out.push_back({{"location", l.location},
                       {"length", l.length},
                       {"limit", l.limit},
                       {"unit", l.weighted ? "weighted" : "characters"}});
    }
    return out;
}

std::vector<MeasuredLength> measured_lengths(const core::ContentItem& item) {
    const core::PlatformSpec& rules = core::spec(item.platform);
    std::vector<MeasuredLength> out;
    switch (rules.shape) {
        case core::OutputShape::kPost:
            out.push_back({"body", nfc_length(item.body), rules.max_chars, false});
            break;
        case core::OutputShape::kThread:
            if (item.parts.empty()) {
                out.push_back({"body", core::x_weighted_length(item.body), rules.max_chars, true});
            }
            for (std::size_t i = 0; i < item.parts.size(); ++i) {
                out.push_back({fmt::format("parts[{}]", i),
                               core::x_weighted_length(item.parts[i].body), rules.max_chars, true});
            }
            break;
        case core::OutputShape::kDeck:
            for (std::size_t i = 0; i < item.parts.size(); ++i) {
                const auto& bullets = item.parts[i].bullets;
                for (std::size_t j = 0; j < bullets.size(); ++j) {
                    out.push_back({fmt::format("parts[{}].bullets[{}]", i, j),
                                   nfc_length(core::text::trim(bullets[j])), rules.max_bullet_chars,
                                   false});
                }
            }
            break;
    }
    return out;
}

void apply_text_edit(const dto::ItemPatch& patch, core::ContentItem& item) {
    if (patch.parts) {
        item.parts = *patch.parts;
        // A thread's body is its posts; keep it in step unless the edit sets it too.
        if (!patch.body && item.platform == core::Platform::kTwitter) {
            item.body.clear();
            for (const auto& p : item.parts) {
                item.body += (item.body.empty() ? "" : "\n\n") + p.body;
            }
        }
    }
    if (patch.body) {
        item.body = *patch.body;
    }
    if (patch.hashtags) {
        item.hashtags = *patch.hashtags;
    }
}

JobRules job_rules(const ApiDeps& api, const core::WorkspaceId& workspace,
                   const std::string& job_id) {
    if (api.jobs == nullptr || job_id.empty()) {
        return {};
    }
    if (auto job = api.jobs->get(workspace, job_id)) {
        if (auto brief = codec::decode_brief(job->brief_json)) {
            return JobRules{std::move(brief->brand), std::move(brief->documents)};
        }
    }
    return {};
}

std::vector<core::Passage> grounding_of(const std::vector<core::Passage>& passages,
                                        const JobRules& rules) {
    return core::knowledge::passages_of(passages, rules.documents);
}

core::Result<std::vector<core::Passage>> workspace_passages(const ApiDeps& api,
                                                            const core::WorkspaceId& workspace) {
    if (api.knowledge == nullptr) {
        return std::vector<core::Passage>{};
    }
    SWARM_TRY_ASSIGN(const auto base, api.knowledge->open(workspace));
    return base.kb->all_passages();
}

void assess_edit(core::ContentItem& item, const dto::ItemPatch& patch,
                 const std::vector<core::Passage>& passages, const core::BrandRules& brand,
                 core::Renderer* renderer, core::MediaStore* media) {
    item.quality = core::validate_item(item, core::ValidationContext{&brand, passages});
    if ((patch.body || patch.parts) && renderer != nullptr && media != nullptr) {
        core::agents::design_item(item, nullptr, brand,
                                  core::agents::DesignDeps{renderer, media, nullptr, {}});
    }
}

Response handle_validate(const ApiDeps& api, const Request& request) {
    if (auto bad = check_json_content_type(request)) {
        return *bad;
    }
    auto asked = dto::decode_validate_request(request.body);
    if (!asked) {
        return error_response(asked.error());
    }
    const auto& workspace = workspace_of(request);
    auto checked = item_to_check(api, workspace, *asked);
    if (!checked) {
        return error_response(checked.error());
    }
    const auto passages = workspace_passages(api, workspace);
    if (!passages) {
        return error_response(passages.error());
    }
    auto& [item, job_id] = *checked;
    // Drawn as saving draws it (the same findings), into a store that keeps nothing.
    std::optional<DryRunMedia> dry_run;
    if (api.media != nullptr) {
        dry_run.emplace(*api.media);
    }
    const auto rules = job_rules(api, workspace, job_id);
    assess_edit(item, asked->text, grounding_of(*passages, rules), rules.brand, api.renderer,
                dry_run ? &*dry_run : nullptr);
    json issues = json::array();
    for (const auto& issue : item.quality.issues) {
        issues.push_back(codec::encode_issue(issue));
    }
    return json_response(200, {{"score", item.quality.score},
                               {"issues", std::move(issues)},
                               {"lengths", encode_lengths(measured_lengths(item))}});
}

}  // namespace swarm::http
