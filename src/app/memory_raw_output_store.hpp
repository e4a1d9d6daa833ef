// The CLI's raw-output store: model outputs kept in memory during one `generate` run, then
// written to the output folder (raw/) so a parse or a missing platform can be traced back.
#pragma once

#include "core/ports/raw_output_store.hpp"

#include <chrono>
#include <mutex>
#include <vector>

namespace swarm::app {

class MemoryRawOutputStore final : public core::RawOutputStore {
public:
    core::Result<std::int64_t> append(const std::string& job_id, const std::string& agent,
                                      std::optional<core::Platform> platform,
                                      const std::string& text) override {
        const std::lock_guard lock(mutex_);
        core::RawOutputRecord record;
        record.id = static_cast<std::int64_t>(records_.size()) + 1;
        record.job_id = job_id;
        record.agent = agent;
        record.platform = platform;
        record.text = text;
        record.created_at = std::chrono::system_clock::now();
        records_.push_back(std::move(record));
        return records_.back().id;
    }

    /// One run of `generate` holds one job of no workspace: the workspace is not kept.
    core::Result<std::vector<core::RawOutputRecord>> list(const core::WorkspaceId& /*workspace*/,
                                                          const std::string& job_id) override {
        const std::lock_guard lock(mutex_);
        std::vector<core::RawOutputRecord> out;
        for (const auto& r : records_) {
            if (r.job_id == job_id) {
                out.push_back(r);
            }
        }
        return out;
    }

private:
    std::mutex mutex_;
    std::vector<core::RawOutputRecord> records_;
};

}  // namespace swarm::app
