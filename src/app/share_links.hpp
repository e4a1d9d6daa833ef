// Share links as the API makes and opens them: tokens "shr_<16 hex>.<43 base64url>" of secure
// random bytes, stored as the secret's BLAKE2b digest and checked in constant time.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/share_link_store.hpp"
#include "http/api_deps.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace swarm::app {

/// A token's two halves.
struct ShareToken {
    std::string id;      // "shr_" + 16 lower-case hex digits
    std::string secret;  // 43 base64url characters (32 random bytes)
};

/// The halves of "<id>.<secret>", or nullopt for anything else (no dot, another id shape, a
/// secret of another length or alphabet).
std::optional<ShareToken> parse_share_token(std::string_view token);

/// The token text of `token`.
std::string format_share_token(const ShareToken& token);

/// http::ShareLinks over a store and a clock (both must outlive it). Thread-safe.
class ShareLinkService final : public http::ShareLinks {
public:
    ShareLinkService(core::ShareLinkStore& store, const core::Clock& clock)
        : store_(store), clock_(clock) {}

    core::ShareLinkStore& store() override { return store_; }

    core::Result<std::pair<std::string, core::ShareLinkRecord>> issue(
        const http::ShareLinkIssue& issue) override;
    core::Result<std::optional<core::ShareLinkRecord>> open(std::string_view token) override;

    core::Timestamp now() const override { return clock_.now(); }

private:
    core::ShareLinkStore& store_;
    const core::Clock& clock_;
};

}  // namespace swarm::app
