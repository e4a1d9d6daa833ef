// Wake-ups across replicas: a dedicated connection LISTENs on swarm_events and a thread hands each
// "job_id:seq" notification to a callback. Nothing is replayed, so readers keep polling as well.
#pragma once

#include "core/model/workspace.hpp"
#include "core/result.hpp"
#include "storage/postgres/pg_database.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace swarm::storage {

struct PgListenerOptions {
    std::chrono::milliseconds wait{250};              // one bounded wait; bounds stop() too
    std::chrono::milliseconds reconnect_delay{1000};  // after the connection broke
    PgOptions connection;                             // connect and statement timeouts
    /// Told, on the listener's thread, why the connection broke or could not be re-established
    /// before each reconnect (kUnavailable for a broken connection; the message is the driver's
    /// first line, which never holds the URL's password). Must be quick and must not throw.
    std::function<void(const core::Error&)> on_error;
};

/// Runs `callback(job_id, seq)` on its own thread for every notification on kPgEventChannel
/// (payloads that are not "<job_id>:<seq>" are ignored). The callback must be quick and must not
/// throw. If the connection breaks, the thread reconnects (notifications sent meanwhile are lost:
/// the reason readers also poll). stop() or the destructor ends the thread within about `wait`.
class PgEventListener {
public:
    using Callback = std::function<void(const core::WorkspaceId& workspace,
                                        const std::string& job_id, std::int64_t seq)>;

    /// Connects and LISTENs before returning, so every NOTIFY committed afterwards is seen.
    /// kUnavailable when the server cannot be reached; kInvalidArgument without a callback.
    static core::Result<std::unique_ptr<PgEventListener>> start(
        const std::string& url, Callback callback, const PgListenerOptions& options = {});

    ~PgEventListener();
    PgEventListener(const PgEventListener&) = delete;
    PgEventListener& operator=(const PgEventListener&) = delete;

    /// Idempotent; returns once the thread has ended.
    void stop();

    /// How often the connection was re-established after breaking.
    std::int64_t reconnects() const { return reconnects_.load(); }

    /// Splits "<workspace>/<job_id>:<seq>" (the job id may itself contain ':'); false when
    /// malformed (also for the "<job_id>:<seq>" of versions before workspaces: ignored, the
    /// streams read the store).
    static bool parse_payload(const std::string& payload, std::string& workspace,
                              std::string& job_id, std::int64_t& seq);

private:
    class Session;  // the connection and its pqxx receiver

    PgEventListener(std::string conninfo, Callback callback, PgListenerOptions options);

    void loop();
    /// Waits `delay` unless stop() is called first; returns false when stopping.
    bool pause(std::chrono::milliseconds delay);

    std::string conninfo_;
    Callback callback_;
    PgListenerOptions options_;
    std::unique_ptr<Session> session_;  // used by the thread only once it runs
    std::atomic<bool> stopping_{false};
    std::atomic<std::int64_t> reconnects_{0};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::thread thread_;
};

}  // namespace swarm::storage
