// Internal to run_pipeline: one job's run, which owns the job being built. After research each
// platform runs its own lane (writer -> editor -> designer) independently of the others; the lanes
// are merged in requested order, then the scheduler places every item. pipeline.cpp holds the
// graph and the offline agents; pipeline_model.cpp the steps that run only with model clients.
#pragma once

#include "core/agents/fact_sheet.hpp"
#include "core/agents/llm_session.hpp"
#include "core/agents/model_writer.hpp"
#include "core/agents/pipeline.hpp"
#include "core/knowledge/document_scope.hpp"

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace swarm::core::agents {

struct WriterRun {
    Result<ContentItem> item = fail(ErrorCode::kInternal, "the writer did not run");
    std::chrono::milliseconds elapsed{0};
};

/// The stages of a lane, in the order their notes, timings and missing platforms are merged into
/// the job (stage by stage, platforms in requested order), so the job never depends on which lane
/// finished first.
enum class Stage : std::size_t { kWrite, kEdit, kDrop, kDesign };
inline constexpr std::size_t kStages = 4;

/// One platform's chain. A lane's thread is the only one that touches it until the lanes joined.
struct Lane {
    Platform platform{};
    std::size_t index = 0;  // in the brief's platform list
    std::unique_ptr<Writer>
        offline;  // made on the job's thread: the writer or the model's fallback
    std::optional<ContentItem> item;  // the platform's item while it is still delivered
    std::optional<Stage> missing_at;  // the stage that lost the platform
    bool offline_written = false;     // the model writer failed; the built-in writer stepped in
    std::array<std::vector<std::string>, kStages> notes;
    std::array<std::vector<AgentTiming>, kStages> timings;

    void note(Stage stage, std::string text) {
        notes[static_cast<std::size_t>(stage)].push_back(std::move(text));
    }
};

/// "212 words", "thread of 4 posts", "12 slides, 1 without supporting material".
std::string item_summary(const ContentItem& item);

class JobRun {
public:
    JobRun(const Brief& brief, const PipelineDeps& deps, const PipelineOptions& options);
    JobRun(const JobRun&) = delete;  // kb_ may point into the run itself (scope_)
    JobRun& operator=(const JobRun&) = delete;

    Result<Job> run();

private:
    using SteadyPoint = std::chrono::steady_clock::time_point;
    /// A lane's writer step: sets lane.item, or lane.missing_at with a note, and publishes the
    /// writer's events.
    using WriteStep = std::function<void(Lane&)>;

    // pipeline.cpp: the graph and the offline agents.
    void publish(EventType type, std::string agent, std::optional<Platform> platform,
                 std::string message,
                 std::chrono::milliseconds elapsed = std::chrono::milliseconds{0});
    std::chrono::milliseconds since(SteadyPoint start) const;
    /// A job-wide agent (research, scheduler) on the job's thread.
    void finished(const std::string& agent, std::string message, SteadyPoint start);
    /// A lane's agent, on the lane's thread.
    void finished(Lane& lane, Stage stage, const std::string& agent, std::string message,
                  SteadyPoint start);
    void run_stages(FactSheet& sheet, const std::vector<Passage>& passages);
    Result<FactSheet> research(const std::vector<Passage>& passages);
    WriterRun run_writer(const FactSheet& sheet, Platform platform,
                         std::unique_ptr<Writer> writer) const;
    std::unique_ptr<Writer> offline_writer(Platform platform) const;
    /// Runs every lane: each on its own thread when `concurrent`, else one after another.
    void run_lanes(std::vector<Lane>& lanes, const WriteStep& write, bool concurrent,
                   const std::vector<Passage>& passages);
    void run_lane(Lane& lane, const WriteStep& write, const std::vector<Passage>& passages);
    void write_offline(Lane& lane, const FactSheet& sheet);
    /// `why` is appended to the writer's agent_finished message (e.g. an offline fallback's cause).
    void collect(Lane& lane, WriterRun run, const std::string& why = {});
    void edit(Lane& lane, const std::vector<Passage>& passages);
    void design(Lane& lane);
    void merge(std::vector<Lane>& lanes);
    void schedule();
    void finish();

    // pipeline_model.cpp: model-backed steps.
    const LlmClient* client(AgentRole role) const;

    bool stopped() const { return deps_.stop.stop_requested(); }

    std::string refine_research(FactSheet& sheet, const std::vector<Passage>& passages);
    void write_with_models(std::vector<Lane>& lanes, const FactSheet& sheet,
                           const std::vector<Passage>& passages);
    void collect_model(Lane& lane, const FactSheet& sheet, PlatformResult result,
                       std::chrono::milliseconds elapsed);
    std::string review_with_models(Lane& lane, const std::vector<Passage>& passages);
    void drop_if_failing(Lane& lane);
    void finish_model();

    Brief brief_;  // a copy: run() resolves its language; read-only while lanes run
    const PipelineDeps& deps_;
    const PipelineOptions& options_;
    // The brief's documents only when it names some: every agent reads the base through kb_, so
    // research, the critique's searches and the grounding check see the same passages.
    std::optional<knowledge::DocumentScope> scope_;
    KnowledgeBase& kb_;
    Job job_;                            // touched only on the job's thread
    std::optional<LlmSession> session_;  // set when any model client is configured
    const FactSheet* sheet_ = nullptr;   // research's sheet, for the critique and the designer
};

}  // namespace swarm::core::agents
