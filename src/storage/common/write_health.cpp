#include "storage/common/write_health.hpp"

namespace swarm::storage {

bool WriteHealth::is_fault(const core::Error& error) {
    return error.code == core::ErrorCode::kIo || error.code == core::ErrorCode::kUnavailable;
}

bool WriteHealth::failed(const core::Error& error) {
    if (!is_fault(error)) {
        return false;
    }
    const std::lock_guard lock(mutex_);
    last_error_ = error;
    failed_at_ = std::chrono::steady_clock::now();
    return true;
}

void WriteHealth::succeeded() {
    const std::lock_guard lock(mutex_);
    last_error_.reset();
}

std::optional<std::string> WriteHealth::problem() const {
    const std::lock_guard lock(mutex_);
    if (!last_error_) {
        return std::nullopt;
    }
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::steady_clock::now() - failed_at_);
    return "the last write failed " + std::to_string(age.count()) +
           " s ago: " + last_error_->message;
}

}  // namespace swarm::storage
