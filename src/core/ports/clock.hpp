// Port: time. Injected so tests and deterministic runs never read the wall clock directly.
#pragma once

#include <chrono>

namespace swarm::core {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;
    /// Monotonic time for measuring durations.
    virtual std::chrono::steady_clock::time_point steady_now() const = 0;
};

}  // namespace swarm::core
