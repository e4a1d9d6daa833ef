#include "app/first_run.hpp"

#include "app/access_keys.hpp"
#include "app/people.hpp"

#include <fmt/format.h>

namespace swarm::app {
namespace {

constexpr std::size_t kFirstRunTokenBytes = 32;

tl::unexpected<core::Error> first_run_done() {
    return core::fail(core::ErrorCode::kNotFound, "this server has its first account already", "");
}

}  // namespace

core::Result<std::unique_ptr<FirstRun>> FirstRun::prepare(core::PeopleStore& people,
                                                          core::AccessStore& access,
                                                          crypto::PasswordCost cost) {
    SWARM_TRY_ASSIGN(const auto users, people.list_users());
    std::optional<std::string> token;
    if (users.empty()) {
        token = crypto::random_token(kFirstRunTokenBytes);
    }
    return std::make_unique<FirstRun>(people, access, cost, std::move(token));
}

core::Result<bool> FirstRun::still_needed() {
    if (!token_) {
        return false;
    }
    SWARM_TRY_ASSIGN(const auto users, people_.list_users());
    if (!users.empty()) {
        token_.reset();
        return false;
    }
    return true;
}

core::Result<bool> FirstRun::needed() {
    const std::lock_guard lock(mutex_);
    return still_needed();
}

core::Result<http::FirstRunDone> FirstRun::complete(const http::FirstRunForm& form,
                                                    const std::string& address,
                                                    std::string_view user_agent) {
    // One at a time: two pages sending the form at once make one account.
    const std::lock_guard lock(mutex_);
    SWARM_TRY_ASSIGN(const bool waiting, still_needed());
    if (!waiting) {
        return first_run_done();
    }
    if (!crypto::equal_constant_time(form.token, *token_)) {
        return core::fail(core::ErrorCode::kPermissionDenied,
                          "this first-run link is not the one the server printed at start; open "
                          "the link from its output",
                          "token");
    }
    // Every field checked before anything is stored.
    SWARM_TRY(core::access::check_workspace_name(form.workspace, "workspace"));
    SWARM_TRY(normalize_email(form.email, "email"));
    SWARM_TRY(check_password(form.password, "password"));
    SWARM_TRY_ASSIGN(const auto workspace, ensure_workspace(access_, form.workspace));
    SWARM_TRY_ASSIGN(auto added, add_person(people_,
                                            {workspace.workspace.id, form.email,
                                             core::access::Role::kOwner, form.password},
                                            cost_));
    SWARM_TRY_ASSIGN(auto session, issue_session(people_, added.user.id, address, user_agent));
    token_.reset();
    return http::FirstRunDone{http::SessionStart{std::move(added.user), std::move(session.token),
                                                 std::move(session.record)},
                              workspace.workspace.id, workspace.workspace.name};
}

std::optional<std::string> FirstRun::link(std::string_view listen) const {
    const std::lock_guard lock(mutex_);
    if (!token_) {
        return std::nullopt;
    }
    return first_run_link(listen, *token_);
}

std::string first_run_link(std::string_view listen, std::string_view token) {
    std::string where(listen);
    if (where.starts_with("0.0.0.0:")) {
        where = "127.0.0.1" + where.substr(7);
    } else if (where.starts_with("[::]:")) {
        where = "[::1]" + where.substr(4);
    }
    return fmt::format("http://{}/first-run#{}", where, token);
}

void announce_first_run(const FirstRun& first_run, std::string_view listen,
                        http::JsonLogger& logger, std::FILE* out) {
    const auto url = first_run.link(listen);
    if (!url) {
        return;
    }
    fmt::print(out, "First run: open {} to create the first account\n", *url);
    std::fflush(out);
    logger.info("first run", {{"url", *url},
                              {"note",
                               "no account exists yet: the link makes the first workspace and "
                               "its owner, once"}});
}

}  // namespace swarm::app
