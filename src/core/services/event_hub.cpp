#include "core/services/event_hub.hpp"

#include <vector>

namespace swarm::core {

struct EventHub::Entry {
    std::uint64_t id = 0;
    Callback callback;
    std::recursive_mutex call_mutex;  // held while calling; recursive: a callback may unsubscribe
    bool active = true;               // guarded by call_mutex
};

EventHub::Subscription::Subscription(Subscription&& other) noexcept
    : hub_(other.hub_), job_id_(std::move(other.job_id_)), entry_(std::move(other.entry_)) {
    other.hub_ = nullptr;
}

EventHub::Subscription& EventHub::Subscription::operator=(Subscription&& other) noexcept {
    if (this != &other) {
        reset();
        hub_ = other.hub_;
        job_id_ = std::move(other.job_id_);
        entry_ = std::move(other.entry_);
        other.hub_ = nullptr;
    }
    return *this;
}

void EventHub::Subscription::reset() {
    if (hub_ == nullptr) {
        return;
    }
    hub_->remove(job_id_, entry_);
    hub_ = nullptr;
    entry_.reset();
}

EventHub::Subscription EventHub::subscribe(const std::string& job_id, Callback callback) {
    auto entry = std::make_shared<Entry>();
    entry->callback = std::move(callback);
    {
        const std::lock_guard lock(mutex_);
        entry->id = next_id_++;
        subscribers_[job_id][entry->id] = entry;
    }
    return {this, job_id, std::move(entry)};
}

void EventHub::publish(const std::string& job_id, const JobEvent& event) {
    std::vector<std::shared_ptr<Entry>> targets;
    {
        const std::lock_guard lock(mutex_);
        const auto it = subscribers_.find(job_id);
        if (it == subscribers_.end()) {
            return;
        }
        targets.reserve(it->second.size());
        for (const auto& [id, entry] : it->second) {
            targets.push_back(entry);
        }
    }
    // Outside the hub's lock: subscribing and other jobs' publishers never wait for a callback.
    for (const auto& entry : targets) {
        const std::lock_guard call(entry->call_mutex);
        if (entry->active) {
            entry->callback(event);
        }
    }
}

std::size_t EventHub::subscriber_count(const std::string& job_id) const {
    const std::lock_guard lock(mutex_);
    const auto it = subscribers_.find(job_id);
    return it == subscribers_.end() ? 0 : it->second.size();
}

void EventHub::remove(const std::string& job_id, const std::shared_ptr<Entry>& entry) {
    {
        const std::lock_guard lock(mutex_);
        const auto it = subscribers_.find(job_id);
        if (it != subscribers_.end()) {
            it->second.erase(entry->id);
            if (it->second.empty()) {
                subscribers_.erase(it);
            }
        }
    }
    // Waits for a callback in progress on another thread; afterwards none starts.
    const std::lock_guard call(entry->call_mutex);
    entry->active = false;
}

}  // namespace swarm::core
