// POST /api/v1/validate: a text checked as saving it would check it (the web app's live
// validation), and the one scoring path both use: core::validate_item with the workspace's
// knowledge-base passages and the brand of the item's job.
#pragma once

#include "core/model/content_item.hpp"
#include "core/result.hpp"
#include "http/api_deps.hpp"
#include "http/dto/content_json.hpp"
#include "http/message.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::http {

/// One text a platform rule limits, measured as that rule measures it.
struct MeasuredLength {
    std::string location;  // "body", "parts[2]", "parts[3].bullets[1]" (the issues' locations)
    std::size_t length = 0;
    std::size_t limit = 0;
    bool weighted = false;  // X's weighted length; else Unicode characters (NFC code points)
};

/// The lengths the validator's rules limit: a LinkedIn body (characters), each X post (weighted;
/// the body when the item has no parts) and each deck bullet (characters, trimmed).
std::vector<MeasuredLength> measured_lengths(const core::ContentItem& item);

/// [{"location","length","limit","unit":"weighted"|"characters"}]: what the API shows of them.
nlohmann::json encode_lengths(const std::vector<MeasuredLength>& lengths);

/// Applies the text of an edit (body, parts, hashtags) to the item; an X thread's body follows
/// its posts unless the edit sets it too.
void apply_text_edit(const dto::ItemPatch& patch, core::ContentItem& item);

/// Every passage of the workspace's knowledge base: what a score is grounded in.
core::Result<std::vector<core::Passage>> workspace_passages(const ApiDeps& api,
                                                            const core::WorkspaceId& workspace);

/// What saving an edit gives the item: its quality by core::validate_item with the workspace's
/// passages and the brand of its job (job_rules) and, when the edit changes the text (body or
/// parts), its card or slides drawn again with that brand into `media`: what drawing finds
/// (render.* issues: cut labels) joins the issues and may lower the score. Without a renderer or
/// `media` nothing is drawn. Older versions keep their media (content-addressed, never deleted).
void assess_edit(core::ContentItem& item, const dto::ItemPatch& patch,
                 const std::vector<core::Passage>& passages, const core::BrandRules& brand,
                 core::Renderer* renderer, core::MediaStore* media);

/// What an edit of a job's item is checked against: the brand rules of the job's brief as
/// submitted and the knowledge-base documents it named (empty: all). Empty rules when there is no
/// such job.
struct JobRules {
    core::BrandRules brand;
    std::vector<std::string> documents;
};

JobRules job_rules(const ApiDeps& api, const core::WorkspaceId& workspace,
                   const std::string& job_id);

/// The passages an item of the job is grounded in: those of the documents its brief named.
std::vector<core::Passage> grounding_of(const std::vector<core::Passage>& passages,
                                        const JobRules& rules);

/// POST /api/v1/validate {"platform","body"?,"parts"?,"hashtags"?,"item_id"?} -> 200
/// {"score","issues":[{code,severity,message,location}],"lengths":[{location,length,limit,unit}]}.
/// With item_id the text is an edit of that item (fields left out are the item's, the brand is
/// its job's): the answer is what saving the edit would store.
Response handle_validate(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
