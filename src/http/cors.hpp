// CORS for browser clients: the allowed origins (exact or "*"), the headers every response gets
// for an allowed Origin (errors included), and the answer to a preflight OPTIONS request.
#pragma once

#include "http/message.hpp"

#include <string>
#include <vector>

namespace swarm::http {

class CorsPolicy {
public:
    CorsPolicy() = default;

    explicit CorsPolicy(std::vector<std::string> origins) : origins_(std::move(origins)) {}

    bool allows(std::string_view origin) const;

    /// Adds Access-Control-Allow-Origin (and friends) when the request's Origin is allowed.
    void apply(const Request& request, Response& response) const;

    /// 204 with the allowed methods and headers (CORS headers only for an allowed origin).
    Response preflight(const Request& request, const std::vector<std::string>& methods) const;

private:
    std::vector<std::string> origins_;
};

/// True for an OPTIONS request carrying Access-Control-Request-Method.
bool is_preflight(const Request& request);

}  // namespace swarm::http
