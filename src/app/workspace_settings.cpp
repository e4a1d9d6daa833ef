#include "app/workspace_settings.hpp"

#include "core/ports/llm_client.hpp"
#include "crypto/sodium.hpp"

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace swarm::app {
namespace {

constexpr std::chrono::seconds kLimitsTrustedFor{5};
constexpr std::size_t kMaxCachedWorkspaces = 65536;

tl::unexpected<core::Error> exhausted(std::string message, std::string field,
                                      std::chrono::seconds retry_after) {
    core::Error error{
        core::ErrorCode::kResourceExhausted, std::move(message), std::move(field), {}};
    error.retry_after = std::max(retry_after, std::chrono::seconds(1));
    return tl::unexpected(std::move(error));
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

core::Result<std::string> read_key_file(const std::string& path, const std::string& field) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          fmt::format("cannot read the secret key file \"{}\"", path), field);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return trimmed(text.str());
}

/// Writes a new random key to `path`, readable by the owner only; fails if the file exists.
core::Result<std::string> create_key_file(const std::string& path) {
    const auto key = crypto::SecretBox::generate_key_text();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return core::fail(core::ErrorCode::kIo,
                          fmt::format("cannot create the secret key file \"{}\"", path),
                          "CONTENT_SWARM_SECRET_KEY_FILE");
    }
    const auto line = key + "\n";
    const auto written = ::write(fd, line.data(), line.size());
    ::close(fd);
    if (written != static_cast<ssize_t>(line.size())) {
        return core::fail(core::ErrorCode::kIo,
                          fmt::format("cannot write the secret key file \"{}\"", path),
                          "CONTENT_SWARM_SECRET_KEY_FILE");
    }
    return key;
}

}  // namespace

core::Timestamp month_start(core::Timestamp at) {
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::year_month_day ymd{day};
    return std::chrono::sys_days{ymd.year() / ymd.month() / 1};
}

core::Timestamp next_month_start(core::Timestamp at) {
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::year_month_day ymd{day};
    const auto next = ymd.year() / ymd.month() / 1 + std::chrono::months(1);
    return std::chrono::sys_days{next};
}

core::Result<LoadedSecretKey> load_secret_key(const SecretKeySource& source) {
    LoadedSecretKey loaded;
    std::optional<std::string> text;
    std::string field;
    if (source.key_text) {
        text = trimmed(*source.key_text);
        loaded.origin = field = "CONTENT_SWARM_SECRET_KEY";
    } else if (source.key_file) {
        SWARM_TRY_ASSIGN(text, read_key_file(*source.key_file, "CONTENT_SWARM_SECRET_KEY_FILE"));
        field = "CONTENT_SWARM_SECRET_KEY_FILE";
        loaded.origin = *source.key_file;
    } else if (source.sqlite_db && *source.sqlite_db != ":memory:") {
        const auto path = *source.sqlite_db + ".secret-key";
        field = "CONTENT_SWARM_SECRET_KEY_FILE";
        loaded.origin = path;
        if (std::filesystem::exists(path)) {
            SWARM_TRY_ASSIGN(text, read_key_file(path, field));
        } else {
            SWARM_TRY_ASSIGN(text, create_key_file(path));
            loaded.created = true;
        }
    } else {
        return loaded;  // no key: secrets cannot be stored
    }
    SWARM_TRY_ASSIGN(auto box, crypto::SecretBox::from_key_text(*text, field));
    loaded.box = std::move(box);
    return loaded;
}

std::optional<http::ServerModel> server_model(const core::LlmAgents& agents) {
    if (!agents.writer) {
        return std::nullopt;
    }
    return http::ServerModel{agents.writer->provider(), agents.writer->model()};
}

core::WorkspaceLimits WorkspaceLimiter::defaults() const {
    return {defaults_.max_queued_jobs, defaults_.monthly_token_cap, defaults_.requests_per_minute};
}

std::optional<core::WorkspaceLimits> WorkspaceLimiter::effective(const core::WorkspaceId& workspace,
                                                                 bool may_block) {
    const auto now = std::chrono::steady_clock::now();
    {
        const std::lock_guard lock(mutex_);
        const auto it = cache_.find(workspace.str());
        if (it != cache_.end() && (now - it->second.fetched < kLimitsTrustedFor || !may_block)) {
            return it->second.limits;
        }
    }
    if (!may_block) {
        return std::nullopt;
    }
    auto own = store_.limits(workspace);
    core::WorkspaceLimits limits = defaults();
    if (own) {
        if (own->max_queued_jobs) {
            limits.max_queued_jobs = own->max_queued_jobs;
        }
        if (own->monthly_token_cap) {
            limits.monthly_token_cap = own->monthly_token_cap;
        }
        if (own->requests_per_minute) {
            limits.requests_per_minute = own->requests_per_minute;
        }
    }
    const std::lock_guard lock(mutex_);
    if (cache_.size() >= kMaxCachedWorkspaces) {
        cache_.clear();
    }
    cache_[workspace.str()] = Cached{limits, now};
    return limits;
}

core::Result<core::WorkspaceLoad> WorkspaceLimiter::load(const core::WorkspaceId& workspace) {
    return jobs_.workspace_load(workspace, app::month_start(clock_.now()));
}

core::Timestamp WorkspaceLimiter::month_start() const {
    return app::month_start(clock_.now());
}

core::Result<void> WorkspaceLimiter::admit_job(const core::WorkspaceId& workspace) {
    const auto limits = effective(workspace, true);
    SWARM_TRY_ASSIGN(const auto used, load(workspace));
    if (limits->max_queued_jobs && used.open_jobs >= *limits->max_queued_jobs) {
        return exhausted(fmt::format("the workspace has {} jobs queued or running, its limit "
                                     "(max_queued_jobs); wait for some to finish",
                                     used.open_jobs),
                         "max_queued_jobs", std::chrono::seconds(30));
    }
    if (limits->monthly_token_cap && used.tokens_since >= *limits->monthly_token_cap) {
        const auto now = clock_.now();
        const auto wait = std::chrono::ceil<std::chrono::seconds>(next_month_start(now) - now);
        return exhausted(fmt::format("the workspace used {} model tokens this month, its limit "
                                     "(monthly_token_cap is {}); it resets on the 1st (UTC)",
                                     used.tokens_since, *limits->monthly_token_cap),
                         "monthly_token_cap", wait);
    }
    return {};
}

void WorkspaceLimiter::limits_changed(const core::WorkspaceId& workspace) {
    const std::lock_guard lock(mutex_);
    cache_.erase(workspace.str());
}

core::Result<std::string> WorkspaceLimiter::seal(std::string_view value) const {
    if (!secrets_) {
        return core::fail(core::ErrorCode::kUnavailable,
                          "this server has no secret key to encrypt stored secrets with: set "
                          "CONTENT_SWARM_SECRET_KEY (64 hex digits, e.g. from `openssl rand -hex "
                          "32`) or CONTENT_SWARM_SECRET_KEY_FILE",
                          "secret");
    }
    return secrets_->seal(value);
}

core::Result<std::string> WorkspaceLimiter::open(std::string_view sealed) const {
    if (!secrets_) {
        return core::fail(core::ErrorCode::kUnavailable,
                          "this server has no secret key to open stored secrets with: set "
                          "CONTENT_SWARM_SECRET_KEY (the key they were stored under)",
                          "secret");
    }
    return secrets_->open(sealed);
}

std::string WorkspaceLimiter::random_secret() const {
    return crypto::random_token(32);
}

bool WorkspaceLimiter::same_secret(std::string_view a, std::string_view b) const {
    return crypto::equal_constant_time(a, b);
}

std::optional<core::Error> WorkspaceLimiter::admit(const core::access::Principal& principal,
                                                   bool may_block) {
    const auto limits = effective(principal.workspace, may_block);
    const auto per_minute = limits ? limits->requests_per_minute : defaults_.requests_per_minute;
    if (!per_minute) {
        return std::nullopt;
    }
    const auto wait =
        rates_.acquire(principal.workspace.str(), *per_minute, std::chrono::steady_clock::now());
    if (!wait) {
        return std::nullopt;
    }
    core::Error error{core::ErrorCode::kResourceExhausted,
                      fmt::format("the workspace made more than {} requests in a minute, its "
                                  "limit (requests_per_minute)",
                                  *per_minute),
                      "requests_per_minute",
                      {}};
    error.retry_after = *wait;
    return error;
}

}  // namespace swarm::app
