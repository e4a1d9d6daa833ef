#include "http/compat_streams.hpp"

#include "codec/result_json.hpp"
#include "http/dto/compat_json.hpp"
#include "http/handlers/job_handlers.hpp"

#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

using nlohmann::json;

/// The old result document, or an error document when the store cannot be read.
json result_document(const ApiDeps& deps, const core::WorkspaceId& workspace,
                     const std::string& job_id) {
    auto job = deps.jobs->get(workspace, job_id);
    auto items = job_items(deps, workspace, job_id);
    if (!job || !items) {
        return codec::encode_error(!job ? job.error() : items.error());
    }
    return dto::encode_compat_result(*job, *items);
}

json event_message(const char* type, const core::JobEvent& event) {
    json out{{"type", type}, {"agent", event.agent}, {"timestamp", dto::iso_timestamp(event.at)}};
    if (event.platform) {
        out["platform"] = std::string(core::to_string(*event.platform));
    }
    return out;
}

/// content_generated: the stored item in the old item shape.
json item_message(const core::ItemRecord& item, std::chrono::system_clock::time_point at) {
    json out{{"type", "content_generated"}, {"timestamp", dto::iso_timestamp(at)}};
    out.update(dto::encode_compat_item(item));
    return out;
}

json complete_message(const ApiDeps& deps, const core::WorkspaceId& workspace,
                      const core::JobEvent& event, const std::string& id) {
    auto job = deps.jobs->get(workspace, id);
    auto items = job_items(deps, workspace, id);
    if (!job || !items) {
        return dto::encode_compat_error(!job ? job.error() : items.error());
    }
    auto out = dto::encode_compat_summary(*job, items->size());
    out["type"] = "complete";
    out["message"] = std::to_string(items->size()) + " content item(s) generated";
    out["timestamp"] = dto::iso_timestamp(event.at);
    return out;
}

}  // namespace

std::shared_ptr<GenerateResultStream> GenerateResultStream::create(
    const ApiDeps& deps, core::WorkspaceId workspace, std::string job_id,
    std::chrono::steady_clock::duration wait) {
    std::shared_ptr<GenerateResultStream> stream(new GenerateResultStream(
        deps, std::move(workspace), std::move(job_id), std::chrono::steady_clock::now() + wait));
    // Only job_finished produces text: the whole document, written at once.
    stream->events_ = JobEventStream::create(
        stream->workspace_, stream->job_id_, 0, *deps.events, *deps.hub,
        [deps, ws = stream->workspace_,
         id = stream->job_id_](const core::JobEvent& event) -> std::string {
            if (event.type != core::EventType::kJobFinished) {
                return {};
            }
            return result_document(deps, ws, id).dump();
        },
        nullptr, deps.event_store_poll);
    return stream;
}

BodyStream::Chunk GenerateResultStream::poll() {
    auto chunk = events_->poll();
    if (chunk.done || std::chrono::steady_clock::now() < deadline_) {
        return chunk;
    }
    auto doc = result_document(deps_, workspace_, job_id_);
    doc["error"] = {
        {"code", "deadline_exceeded"},
        {"message", "the job did not finish in time; it goes on at /api/v1/jobs/" + job_id_},
        {"field", nullptr}};
    return {doc.dump(), true};
}

WebSocketHandler::Output CompatGenerationSocket::open() {
    return {{json{{"type", "connected"},
                  {"client_id", client_id_},
                  {"message", "connected to content-swarm; send a generation request"},
                  {"timestamp", dto::iso_timestamp(std::chrono::system_clock::now())}}
                 .dump()},
            false};
}

WebSocketHandler::Output CompatGenerationSocket::on_message(std::string_view text) {
    const auto refuse = [](const core::Error& error, bool close) {
        return Output{{dto::encode_compat_error(error).dump()}, close};
    };
    if (events_ || closing_) {
        return refuse({core::ErrorCode::kFailedPrecondition,
                       "a generation is already running on this connection",
                       {},
                       {}},
                      false);
    }
    if (deps_.jobs == nullptr || deps_.events == nullptr || deps_.hub == nullptr) {
        return refuse({core::ErrorCode::kUnavailable, "the jobs API is not configured", {}, {}},
                      true);
    }
    const auto root = json::parse(text, nullptr, false);
    if (root.is_discarded()) {
        return refuse({core::ErrorCode::kInvalidArgument, "not valid JSON", "body", {}}, false);
    }
    auto request = dto::decode_compat_request(root, deps_.brands, workspace_);
    if (!request) {
        return refuse(request.error(), false);
    }
    auto outcome =
        deps_.jobs->submit(workspace_, request->brief, request->brief_json, std::nullopt);
    if (!outcome) {
        closing_ = true;
        return refuse(outcome.error(), true);
    }
    job_id_ = outcome->job.id;
    events_ = JobEventStream::create(
        workspace_, job_id_, 0, *deps_.events, *deps_.hub,
        [this](const core::JobEvent& event) { return format(event); },
        deps_.job_metrics != nullptr ? &deps_.job_metrics->events_streamed : nullptr,
        deps_.event_store_poll);
    events_->set_waker(wake_);
    return poll();
}

WebSocketHandler::Output CompatGenerationSocket::poll() {
    Output out;
    if (!events_ || closing_) {
        return out;
    }
    const auto chunk = events_->poll();
    std::size_t start = 0;
    for (auto end = chunk.data.find('\n'); end != std::string::npos;
         start = end + 1, end = chunk.data.find('\n', start)) {
        auto line = chunk.data.substr(start, end - start);
        if (line.empty() || line.front() == ':') {
            continue;  // an SSE comment from the event stream (the store could not be read)
        }
        out.messages.push_back(std::move(line));
    }
    closing_ = chunk.done;
    out.close = chunk.done;
    return out;
}

/// One event as one line of JSON (dump() escapes newlines), or nothing for unrelayed types.
std::string CompatGenerationSocket::format(const core::JobEvent& event) {
    json out;
    switch (event.type) {
        case core::EventType::kAgentStarted:
            out = event_message("agent_start", event);
            out["message"] = event.agent + " started";
            break;
        case core::EventType::kAgentProgress:
            out = event_message("content_chunk", event);
            out["content"] = event.message;
            break;
        case core::EventType::kAgentFinished:
            out = event_message("agent_complete", event);
            out["message"] = event.message;
            out["elapsed_ms"] = event.elapsed.count();
            break;
        case core::EventType::kItemReady:
            return items_text(event, event.platform);
        case core::EventType::kError:
            out = dto::encode_compat_error({core::ErrorCode::kUpstream, event.message, {}, {}});
            out["agent"] = event.agent;
            break;
        case core::EventType::kJobFinished:
            // Items the runner stored after their item_ready was relayed go out now.
            return items_text(event, std::nullopt) +
                   complete_message(deps_, workspace_, event, job_id_).dump() + "\n";
        default:
            return {};
    }
    return out.dump() + "\n";
}

/// content_generated lines for the stored items of `platform` (every platform when unset) that
/// were not sent yet. The runner may store an item after publishing its item_ready.
std::string CompatGenerationSocket::items_text(const core::JobEvent& event,
                                               std::optional<core::Platform> platform) {
    auto items = job_items(deps_, workspace_, job_id_);
    if (!items) {
        return dto::encode_compat_error(items.error()).dump() + "\n";
    }
    std::string text;
    for (const auto& item : *items) {
        if ((platform && item.platform != *platform) || !sent_.insert(item.platform).second) {
            continue;
        }
        text += item_message(item, event.at).dump() + "\n";
    }
    return text;
}

}  // namespace swarm::http
