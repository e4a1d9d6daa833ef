// The old system's live shapes over our job events: the body of POST /api/generate-content (the
// result once the job ends) and the /ws/stream-generation conversation (old message types).
#pragma once

#include "http/api_deps.hpp"
#include "http/job_event_stream.hpp"
#include "http/message.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace swarm::http {

/// Writes nothing until the job's job_finished event, then the old result document. At the
/// deadline it writes the same document with the job's current status and an "error" member
/// (code deadline_exceeded); the job goes on and stays readable at /api/v1/jobs/{id}.
class GenerateResultStream final : public BodyStream {
public:
    static std::shared_ptr<GenerateResultStream> create(const ApiDeps& deps,
                                                        core::WorkspaceId workspace,
                                                        std::string job_id,
                                                        std::chrono::steady_clock::duration wait);

    void set_waker(std::function<void()> wake) override { events_->set_waker(std::move(wake)); }

    Chunk poll() override;

private:
    GenerateResultStream(ApiDeps deps, core::WorkspaceId workspace, std::string job_id,
                         std::chrono::steady_clock::time_point deadline)
        : deps_(std::move(deps)),
          workspace_(std::move(workspace)),
          job_id_(std::move(job_id)),
          deadline_(deadline) {}

    ApiDeps deps_;
    core::WorkspaceId workspace_;
    std::string job_id_;
    std::chrono::steady_clock::time_point deadline_;
    std::shared_ptr<JobEventStream> events_;
};

/// One /ws/stream-generation client: "connected" on open; each request message starts a job
/// whose events are relayed as agent_start, content_chunk, agent_complete, content_generated,
/// error and finally complete, after which the conversation closes. A malformed or invalid
/// request gets an error message and the connection stays open for a corrected one; a refused
/// submit (queue full, storage down) gets an error and the connection closes.
class CompatGenerationSocket final : public WebSocketHandler {
public:
    /// Jobs are submitted in `workspace` (the upgrade request's credential).
    CompatGenerationSocket(ApiDeps deps, core::WorkspaceId workspace, std::string client_id)
        : deps_(std::move(deps)),
          workspace_(std::move(workspace)),
          client_id_(std::move(client_id)) {}

    void set_waker(std::function<void()> wake) override { wake_ = std::move(wake); }

    Output open() override;
    Output on_message(std::string_view text) override;
    Output poll() override;

private:
    std::string format(const core::JobEvent& event);
    std::string items_text(const core::JobEvent& event, std::optional<core::Platform> platform);

    ApiDeps deps_;
    core::WorkspaceId workspace_;
    std::string client_id_;
    std::function<void()> wake_;
    std::string job_id_;
    std::shared_ptr<JobEventStream> events_;  // set once a job was submitted
    std::set<core::Platform> sent_;           // platforms whose content_generated went out
    bool closing_ = false;
};

}  // namespace swarm::http
