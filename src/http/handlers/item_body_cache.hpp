// The serialized JSON of content items by (id, version), so a repeated GET of an unchanged item
// copies bytes instead of parsing the stored document and writing it again. LRU, bounded bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace swarm::http {

/// Thread-safe. A version of an item never changes once written (every edit is version+1), so an
/// entry is valid while its version is current. Normally the caller reads the store to learn the
/// current version (another replica may have edited the item). When the store vouches for its
/// changes (ContentStore::change_epoch), an entry also remembers the epoch read before the
/// version it holds was confirmed, and `find_current` serves it with no store read at all while
/// the epoch is unchanged. One entry per item: a newer version replaces the older one. Never
/// blocks on anything but its own short lock (it is used on network threads).
class ItemBodyCache {
public:
    static constexpr std::size_t kDefaultMaxBytes = std::size_t{16} * 1024 * 1024;

    explicit ItemBodyCache(std::size_t max_bytes = kDefaultMaxBytes) : max_bytes_(max_bytes) {}

    struct Current {
        std::int64_t version = 0;
        std::string body;
    };

    /// The body stored for exactly this version, if any (and marks it recently used). `epoch`:
    /// the store's change epoch read before `version` was read; the entry is then current as of
    /// it (nullopt: as of nothing).
    std::optional<std::string> find(const std::string& id, std::int64_t version,
                                    std::optional<std::uint64_t> epoch = std::nullopt) {
        const std::lock_guard lock(mutex_);
        const auto* entry = confirm_locked(id, version, epoch);
        return entry != nullptr ? std::optional(entry->body) : std::nullopt;
    }

    /// As find, without copying the body: marks the entry for exactly this version current as of
    /// `epoch` (a 304 that read the version needs no body).
    void confirm(const std::string& id, std::int64_t version, std::optional<std::uint64_t> epoch) {
        const std::lock_guard lock(mutex_);
        confirm_locked(id, version, epoch);
    }

    /// The entry, when it was confirmed current at exactly `epoch` (the store's epoch now):
    /// nothing was written since, so it is still the item's current version.
    std::optional<Current> find_current(const std::string& id, std::uint64_t epoch) {
        const std::lock_guard lock(mutex_);
        const auto it = index_.find(id);
        if (it == index_.end() || it->second->current_as_of != epoch) {
            return std::nullopt;
        }
        entries_.splice(entries_.begin(), entries_, it->second);
        return Current{it->second->version, it->second->body};
    }

    /// Keeps `body` for (id, version), evicting the least recently used entries beyond the bound.
    /// A body larger than the whole bound is not kept. `epoch`: as for find.
    void put(const std::string& id, std::int64_t version, std::string body,
             std::optional<std::uint64_t> epoch = std::nullopt) {
        const std::lock_guard lock(mutex_);
        erase_locked(id);
        if (body.size() + id.size() > max_bytes_) {
            return;
        }
        bytes_ += body.size() + id.size();
        entries_.push_front(Entry{id, version, std::move(body), epoch});
        index_[id] = entries_.begin();
        while (bytes_ > max_bytes_ && !entries_.empty()) {
            erase_locked(entries_.back().id);
        }
    }

    /// Drops the item (deleted).
    void erase(const std::string& id) {
        const std::lock_guard lock(mutex_);
        erase_locked(id);
    }

    std::size_t bytes() const {
        const std::lock_guard lock(mutex_);
        return bytes_;
    }

    std::size_t size() const {
        const std::lock_guard lock(mutex_);
        return index_.size();
    }

private:
    struct Entry {
        std::string id;
        std::int64_t version = 0;
        std::string body;
        std::optional<std::uint64_t> current_as_of;  // the store's epoch it was confirmed at
    };

    /// The entry for exactly this version, made most recently used and current as of `epoch`;
    /// null when there is none.
    const Entry* confirm_locked(const std::string& id, std::int64_t version,
                                std::optional<std::uint64_t> epoch) {
        const auto it = index_.find(id);
        if (it == index_.end() || it->second->version != version) {
            return nullptr;
        }
        it->second->current_as_of = epoch;
        entries_.splice(entries_.begin(), entries_, it->second);
        return &*it->second;
    }

    void erase_locked(const std::string& id) {
        const auto it = index_.find(id);
        if (it == index_.end()) {
            return;
        }
        bytes_ -= it->second->body.size() + it->second->id.size();
        entries_.erase(it->second);
        index_.erase(it);
    }

    std::size_t max_bytes_;
    mutable std::mutex mutex_;
    std::list<Entry> entries_;  // most recently used first; guarded by mutex_
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;  // guarded by mutex_
    std::size_t bytes_ = 0;                                              // guarded by mutex_
};

}  // namespace swarm::http
