// Test doubles for core ports: a settable clock, an in-memory knowledge base with naive word
// matching, and an event sink that records what it is given.
#pragma once

#include "core/model/workspace.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/event_sink.hpp"
#include "core/ports/knowledge_base.hpp"

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

namespace swarm::test {

/// The workspace single-workspace tests act in (its id has the production format).
inline const core::WorkspaceId kTestWorkspace{"ws_00000000000000a1"};
/// Another workspace, for isolation checks.
inline const core::WorkspaceId kOtherWorkspace{"ws_00000000000000b2"};

class FakeClock final : public core::Clock {
public:
    explicit FakeClock(std::chrono::system_clock::time_point now) : now_(now) {}

    std::chrono::system_clock::time_point now() const override { return now_; }

    std::chrono::steady_clock::time_point steady_now() const override {
        return std::chrono::steady_clock::time_point{now_.time_since_epoch()};
    }

    void advance(std::chrono::milliseconds by) { now_ += by; }

private:
    std::chrono::system_clock::time_point now_;
};

class RecordingEventSink final : public core::EventSink {
public:
    void publish(core::JobEvent event) override {
        const std::lock_guard lock(mutex_);
        event.seq = static_cast<std::int64_t>(events_.size()) + 1;
        events_.push_back(std::move(event));
    }

    std::vector<core::JobEvent> events() const {
        const std::lock_guard lock(mutex_);
        return events_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<core::JobEvent> events_;  // guarded by mutex_
};

/// Passages held in memory; search scores a passage by how many query words it contains.
class InMemoryKnowledgeBase final : public core::KnowledgeBase {
public:
    explicit InMemoryKnowledgeBase(std::vector<core::Passage> passages)
        : passages_(std::move(passages)) {}

    core::Result<std::vector<core::Passage>> search(std::string_view query,
                                                    std::size_t limit) override {
        std::vector<core::Passage> hits;
        for (const auto& p : passages_) {
            double score = 0;
            std::size_t start = 0;
            while (start < query.size()) {
                auto end = query.find(' ', start);
                if (end == std::string_view::npos) {
                    end = query.size();
                }
                const auto word = lower(std::string(query.substr(start, end - start)));
                if (word.size() > 2 &&
                    lower(p.text + " " + p.heading).find(word) != std::string::npos) {
                    score += 1;
                }
                start = end + 1;
            }
            if (score > 0) {
                hits.push_back(p);
                hits.back().score = score;
            }
        }
        std::stable_sort(hits.begin(), hits.end(),
                         [](const auto& a, const auto& b) { return a.score > b.score; });
        if (hits.size() > limit) {
            hits.resize(limit);
        }
        return hits;
    }

    core::Result<std::vector<core::Passage>> all_passages() override { return passages_; }

private:
    static std::string lower(std::string s) {
        for (char& c : s) {
            if (c >= 'A' && c <= 'Z') {
                c = static_cast<char>(c - 'A' + 'a');
            }
        }
        return s;
    }

    std::vector<core::Passage> passages_;
};

}  // namespace swarm::test
