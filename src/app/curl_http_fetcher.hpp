// HttpFetcher over the shared curl layer (src/curl) for the deploy checks: one fresh connection
// per request, so a load balancer spreads successive polls over its targets.
#pragma once

#include "app/http_fetcher.hpp"

namespace swarm::app {

/// Stateless; fetch is thread-safe.
class CurlHttpFetcher final : public HttpFetcher {
public:
    FetchReply fetch(const FetchRequest& request) override;
};

}  // namespace swarm::app
