// The CLI's view of a running job: agent steps with timings on stderr, one line per event;
// coloured with check marks on a terminal, plain greppable lines otherwise.
#pragma once

#include "core/ports/event_sink.hpp"

#include <cstdio>
#include <mutex>

namespace swarm::cli {

class ProgressDisplay final : public core::EventSink {
public:
    /// `quiet` suppresses everything but errors.
    ProgressDisplay(std::FILE* out, bool quiet);
    void publish(core::JobEvent event) override;

private:
    std::FILE* out_;
    bool tty_;
    bool quiet_;
    std::mutex mutex_;  // serialises lines from concurrent writers
};

}  // namespace swarm::cli
