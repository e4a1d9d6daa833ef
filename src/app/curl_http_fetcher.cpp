#include "app/curl_http_fetcher.hpp"

#include "app/version.hpp"
#include "curl/transfer.hpp"

#include <algorithm>
#include <thread>

namespace swarm::app {

std::chrono::steady_clock::time_point SteadyPacer::now() {
    return std::chrono::steady_clock::now();
}

void SteadyPacer::sleep_for(std::chrono::milliseconds duration) {
    std::this_thread::sleep_for(duration);
}

FetchReply CurlHttpFetcher::fetch(const FetchRequest& request) {
    curl::Request exchange;
    exchange.method = request.method;
    exchange.url = request.url;
    exchange.headers = {{"Accept", "*/*"}};
    if (!request.bearer.empty()) {
        exchange.headers.emplace_back("Authorization", "Bearer " + request.bearer);
    }
    if (!request.body.empty()) {
        exchange.headers.emplace_back("Content-Type", "application/json");
        exchange.body = request.body;
    }
    exchange.total_timeout = request.timeout;
    exchange.connect_timeout = std::min(request.timeout, std::chrono::milliseconds(5000));
    exchange.max_body_bytes = request.max_body_bytes;
    // The status is known before the body: a long body is cut, not a failure.
    exchange.body_limit = curl::BodyLimit::kTruncate;
    exchange.user_agent = "content-swarm-deploy/" + build_info().version;
    exchange.follow_redirects = request.follow_redirects;
    exchange.fresh_connection = true;  // successive polls spread over a load balancer's targets
    auto outcome = curl::fetch(exchange);
    FetchReply reply;
    reply.truncated = outcome.truncated;
    reply.body = std::move(outcome.body);
    if (outcome.error) {
        reply.error = outcome.error->message;
        return reply;
    }
    reply.status = static_cast<int>(outcome.head.status);
    return reply;
}

}  // namespace swarm::app
