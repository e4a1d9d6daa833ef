// What readiness needs from a database adapter: the last storage failure (error and time) that no
// later success has cleared, so a full disk or a read-only file shows instead of a green probe.
#pragma once

#include "core/result.hpp"

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

namespace swarm::storage {

/// Thread-safe. Only failures of the storage itself count (kIo, kUnavailable); refusals such as
/// not found or a taken name are answers, not faults.
class WriteHealth {
public:
    /// Remembers `error` when it is a storage fault; returns whether it was one.
    bool failed(const core::Error& error);
    /// A statement succeeded after the last failure: the fault has passed.
    void succeeded();
    /// "the last write failed 12 s ago: <cause>" while no success followed the failure.
    std::optional<std::string> problem() const;

    static bool is_fault(const core::Error& error);

private:
    mutable std::mutex mutex_;
    std::optional<core::Error> last_error_;              // guarded by mutex_
    std::chrono::steady_clock::time_point failed_at_{};  // guarded by mutex_
};

}  // namespace swarm::storage
