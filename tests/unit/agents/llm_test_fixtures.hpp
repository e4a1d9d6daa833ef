// Fixtures for the model-backed agents' tests: well-formed model replies built from the offline
// pipeline's clean items (so they pass every rule and are grounded), a recording raw-output
// store, and a harness that runs the pipeline with scripted clients.
#pragma once

#include "core/agents/pipeline.hpp"
#include "core/agents/prompt_builder.hpp"
#include "core/agents/writer_support.hpp"
#include "support/fake_time_zones.hpp"
#include "support/fakes.hpp"
#include "unit/agents/agent_fixtures.hpp"
#include "unit/agents/scripted_llm_client.hpp"

#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::test {

using namespace std::chrono_literals;

/// Records every append with the number of events published before it.
class RecordingRawOutputStore final : public core::RawOutputStore {
public:
    explicit RecordingRawOutputStore(const RecordingEventSink& events) : events_(events) {}

    core::Result<std::int64_t> append(const std::string& job_id, const std::string& agent,
                                      std::optional<core::Platform> platform,
                                      const std::string& text) override {
        const auto seen = events_.events().size();
        const std::lock_guard lock(mutex_);
        if (failing) {
            return core::fail(core::ErrorCode::kIo, "disk full");
        }
        core::RawOutputRecord r;
        r.id = static_cast<std::int64_t>(records_.size()) + 1;
        r.job_id = job_id;
        r.agent = agent;
        r.platform = platform;
        r.text = text;
        records_.push_back(std::move(r));
        events_before_.push_back(seen);
        return records_.back().id;
    }

    core::Result<std::vector<core::RawOutputRecord>> list(const core::WorkspaceId& /*workspace*/,
                                                          const std::string& /*job_id*/) override {
        const std::lock_guard lock(mutex_);
        return records_;
    }

    std::vector<core::RawOutputRecord> records() const {
        const std::lock_guard lock(mutex_);
        return records_;
    }

    std::vector<std::size_t> events_before() const {
        const std::lock_guard lock(mutex_);
        return events_before_;
    }

    bool failing = false;

private:
    const RecordingEventSink& events_;
    mutable std::mutex mutex_;
    std::vector<core::RawOutputRecord> records_;
    std::vector<std::size_t> events_before_;
};

/// The offline pipeline's items for the sample brief: clean, grounded material for replies.
inline const std::vector<core::ContentItem>& clean_items() {
    static const std::vector<core::ContentItem> items = [] {
        InMemoryKnowledgeBase kb(sample_passages());
        FixedTimeZones tz;
        FakeClock clock{std::chrono::system_clock::time_point{}};
        core::NullEventSink events;
        const core::PipelineDeps deps{kb, tz, clock, events};
        return run_pipeline(sample_brief(), deps, core::PipelineOptions{"clean", std::nullopt})
            ->items;
    }();
    return items;
}

inline const core::ContentItem& clean(core::Platform platform) {
    for (const auto& item : clean_items()) {
        if (item.platform == platform) {
            return item;
        }
    }
    return clean_items().front();
}

/// The structured (JSON) reply a good writer gives for the platform.
inline std::string json_reply(core::Platform platform) {
    const auto& item = clean(platform);
    nlohmann::json doc;
    if (platform == core::Platform::kLinkedIn) {
        doc = {{"body", item.body}, {"hashtags", item.hashtags}};
    } else if (platform == core::Platform::kTwitter) {
        doc["posts"] = nlohmann::json::array();
        for (const auto& p : item.parts) {
            doc["posts"].push_back(core::agents::strip_thread_prefix(p.body));
        }
    } else {
        doc["slides"] = nlohmann::json::array();
        for (const auto& s : item.parts) {
            doc["slides"].push_back(
                {{"title", s.title}, {"bullets", s.bullets}, {"notes", s.notes}});
        }
    }
    return doc.dump();
}

/// The text a good writer gives for the platform (no JSON), as the tolerant parser reads it.
inline std::string text_reply(core::Platform platform) {
    const auto& item = clean(platform);
    if (platform == core::Platform::kLinkedIn) {
        return item.body;
    }
    std::string out;
    for (std::size_t i = 0; i < item.parts.size(); ++i) {
        const auto& p = item.parts[i];
        if (platform == core::Platform::kTwitter) {
            out += (i == 0 ? "" : "\n\n") + p.body;
            continue;
        }
        out += (i == 0 ? "" : "\n\n") + ("Slide " + std::to_string(i + 1) + ": " + p.title);
        for (const auto& b : p.bullets) {
            out += "\n- " + b;
        }
        if (!p.notes.empty()) {
            out += "\nNotes: " + p.notes;
        }
    }
    return out;
}

/// The slides of part `number` (1-based) of the good deck, split as the writer splits a deck of
/// its size (core::agents::deck_parts).
inline std::vector<core::Part> deck_part_slides(int number) {
    const auto& deck = clean(core::Platform::kPitchDeck).parts;
    for (const auto& part : core::agents::deck_parts(static_cast<int>(deck.size()))) {
        if (part.number == number) {
            return {deck.begin() + (part.first - 1), deck.begin() + part.last};
        }
    }
    return {};
}

/// The structured reply of a good writer for part `number` of the deck.
inline std::string json_deck_part(int number) {
    nlohmann::json doc;
    doc["slides"] = nlohmann::json::array();
    for (const auto& s : deck_part_slides(number)) {
        doc["slides"].push_back({{"title", s.title}, {"bullets", s.bullets}, {"notes", s.notes}});
    }
    return doc.dump();
}

/// The text reply (no JSON) of a good writer for part `number` of the deck, slides numbered as
/// in the whole deck.
inline std::string text_deck_part(int number) {
    std::string out;
    const auto slides = deck_part_slides(number);
    const auto parts =
        core::agents::deck_parts(static_cast<int>(clean(core::Platform::kPitchDeck).parts.size()));
    const int first = parts.at(static_cast<std::size_t>(number - 1)).first;
    for (std::size_t i = 0; i < slides.size(); ++i) {
        const auto& p = slides[i];
        out += (i == 0 ? "" : "\n\n") +
               ("Slide " + std::to_string(first + static_cast<int>(i)) + ": " + p.title);
        for (const auto& b : p.bullets) {
            out += "\n- " + b;
        }
        if (!p.notes.empty()) {
            out += "\nNotes: " + p.notes;
        }
    }
    return out;
}

/// One text for every platform with the section headers the single-call prompt asks for.
inline std::string single_call_reply(const std::vector<core::Platform>& platforms) {
    std::string out;
    for (const auto p : platforms) {
        out += (out.empty() ? "" : "\n\n") + ("## " + std::string(core::spec(p).display_name)) +
               "\n\n" + text_reply(p);
    }
    return out;
}

/// The pipeline with scripted model clients over the sample knowledge base.
struct ModelHarness {
    ModelHarness() { llm.writer = writer; }

    InMemoryKnowledgeBase kb{sample_passages()};
    FixedTimeZones tz;
    FakeClock clock{std::chrono::system_clock::time_point{
        std::chrono::sys_days{std::chrono::year{2026} / 11 / 30}}};
    RecordingEventSink events;
    RecordingRawOutputStore raw{events};
    std::shared_ptr<ScriptedLlmClient> writer = std::make_shared<ScriptedLlmClient>();
    core::LlmAgents llm;
    std::stop_source stop;

    /// Scripts every platform's writer with its good JSON reply.
    /// Every writer answers well; the deck's parts each answer their share of the good deck
    /// (and a whole-deck call, as a rewrite makes, the whole deck).
    void script_good_writers() {
        for (const auto p : sample_brief().platforms) {
            writer->script("writer:" + std::string(core::to_string(p)), {reply(json_reply(p))});
        }
        for (const int part : {1, 2}) {
            writer->script("writer:pitch_deck#part" + std::to_string(part),
                           {reply(json_deck_part(part))});
        }
    }

    core::Result<core::Job> run(const core::Brief& brief = sample_brief()) {
        const core::PipelineDeps deps{kb, tz, clock, events, {}, &llm, &raw, stop.get_token()};
        return run_pipeline(brief, deps, core::PipelineOptions{"job1", std::nullopt});
    }

    /// The concatenated progress messages of an agent (and platform, when given).
    std::string progress(const std::string& agent, std::optional<core::Platform> platform) const {
        std::string out;
        for (const auto& e : events.events()) {
            if (e.type == core::EventType::kAgentProgress && e.agent == agent &&
                e.platform == platform) {
                out += e.message;
            }
        }
        return out;
    }
};

inline bool has_note(const core::Job& job, std::string_view needle) {
    for (const auto& n : job.notes) {
        if (n.find(needle) != std::string::npos) {
            return true;
        }
    }
    return false;
}

inline bool has_error_issue(const core::ContentItem& item) {
    for (const auto& i : item.quality.issues) {
        if (i.severity == core::Severity::kError) {
            return true;
        }
    }
    return false;
}

inline std::string user_text(const core::LlmRequest& request) {
    return request.messages.empty() ? std::string() : request.messages.back().text;
}

}  // namespace swarm::test
