// Internal to run_pipeline: one job's run, which owns the job being built and publishes its
// events in a fixed order. pipeline.cpp holds the offline graph; pipeline_model.cpp the steps
// that run only when model clients are configured.
#pragma once

#include "core/agents/fact_sheet.hpp"
#include "core/agents/llm_session.hpp"
#include "core/agents/model_writer.hpp"
#include "core/agents/pipeline.hpp"

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace swarm::core::agents {

struct WriterRun {
    Result<ContentItem> item = fail(ErrorCode::kInternal, "the writer did not run");
    std::chrono::milliseconds elapsed{0};
};

/// "212 words", "thread of 4 posts", "12 slides, 1 without supporting material".
std::string item_summary(const ContentItem& item);

class JobRun {
public:
    JobRun(const Brief& brief, const PipelineDeps& deps, const PipelineOptions& options);

    Result<Job> run();

private:
    using SteadyPoint = std::chrono::steady_clock::time_point;

    // pipeline.cpp: the graph and the offline agents.
    void publish(EventType type, std::string agent, std::optional<Platform> platform,
                 std::string message,
                 std::chrono::milliseconds elapsed = std::chrono::milliseconds{0});
    std::chrono::milliseconds since(SteadyPoint start) const;
    void finished(const std::string& agent, std::optional<Platform> platform, std::string message,
                  SteadyPoint start);
    void run_stages(FactSheet& sheet, const std::vector<Passage>& passages);
    Result<FactSheet> research(const std::vector<Passage>& passages);
    WriterRun run_writer(const FactSheet& sheet, Platform platform,
                         std::unique_ptr<Writer> writer) const;
    std::unique_ptr<Writer> offline_writer(Platform platform) const;
    void write_all(const FactSheet& sheet);
    /// `why` is appended to the writer's agent_finished message (e.g. an offline fallback's cause).
    void collect(Platform platform, WriterRun run, const std::string& why = {});
    void edit_all(const std::vector<Passage>& passages);
    void design();
    void schedule();
    void finish();

    // pipeline_model.cpp: model-backed steps.
    const LlmClient* client(AgentRole role) const;

    bool stopped() const { return deps_.stop.stop_requested(); }

    std::string refine_research(FactSheet& sheet, const std::vector<Passage>& passages);
    void write_with_models(const FactSheet& sheet, const std::vector<Passage>& passages);
    void collect_model(const FactSheet& sheet, PlatformResult result,
                       std::chrono::milliseconds elapsed);
    std::string review_with_models(ContentItem& item, const std::vector<Passage>& passages);
    void drop_failing_items();
    void finish_model();

    Brief brief_;  // a copy: run() resolves its language
    const PipelineDeps& deps_;
    const PipelineOptions& options_;
    Job job_;
    std::optional<LlmSession> session_;   // set when any model client is configured
    const FactSheet* sheet_ = nullptr;    // research's sheet, for the editor's critique
    std::set<Platform> offline_written_;  // model writer failed; written by the built-in writer
};

}  // namespace swarm::core::agents
