#include "app/share_links.hpp"

#include "app/access_keys.hpp"
#include "crypto/sodium.hpp"

#include <algorithm>

namespace swarm::app {
namespace {

constexpr std::size_t kSecretBytes = 32;
constexpr std::size_t kSecretChars = 43;  // unpadded base64url of 32 bytes
constexpr int kShareIdAttempts = 8;

bool is_share_secret_text(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

}  // namespace

std::optional<ShareToken> parse_share_token(std::string_view token) {
    const auto dot = token.find('.');
    if (dot == std::string_view::npos) {
        return std::nullopt;
    }
    const auto id = token.substr(0, dot);
    const auto secret = token.substr(dot + 1);
    if (!core::is_share_link_id(id) || secret.size() != kSecretChars ||
        !is_share_secret_text(secret)) {
        return std::nullopt;
    }
    return ShareToken{std::string(id), std::string(secret)};
}

std::string format_share_token(const ShareToken& token) {
    return token.id + "." + token.secret;
}

core::Result<std::pair<std::string, core::ShareLinkRecord>> ShareLinkService::issue(
    const http::ShareLinkIssue& issue) {
    const auto expires_at = clock_.now() + issue.lifetime;
    for (int attempt = 0; attempt < kShareIdAttempts; ++attempt) {
        const ShareToken token{"shr_" + secure_hex(8), crypto::random_token(kSecretBytes)};
        auto stored =
            store_.create({token.id, issue.workspace, issue.job_id,
                           crypto::secret_digest(token.secret), issue.created_by, expires_at});
        if (stored) {
            return std::pair{format_share_token(token), std::move(*stored)};
        }
        if (stored.error().code != core::ErrorCode::kAlreadyExists) {
            return tl::unexpected(stored.error());
        }
    }
    return core::fail(core::ErrorCode::kUnavailable, "no free share link id", "id");
}

core::Result<std::optional<core::ShareLinkRecord>> ShareLinkService::open(std::string_view token) {
    // The same work for every token that opens nothing: a digest is made and compared whether
    // the token is malformed, names no link or carries a wrong secret.
    const auto parsed = parse_share_token(token);
    const auto digest = crypto::secret_digest(parsed ? std::string_view(parsed->secret) : token);
    std::optional<core::ShareLinkRecord> found;
    if (parsed) {
        SWARM_TRY_ASSIGN(found, store_.find(parsed->id));
    }
    const std::string unknown(digest.size(), '0');
    const bool same = crypto::equal_constant_time(found ? found->digest : unknown, digest);
    if (!found || !same || !found->open_at(clock_.now())) {
        return std::optional<core::ShareLinkRecord>();
    }
    return found;
}

}  // namespace swarm::app
