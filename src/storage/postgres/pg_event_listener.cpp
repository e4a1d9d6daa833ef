#include "storage/postgres/pg_event_listener.hpp"

#include "storage/postgres/pg_event_store.hpp"

#include <charconv>
#include <utility>

namespace swarm::storage {

class PgEventListener::Session {
public:
    Session(const std::string& conninfo, const PgOptions& options, const Callback& callback)
        : connection_(conninfo), receiver_(init(connection_, options), callback) {}

    /// Processes what arrived within `wait`; throws pqxx::broken_connection when it broke.
    void await(std::chrono::milliseconds wait) {
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(wait).count();
        connection_.await_notification(static_cast<long>(micros / 1000000),
                                       static_cast<long>(micros % 1000000));
    }

private:
    class Receiver final : public pqxx::notification_receiver {
    public:
        // The base constructor issues LISTEN at once (and pqxx re-issues it on reactivation).
        Receiver(pqxx::connection& connection, const Callback& callback)
            : pqxx::notification_receiver(connection, kPgEventChannel), callback_(callback) {}

        void operator()(const std::string& payload, int /*backend_pid*/) override {
            std::string workspace;
            std::string job_id;
            std::int64_t seq = 0;
            if (PgEventListener::parse_payload(payload, workspace, job_id, seq)) {
                callback_(core::WorkspaceId(std::move(workspace)), job_id, seq);
            }
        }

    private:
        const Callback& callback_;
    };

    static pqxx::connection& init(pqxx::connection& connection, const PgOptions& options) {
        pg_configure(connection, options);
        return connection;
    }

    pqxx::connection connection_;
    Receiver receiver_;  // declared after connection_: unregistered before it closes
};

core::Result<std::unique_ptr<PgEventListener>> PgEventListener::start(
    const std::string& url, Callback callback, const PgListenerOptions& options) {
    if (!callback) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must be set", "callback");
    }
    std::unique_ptr<PgEventListener> listener(new PgEventListener(
        pg_conninfo(url, options.connection.connect_timeout), std::move(callback), options));
    try {
        listener->session_ = std::make_unique<Session>(
            listener->conninfo_, listener->options_.connection, listener->callback_);
    } catch (const std::exception& error) {
        auto out = pg_error(error);
        out.code = core::ErrorCode::kUnavailable;
        return tl::unexpected(std::move(out));
    }
    listener->thread_ = std::thread([raw = listener.get()] { raw->loop(); });
    return listener;
}

PgEventListener::PgEventListener(std::string conninfo, Callback callback, PgListenerOptions options)
    : conninfo_(std::move(conninfo)),
      callback_(std::move(callback)),
      options_(std::move(options)) {}

PgEventListener::~PgEventListener() {
    stop();
}

void PgEventListener::stop() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

bool PgEventListener::pause(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    return !wake_.wait_for(lock, delay, [this] { return stopping_.load(); });
}

void PgEventListener::loop() {
    while (!stopping_) {
        try {
            if (!session_) {
                session_ = std::make_unique<Session>(conninfo_, options_.connection, callback_);
                ++reconnects_;
            }
            session_->await(options_.wait);
        } catch (const std::exception& error) {
            // Broken (or never re-established): say why, drop it, wait, and connect again.
            if (options_.on_error) {
                options_.on_error(pg_error(error));
            }
            session_.reset();
            if (!pause(options_.reconnect_delay)) {
                break;
            }
        }
    }
    session_.reset();
}

bool PgEventListener::parse_payload(const std::string& payload, std::string& workspace,
                                    std::string& job_id, std::int64_t& seq) {
    const auto slash = payload.find('/');
    const auto colon = payload.rfind(':');
    if (slash == std::string::npos || slash == 0 || colon == std::string::npos ||
        colon <= slash + 1 || colon + 1 == payload.size()) {
        return false;
    }
    const char* begin = payload.data() + colon + 1;
    const char* end = payload.data() + payload.size();
    const auto [ptr, ec] = std::from_chars(begin, end, seq);
    if (ec != std::errc() || ptr != end || seq < 1) {
        return false;
    }
    workspace = payload.substr(0, slash);
    job_id = payload.substr(slash + 1, colon - slash - 1);
    return true;
}

}  // namespace swarm::storage
