// `content-swarm admin ...`: workspaces and API keys on the database the server uses (--db,
// else CONTENT_SWARM_DB, else sqlite:content-swarm.db), for the first start and for scripts.
#include "app/access_keys.hpp"
#include "app/people.hpp"
#include "app/server_wiring.hpp"
#include "app/system_clock.hpp"
#include "cli/common.hpp"
#include "core/access/api_key.hpp"
#include "crypto/sodium.hpp"

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <iterator>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::cli {
namespace {

struct AdminOptions {
    std::string db;
    std::string name;       // create-workspace NAME
    std::string workspace;  // --workspace
    std::string role;
    std::string label;
    std::string expires;
    std::string prefix;  // revoke-key PREFIX
    std::string email;   // create-user, sign-out
    bool json = false;
};

std::string database_location(const std::string& option) {
    if (!option.empty()) {
        return option;
    }
    const char* env = std::getenv("CONTENT_SWARM_DB");  // NOLINT(concurrency-mt-unsafe)
    return env != nullptr && *env != '\0' ? env : "sqlite:content-swarm.db";
}

std::string iso_time(core::Timestamp at) {
    const auto seconds = std::chrono::system_clock::to_time_t(at);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

nlohmann::json optional_time(const std::optional<core::Timestamp>& at) {
    return at ? nlohmann::json(iso_time(*at)) : nlohmann::json(nullptr);
}

/// Writes an audit entry for an admin command ("cli" and the OS user, from this machine). A
/// failed append is reported but does not undo the command.
void cli_audit(app::AdminStores& stores, const core::WorkspaceId& workspace,
               const std::string& action, const std::string& object,
               const nlohmann::json& detail = nlohmann::json::object()) {
    const char* user = std::getenv("USER");  // NOLINT(concurrency-mt-unsafe)
    if (user == nullptr || *user == '\0') {
        user = std::getenv("LOGNAME");  // NOLINT(concurrency-mt-unsafe)
    }
    const std::string actor =
        "cli:" +
        (user != nullptr && *user != '\0' ? std::string(user) : "uid " + std::to_string(getuid()));
    if (auto appended = stores.audit->append(workspace, {actor, action, object, "", detail.dump()});
        !appended) {
        fmt::print(stderr, "content-swarm: warning: audit entry not stored: {}\n",
                   core::describe(appended.error()));
    }
}

/// "csk_<id>", the whole key, or the bare id → the id.
core::Result<std::string> key_id_of(const std::string& text) {
    std::string id = text;
    if (id.rfind(core::access::kApiKeyPrefix, 0) == 0) {
        id = id.substr(core::access::kApiKeyPrefix.size(), core::access::kApiKeyIdLength);
    }
    if (!core::access::is_api_key_id(id)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "expected a key prefix as `admin list` shows it (csk_ and 12 hex "
                          "digits)",
                          "PREFIX");
    }
    return id;
}

int run_create_workspace(const AdminOptions& opts) {
    const app::SystemClock clock;
    auto stores = app::open_admin_stores(database_location(opts.db), clock);
    if (!stores) {
        return report_error(stores.error());
    }
    auto& store = stores->access;
    if (auto found = store->find_workspace(opts.name); found && *found) {
        return report_error(core::Error{core::ErrorCode::kAlreadyExists,
                                        "a workspace named \"" + opts.name + "\" exists",
                                        "NAME",
                                        {}});
    }
    auto ensured = app::ensure_workspace(*store, opts.name);
    if (!ensured) {
        return report_error(ensured.error());
    }
    fmt::print("{}\n", ensured->workspace.id.str());
    return 0;
}

int run_create_key(const AdminOptions& opts) {
    auto role = core::access::parse_role(opts.role, "--role");
    if (!role) {
        return report_error(role.error());
    }
    const app::SystemClock clock;
    std::optional<core::Timestamp> expires;
    if (!opts.expires.empty()) {
        auto duration = app::parse_lifetime(opts.expires, "--expires");
        if (!duration) {
            return report_error(duration.error());
        }
        expires = clock.now() + *duration;
    }
    auto stores = app::open_admin_stores(database_location(opts.db), clock);
    if (!stores) {
        return report_error(stores.error());
    }
    auto& store = stores->access;
    auto workspace = app::ensure_workspace(*store, opts.workspace);
    if (!workspace) {
        return report_error(workspace.error());
    }
    if (workspace->created) {
        fmt::print(stderr, "content-swarm: created workspace \"{}\" ({})\n", opts.workspace,
                   workspace->workspace.id.str());
    }
    auto issued = app::issue_key(
        *store, app::KeyRequest{workspace->workspace.id, opts.label.empty() ? "admin" : opts.label,
                                *role, expires});
    if (!issued) {
        return report_error(issued.error());
    }
    cli_audit(*stores, workspace->workspace.id, "key.create",
              "key:" + core::access::api_key_prefix(issued->record.id),
              {{"name", issued->record.name},
               {"role", std::string(core::access::to_string(issued->record.role))}});
    fmt::print("{}\n", issued->key);  // the only output on stdout: scripts capture it
    return 0;
}

/// The new account's password: typed without echo on a terminal, else all of stdin (one final
/// line break dropped), so scripts can pipe it and it never shows in a process list.
std::string read_password(const std::string& email) {
    if (isatty(STDIN_FILENO) == 1) {
        fmt::print(stderr, "Password for {} (12 characters or more): ", email);
        std::fflush(stderr);
        termios saved{};
        const bool hidden = tcgetattr(STDIN_FILENO, &saved) == 0;
        if (hidden) {
            termios quiet = saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
        std::string line;
        std::getline(std::cin, line);
        if (hidden) {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        }
        fmt::print(stderr, "\n");
        return line;
    }
    std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    if (!text.empty() && text.back() == '\n') {
        text.pop_back();
        if (!text.empty() && text.back() == '\r') {
            text.pop_back();
        }
    }
    return text;
}

int run_create_user(const AdminOptions& opts) {
    auto role = core::access::parse_role(opts.role, "--role");
    if (!role) {
        return report_error(role.error());
    }
    auto email = app::normalize_email(opts.email, "--email");
    if (!email) {
        return report_error(email.error());
    }
    const app::SystemClock clock;
    auto stores = app::open_admin_stores(database_location(opts.db), clock);
    if (!stores) {
        return report_error(stores.error());
    }
    auto workspace = app::ensure_workspace(*stores->access, opts.workspace);
    if (!workspace) {
        return report_error(workspace.error());
    }
    if (workspace->created) {
        fmt::print(stderr, "content-swarm: created workspace \"{}\" ({})\n", opts.workspace,
                   workspace->workspace.id.str());
    }
    auto existing = stores->people->find_user_by_email(*email);
    if (!existing) {
        return report_error(existing.error());
    }
    std::optional<std::string> password;
    if (!*existing) {
        password = read_password(*email);
        if (auto checked = app::check_password(*password, "password (stdin)"); !checked) {
            return report_error(checked.error());
        }
    }
    auto added =
        app::add_person(*stores->people, {workspace->workspace.id, *email, *role, password},
                        crypto::PasswordCost::kInteractive);
    if (!added) {
        return report_error(added.error());
    }
    cli_audit(*stores, workspace->workspace.id, "member.add", "user:" + added->user.id,
              {{"email", added->user.email},
               {"role", std::string(core::access::to_string(*role))},
               {"account_created", added->user_created}});
    if (!added->user_created) {
        fmt::print(stderr,
                   "content-swarm: {} has an account already: added to \"{}\" as {}; password "
                   "unchanged\n",
                   *email, opts.workspace, core::access::to_string(*role));
    }
    fmt::print("{}\n", added->user.id);
    return 0;
}

/// The stores of --db and the account with --email (kNotFound naming --email when none).
core::Result<std::pair<app::AdminStores, core::UserRecord>> find_person(
    const AdminOptions& opts, const app::SystemClock& clock) {
    SWARM_TRY_ASSIGN(const auto email, app::normalize_email(opts.email, "--email"));
    SWARM_TRY_ASSIGN(auto stores, app::open_admin_stores(database_location(opts.db), clock));
    SWARM_TRY_ASSIGN(auto user, stores.people->find_user_by_email(email));
    if (!user) {
        return core::fail(core::ErrorCode::kNotFound, "no account has the email " + email,
                          "--email");
    }
    return std::pair{std::move(stores), std::move(*user)};
}

int run_set_password(const AdminOptions& opts) {
    const app::SystemClock clock;
    auto found = find_person(opts, clock);
    if (!found) {
        return report_error(found.error());
    }
    auto& [stores, account] = *found;
    const auto* user = &account;
    const auto* email = &account.email;
    const auto password = read_password(*email);
    if (auto checked = app::check_password(password, "password (stdin)"); !checked) {
        return report_error(checked.error());
    }
    auto hash = crypto::hash_password(password, crypto::PasswordCost::kInteractive);
    if (!hash) {
        return report_error(hash.error());
    }
    auto set = stores.people->set_password(user->id, *hash);
    auto revoked = set ? stores.people->revoke_sessions_of(user->id, std::nullopt)
                       : core::Result<std::int64_t>(tl::unexpected(set.error()));
    if (!revoked) {
        return report_error(revoked.error());
    }
    (void)stores.people->clear_failed_sign_ins(user->id);  // an unlock too
    if (auto memberships = stores.people->memberships_of(user->id)) {
        for (const auto& member : *memberships) {
            cli_audit(stores, member.workspace, "user.password_change", "user:" + user->id,
                      {{"sessions_ended", *revoked}});
        }
    }
    fmt::print("password set for {}; {} session(s) signed out\n", *email, *revoked);
    return 0;
}

int run_sign_out(const AdminOptions& opts) {
    const app::SystemClock clock;
    auto found = find_person(opts, clock);
    if (!found) {
        return report_error(found.error());
    }
    auto& [stores, account] = *found;
    const auto* user = &account;
    const auto* email = &account.email;
    auto revoked = stores.people->revoke_sessions_of(user->id, std::nullopt);
    if (!revoked) {
        return report_error(revoked.error());
    }
    if (auto memberships = stores.people->memberships_of(user->id)) {
        for (const auto& member : *memberships) {
            cli_audit(stores, member.workspace, "session.sign_out_everywhere", "user:" + user->id,
                      {{"sessions", *revoked}});
        }
    }
    fmt::print("signed out {} session(s) of {}\n", *revoked, *email);
    return 0;
}

int run_revoke_key(const AdminOptions& opts) {
    auto id = key_id_of(opts.prefix);
    if (!id) {
        return report_error(id.error());
    }
    const app::SystemClock clock;
    auto stores = app::open_admin_stores(database_location(opts.db), clock);
    if (!stores) {
        return report_error(stores.error());
    }
    auto& store = stores->access;
    auto revoked = store->revoke_key(*id, std::nullopt);
    if (!revoked) {
        return report_error(revoked.error());
    }
    cli_audit(*stores, revoked->workspace, "key.revoke",
              "key:" + core::access::api_key_prefix(*id));
    fmt::print("revoked {} (workspace {}, revoked at {})\n", core::access::api_key_prefix(*id),
               revoked->workspace_name, iso_time(*revoked->revoked_at));
    return 0;
}

int run_list(const AdminOptions& opts) {
    const app::SystemClock clock;
    auto stores = app::open_admin_stores(database_location(opts.db), clock);
    if (!stores) {
        return report_error(stores.error());
    }
    auto& store = stores->access;
    auto workspaces = store->list_workspaces();
    auto keys = store->list_keys(std::nullopt);
    if (!workspaces || !keys) {
        return report_error(!workspaces ? workspaces.error() : keys.error());
    }
    nlohmann::json out{{"workspaces", nlohmann::json::array()}};
    for (const auto& w : *workspaces) {
        nlohmann::json entry{{"id", w.id.str()},
                             {"name", w.name},
                             {"created_at", iso_time(w.created_at)},
                             {"keys", nlohmann::json::array()}};
        for (const auto& k : *keys) {
            if (k.workspace != w.id) {
                continue;
            }
            entry["keys"].push_back({{"prefix", core::access::api_key_prefix(k.id)},
                                     {"name", k.name},
                                     {"role", std::string(core::access::to_string(k.role))},
                                     {"created_at", iso_time(k.created_at)},
                                     {"expires_at", optional_time(k.expires_at)},
                                     {"last_used_at", optional_time(k.last_used_at)},
                                     {"revoked_at", optional_time(k.revoked_at)}});
        }
        auto members = stores->people->members(w.id);
        if (!members) {
            return report_error(members.error());
        }
        entry["members"] = nlohmann::json::array();
        for (const auto& m : *members) {
            entry["members"].push_back({{"user_id", m.user_id},
                                        {"email", m.email},
                                        {"role", std::string(core::access::to_string(m.role))},
                                        {"created_at", iso_time(m.created_at)}});
        }
        out["workspaces"].push_back(std::move(entry));
    }
    if (opts.json) {
        fmt::print("{}\n", out.dump(2));
        return 0;
    }
    for (const auto& w : out["workspaces"]) {
        fmt::print("workspace {} ({})\n", w["name"].get<std::string>(), w["id"].get<std::string>());
        for (const auto& m : w["members"]) {
            fmt::print("  member {:<32}  {:<8}  {}\n", m["email"].get<std::string>(),
                       m["role"].get<std::string>(), m["user_id"].get<std::string>());
        }
        for (const auto& k : w["keys"]) {
            std::string state = "active";
            if (!k["revoked_at"].is_null()) {
                state = "revoked " + k["revoked_at"].get<std::string>();
            } else if (!k["expires_at"].is_null()) {
                state = "expires " + k["expires_at"].get<std::string>();
            }
            fmt::print("  {}  {:<8}  {:<24}  last used {}  {}\n", k["prefix"].get<std::string>(),
                       k["role"].get<std::string>(), k["name"].get<std::string>(),
                       k["last_used_at"].is_null() ? "never" : k["last_used_at"].get<std::string>(),
                       state);
        }
    }
    return 0;
}

}  // namespace

void add_admin_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<AdminOptions>();
    auto* admin = app.add_subcommand(
        "admin",
        "Workspaces, people and API keys on the server's database (--db or CONTENT_SWARM_DB)");
    admin->require_subcommand(1);
    const auto add_db = [&opts](CLI::App* cmd) {
        cmd->add_option("--db", opts->db,
                        "Database: sqlite:PATH or postgres://... (default CONTENT_SWARM_DB or "
                        "sqlite:content-swarm.db)");
    };
    auto* create_workspace =
        admin->add_subcommand("create-workspace", "Create a workspace; prints its id");
    create_workspace->add_option("NAME", opts->name, "Workspace name")->required();
    add_db(create_workspace);
    create_workspace->callback([opts, &exit_code] { exit_code = run_create_workspace(*opts); });

    auto* create_key = admin->add_subcommand(
        "create-key", "Create an API key (the workspace too, when missing); prints only the key");
    create_key->add_option("--workspace", opts->workspace, "Workspace name")->required();
    create_key->add_option("--role", opts->role, "owner, editor, reviewer, viewer or metrics")
        ->required();
    create_key->add_option("--name", opts->label, "A label for lists (default \"admin\")");
    create_key->add_option("--expires", opts->expires, "Lifetime: 90d, 12h, 30m or 3600s");
    add_db(create_key);
    create_key->callback([opts, &exit_code] { exit_code = run_create_key(*opts); });

    auto* create_user = admin->add_subcommand(
        "create-user",
        "Add a person to a workspace (the account, and the workspace, when missing); the "
        "password of a new account comes from stdin; prints the user id");
    create_user->add_option("--workspace", opts->workspace, "Workspace name")->required();
    create_user->add_option("--email", opts->email, "The person's email (their sign-in name)")
        ->required();
    create_user->add_option("--role", opts->role, "owner, editor, reviewer or viewer")->required();
    add_db(create_user);
    create_user->callback([opts, &exit_code] { exit_code = run_create_user(*opts); });

    auto* set_password = admin->add_subcommand(
        "set-password",
        "Set a person's password (from stdin, or a hidden prompt); ends their sessions and "
        "lifts a sign-in lock");
    set_password->add_option("--email", opts->email, "The person's email")->required();
    add_db(set_password);
    set_password->callback([opts, &exit_code] { exit_code = run_set_password(*opts); });

    auto* sign_out = admin->add_subcommand(
        "sign-out", "Sign a person out everywhere (every session of the account ends at once)");
    sign_out->add_option("--email", opts->email, "The person's email")->required();
    add_db(sign_out);
    sign_out->callback([opts, &exit_code] { exit_code = run_sign_out(*opts); });

    auto* revoke_key =
        admin->add_subcommand("revoke-key", "Revoke a key at once (its prefix: csk_<id>)");
    revoke_key->add_option("PREFIX", opts->prefix, "csk_ and the key's 12-digit id")->required();
    add_db(revoke_key);
    revoke_key->callback([opts, &exit_code] { exit_code = run_revoke_key(*opts); });

    auto* list = admin->add_subcommand(
        "list", "Workspaces, their members and keys (never a secret or a password hash)");
    list->add_flag("--json", opts->json, "Print JSON");
    add_db(list);
    list->callback([opts, &exit_code] { exit_code = run_list(*opts); });
}

}  // namespace swarm::cli
