// Decodes a content item from the JSON document encode_item writes (the stored and API shape);
// derived fields (metrics, weighted lengths) are ignored, missing optional fields take defaults.
#pragma once

#include "core/model/content_item.hpp"
#include "core/result.hpp"

#include <nlohmann/json_fwd.hpp>

namespace swarm::codec {

/// The inverse of encode_item. `platform` is required; errors name the field ("parts[1].body").
core::Result<core::ContentItem> decode_item(const nlohmann::json& value);

}  // namespace swarm::codec
