// The writer port: one writer per platform turns the brief and the fact sheet into a content item.
// Built-in writers are extractive (every fact comes from the sheet); model-backed ones plug in
// here.
#pragma once

#include "core/agents/fact_sheet.hpp"
#include "core/model/brief.hpp"
#include "core/model/content_item.hpp"
#include "core/model/platform.hpp"
#include "core/result.hpp"

#include <functional>
#include <memory>

namespace swarm::core {

struct WriterInput {
    const Brief& brief;
    const FactSheet& facts;
    const PlatformSpec& spec;
};

class Writer {
public:
    virtual ~Writer() = default;
    /// The item for input.spec.platform. Writers leave `id`, `quality` (except kInfo notes on what
    /// the material lacked), `schedule` and `media` to later steps. An error means no item at all.
    virtual Result<ContentItem> write(const WriterInput& input) = 0;
};

/// Creates the writer for a platform; may return null when it has none.
using WriterFactory = std::function<std::unique_ptr<Writer>(Platform)>;

/// The built-in, offline writer of a platform (LinkedIn post, X post or thread, pitch deck).
std::unique_ptr<Writer> make_offline_writer(Platform platform);

}  // namespace swarm::core
