// HttpFetcher over libcurl for the deploy checks: one easy handle and one fresh connection per
// request, so a load balancer spreads successive polls over its targets.
#pragma once

#include "app/http_fetcher.hpp"

namespace swarm::app {

/// Stateless apart from the once-per-process curl_global_init; fetch is thread-safe.
class CurlHttpFetcher final : public HttpFetcher {
public:
    CurlHttpFetcher();

    FetchReply fetch(const FetchRequest& request) override;
};

}  // namespace swarm::app
