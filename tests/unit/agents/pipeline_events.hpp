// The pipeline's event contract as a checker: what must hold for every job's event sequence now
// that platforms run their lanes (writer -> editor -> designer) concurrently, whatever the
// interleaving: pairs, per-platform order, research first, scheduler and items last.
#pragma once

#include "core/model/job.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace swarm::test {

inline std::string event_text(const core::JobEvent& e) {
    return fmt::format("{} {} {}", core::to_string(e.type), e.agent,
                       e.platform ? std::string(core::to_string(*e.platform)) : std::string("-"));
}

/// The started/finished events of one platform's agents, in order ("agent_started editor").
inline std::vector<std::string> lane_sequence(const std::vector<core::JobEvent>& events,
                                              core::Platform platform) {
    std::vector<std::string> out;
    for (const auto& e : events) {
        if (e.platform == platform && (e.type == core::EventType::kAgentStarted ||
                                       e.type == core::EventType::kAgentFinished)) {
            out.push_back(fmt::format("{} {}", core::to_string(e.type), e.agent));
        }
    }
    return out;
}

/// "type agent platform message" of every event, grouped by platform (job-wide events first),
/// each group in publishing order: what two runs of the same job share however the lanes
/// interleaved.
inline std::vector<std::string> grouped_by_platform(const std::vector<core::JobEvent>& events) {
    std::vector<core::JobEvent> sorted = events;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.platform < b.platform;  // nullopt first
    });
    std::vector<std::string> out;
    out.reserve(sorted.size());
    for (const auto& e : sorted) {
        out.push_back(event_text(e) + " " + e.message);
    }
    return out;
}

/// The lane a platform runs: its writer, then (when written) its editor, then (when delivered)
/// its designer.
inline std::vector<std::string> expected_lane(bool written, bool delivered) {
    std::vector<std::string> out{"agent_started writer", "agent_finished writer"};
    if (written) {
        out.insert(out.end(), {"agent_started editor", "agent_finished editor"});
    }
    if (delivered) {
        out.insert(out.end(), {"agent_started designer", "agent_finished designer"});
    }
    return out;
}

/// Every violation of the contract, empty when the sequence keeps it. `job` is the returned job
/// of a job that was not cancelled.
inline std::vector<std::string> contract_violations(const std::vector<core::JobEvent>& events,
                                                    const core::Job& job) {
    std::vector<std::string> bad;
    const auto index_of = [&](const std::string& text) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < events.size(); ++i) {
            if (event_text(events[i]) == text) {
                return i;
            }
        }
        return std::nullopt;
    };
    if (events.empty() || events.front().type != core::EventType::kJobStarted) {
        bad.emplace_back("job_started is not first");
    }
    if (events.empty() || events.back().type != core::EventType::kJobFinished ||
        std::count_if(events.begin(), events.end(), [](const core::JobEvent& e) {
            return e.type == core::EventType::kJobFinished;
        }) != 1) {
        bad.emplace_back("job_finished is not last and once");
    }
    // Pairs: per (agent, platform), started and finished alternate, starting with started.
    std::map<std::pair<std::string, std::string>, int> open;
    for (const auto& e : events) {
        const auto key = std::make_pair(
            e.agent, e.platform ? std::string(core::to_string(*e.platform)) : std::string());
        if (e.type == core::EventType::kAgentStarted && open[key]++ != 0) {
            bad.push_back("started twice: " + event_text(e));
        } else if (e.type == core::EventType::kAgentFinished && --open[key] != 0) {
            bad.push_back("finished without start: " + event_text(e));
        }
    }
    for (const auto& [key, n] : open) {
        if (n != 0) {
            bad.push_back("no finished event for " + key.first + " " + key.second);
        }
    }
    const auto research_done = index_of("agent_finished research -");
    const auto scheduler_start = index_of("agent_started scheduler -");
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        if (!e.platform || e.type == core::EventType::kItemReady) {
            continue;
        }
        if (!research_done || i < *research_done) {
            bad.push_back("before research finished: " + event_text(e));
        }
        if (scheduler_start && i > *scheduler_start) {
            bad.push_back("after the scheduler started: " + event_text(e));
        }
    }
    for (const core::Platform p : job.brief.platforms) {
        const bool delivered = std::any_of(job.items.begin(), job.items.end(),
                                           [p](const auto& item) { return item.platform == p; });
        const auto lane = lane_sequence(events, p);
        const bool written = lane.size() > 2;
        if (lane != expected_lane(written, delivered)) {
            bad.push_back(fmt::format("lane of {}: {}", core::to_string(p), fmt::join(lane, ", ")));
        }
    }
    // item_ready after the scheduler, one per item, in requested order.
    std::vector<std::string> ready;
    const auto scheduler_done = index_of("agent_finished scheduler -");
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events[i].type == core::EventType::kItemReady) {
            ready.push_back(events[i].message);
            if (!scheduler_done || i < *scheduler_done) {
                bad.push_back("item_ready before the scheduler finished: " + events[i].message);
            }
        }
    }
    std::vector<std::string> ids;
    for (const auto& item : job.items) {
        ids.push_back(item.id);
    }
    if (ready != ids) {
        bad.push_back(
            fmt::format("item_ready {} but items {}", fmt::join(ready, ","), fmt::join(ids, ",")));
    }
    return bad;
}

}  // namespace swarm::test
