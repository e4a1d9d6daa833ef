#include "app/people.hpp"

#include "app/access_keys.hpp"
#include "core/knowledge/document_rules.hpp"
#include "core/text/hex.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>

namespace swarm::app {
namespace {

constexpr std::string_view kSessionPrefix = "css_";
constexpr std::size_t kSessionIdLength = 16;
constexpr std::size_t kSessionSecretLength = 43;
constexpr int kSessionIdAttempts = 8;
constexpr std::size_t kMaxUserAgent = 256;

tl::unexpected<core::Error> invalid_person(std::string message, std::string_view field) {
    return core::fail(core::ErrorCode::kInvalidArgument, std::move(message), std::string(field));
}

tl::unexpected<core::Error> session_refused(std::string message) {
    return core::fail(core::ErrorCode::kUnauthenticated, std::move(message), "Cookie");
}

bool is_base64url(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               c == '-' || c == '_';
    });
}

/// The public id of a well-formed session token.
std::optional<std::string> session_id_of(std::string_view token) {
    if (token.size() != kSessionPrefix.size() + kSessionIdLength + 1 + kSessionSecretLength ||
        !token.starts_with(kSessionPrefix)) {
        return std::nullopt;
    }
    const auto id = token.substr(kSessionPrefix.size(), kSessionIdLength);
    const auto separator = token[kSessionPrefix.size() + kSessionIdLength];
    const auto secret = token.substr(kSessionPrefix.size() + kSessionIdLength + 1);
    if (!core::text::is_lower_hex(id) || separator != '_' || !is_base64url(secret)) {
        return std::nullopt;
    }
    return std::string(id);
}

}  // namespace

core::Result<std::string> normalize_email(std::string_view text, std::string_view field) {
    auto email = core::text::ascii_lower(core::text::trim(text));
    const auto at = email.find('@');
    const bool shaped = !email.empty() && email.size() <= 254 && at != std::string::npos &&
                        at > 0 && email.find('@', at + 1) == std::string::npos &&
                        email.find('.', at + 2) != std::string::npos && email.back() != '.' &&
                        std::none_of(email.begin(), email.end(),
                                     [](char c) {
                                         return static_cast<unsigned char>(c) <= 0x20 ||
                                                c == 0x7f || c == '<' || c == '>' || c == ',' ||
                                                c == ';' || c == '"';
                                     }) &&
                        core::knowledge::is_valid_utf8(email);
    if (!shaped) {
        return invalid_person(
            "must be an email address such as name@example.com (at most 254 bytes)", field);
    }
    return email;
}

core::Result<void> check_password(std::string_view password, std::string_view field) {
    if (password.size() < kMinPasswordLength || password.size() > kMaxPasswordLength) {
        return invalid_person("must be 12 to 1024 bytes long", field);
    }
    if (!core::knowledge::is_valid_utf8(password) ||
        std::any_of(password.begin(), password.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        return invalid_person("must be UTF-8 text without control characters", field);
    }
    return {};
}

core::Result<AddedPerson> add_person(core::PeopleStore& people, const PersonRequest& request,
                                     crypto::PasswordCost cost) {
    if (request.role == core::access::Role::kMetrics) {
        return invalid_person("a person's role is owner, editor, reviewer or viewer", "role");
    }
    SWARM_TRY_ASSIGN(const auto email, normalize_email(request.email, "email"));
    SWARM_TRY_ASSIGN(auto user, people.find_user_by_email(email));
    bool created = false;
    if (!user) {
        if (!request.password) {
            return invalid_person("is required for a new person (" + email + " has no account yet)",
                                  "password");
        }
        SWARM_TRY(check_password(*request.password, "password"));
        SWARM_TRY_ASSIGN(const auto hash, crypto::hash_password(*request.password, cost));
        // 64 random bits: an id collision is not worth a retry. A taken email means another
        // process created the account meanwhile: that account is the one to add.
        auto made = people.create_user("usr_" + secure_hex(8), email, hash);
        if (made) {
            user = std::move(*made);
            created = true;
        } else if (made.error().code == core::ErrorCode::kAlreadyExists) {
            SWARM_TRY_ASSIGN(user, people.find_user_by_email(email));
        }
        if (!user) {
            return tl::unexpected(made.error());
        }
    }
    SWARM_TRY_ASSIGN(auto membership, people.add_member(request.workspace, user->id, request.role));
    return AddedPerson{std::move(*user), std::move(membership), created};
}

core::Result<IssuedSession> issue_session(core::PeopleStore& people, const std::string& user_id,
                                          const std::string& address, std::string_view user_agent) {
    const auto agent =
        std::string(user_agent.substr(0, std::min(user_agent.size(), kMaxUserAgent)));
    for (int attempt = 0; attempt < kSessionIdAttempts; ++attempt) {
        const auto id = secure_hex(kSessionIdLength / 2);
        auto token = std::string(kSessionPrefix) + id + "_" + crypto::random_token(32);
        auto stored =
            people.create_session({id, user_id, crypto::secret_digest(token), address,
                                   core::knowledge::is_valid_utf8(agent) ? agent : std::string()});
        if (stored) {
            return IssuedSession{std::move(token), std::move(*stored)};
        }
        if (stored.error().code != core::ErrorCode::kAlreadyExists) {
            return tl::unexpected(stored.error());
        }
    }
    return core::fail(core::ErrorCode::kUnavailable, "no free session id", "id");
}

core::Timestamp session_expires_at(const core::SessionRecord& session,
                                   const SessionPolicy& policy) {
    return std::min(session.last_seen_at + policy.idle, session.created_at + policy.absolute);
}

core::Result<core::SessionRecord> check_session(core::PeopleStore& people, std::string_view token,
                                                core::Timestamp now, const SessionPolicy& policy) {
    const auto id = session_id_of(token);
    if (!id) {
        return session_refused("the session cookie is malformed; sign in again");
    }
    SWARM_TRY_ASSIGN(auto session, people.find_session(*id));
    if (!session || !crypto::equal_constant_time(session->digest, crypto::secret_digest(token))) {
        return session_refused("the session is unknown; sign in again");
    }
    if (session->revoked_at) {
        return session_refused("the session was signed out; sign in again");
    }
    if (session_expires_at(*session, policy) <= now) {
        return session_refused("the session expired; sign in again");
    }
    return std::move(*session);
}

std::string csrf_token_of(std::string_view session_token) {
    return crypto::secret_digest("content-swarm csrf v1\n" + std::string(session_token));
}

std::optional<std::string> session_cookie(std::string_view cookie_header) {
    while (!cookie_header.empty()) {
        const auto end = cookie_header.find(';');
        auto pair = core::text::trim(cookie_header.substr(0, end));
        cookie_header =
            end == std::string_view::npos ? std::string_view() : cookie_header.substr(end + 1);
        const auto equals = pair.find('=');
        if (equals != std::string_view::npos &&
            core::text::trim(pair.substr(0, equals)) == kSessionCookie) {
            auto value = core::text::trim(pair.substr(equals + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                value = value.substr(1, value.size() - 2);
            }
            return std::string(value);
        }
    }
    return std::nullopt;
}

std::string user_actor(const std::string& user_id) {
    return "user:" + user_id;
}

}  // namespace swarm::app
