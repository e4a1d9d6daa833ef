// JSON documents of the CLI and the API: the result document and content items
// (DESIGN.md shape, snake_case), parse results, validation reports and error bodies.
#pragma once

#include "core/model/content_item.hpp"
#include "core/model/job.hpp"
#include "core/parse/section_parser.hpp"
#include "core/result.hpp"

#include <nlohmann/json_fwd.hpp>

namespace swarm::codec {

nlohmann::json encode_issue(const core::Issue& issue);
nlohmann::json encode_part(core::Platform platform, const core::Part& part);
nlohmann::json encode_item(const core::ContentItem& item);

/// {"job_id","status","requested_platforms","items","missing_platforms","notes","usage",
/// "brand":{"name","colors"}} (the brand is what `content-swarm render` draws with).
/// {"model_calls","input_tokens","output_tokens","cost_usd"}: language-model use of a job.
nlohmann::json encode_usage(const core::JobUsage& usage);

nlohmann::json encode_result(const core::Job& job);

/// {"items","missing_platforms","completeness","warnings"}.
nlohmann::json encode_parse_result(const core::ParseResult& result);

/// {"platform","valid","score","issues","metrics":{...}}.
nlohmann::json encode_validation(const core::ContentItem& item);

/// {"error":{"code","message","field"}}.
nlohmann::json encode_error(const core::Error& error);

}  // namespace swarm::codec
