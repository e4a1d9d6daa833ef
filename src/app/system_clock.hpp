// The real Clock: the system clock for instants, the steady clock for durations.
#pragma once

#include "core/ports/clock.hpp"

namespace swarm::app {

class SystemClock final : public core::Clock {
public:
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::now();
    }

    std::chrono::steady_clock::time_point steady_now() const override {
        return std::chrono::steady_clock::now();
    }
};

}  // namespace swarm::app
