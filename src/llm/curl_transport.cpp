#include "llm/curl_transport.hpp"

#include "curl/transfer.hpp"

namespace swarm::llm {

HttpOutcome CurlTransport::post_stream(const HttpRequest& request,
                                       const HttpStreamHandlers& handlers, std::stop_token stop) {
    curl::Request exchange;
    exchange.method = request.method;
    exchange.url = request.url;
    exchange.headers = request.headers;
    exchange.body = request.body;
    exchange.sigv4 = request.sigv4;
    exchange.connect_timeout = request.connect_timeout;
    exchange.total_timeout = request.total_timeout;
    exchange.idle_timeout = request.idle_timeout;
    exchange.max_body_bytes = request.max_response_bytes;
    auto outcome = curl::transfer(exchange, handlers, stop);
    return HttpOutcome{std::move(outcome.head), outcome.body_started, std::move(outcome.error)};
}

}  // namespace swarm::llm
