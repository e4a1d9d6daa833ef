// Our own request and response types: handlers and the router see these, never Beast, so they
// unit-test without sockets. Header names are stored lower-case.
#pragma once

#include "core/access/principal.hpp"
#include "core/result.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace swarm::http {

struct Request {
    std::string method;                              // upper-case token: GET, POST, ...
    std::string target;                              // raw request target: path and query
    std::string path;                                // percent-decoded path, no query
    std::map<std::string, std::string> path_params;  // from {name} segments of the route
    std::map<std::string, std::string> query;        // percent-decoded query parameters
    std::map<std::string, std::string> headers;      // lower-case names
    std::string body;
    std::string request_id;  // set by the dispatcher before the handler runs
    // Who is asking: set by the dispatcher once the credentials are checked (routes that are not
    // open only); handlers act in its workspace.
    std::optional<core::access::Principal> principal;
    // The client's address (sign-in throttling, audit lines): the socket's peer, or the last
    // X-Forwarded-For hop when the server trusts its proxy. Empty in socket-free tests.
    std::string client_address;

    /// The header's value, or nullopt; `name` is matched case-insensitively.
    std::optional<std::string_view> header(std::string_view name) const;
};

/// A body produced over time (Server-Sent Events). The session writes the head, then pulls
/// chunks with poll() on its own thread; the producer calls the waker (from any thread) when it
/// has more, and the session also polls on a short fallback timer. Dropped when the client goes.
class BodyStream {
public:
    struct Chunk {
        std::string data;   // bytes to write now (may be empty)
        bool done = false;  // the stream ends after `data`
    };

    virtual ~BodyStream() = default;

    /// Installs the session's wake-up; called once, before the first poll().
    virtual void set_waker(std::function<void()> wake) = 0;

    /// Never blocks for long: what is ready now.
    virtual Chunk poll() = 0;

    /// Whether the next poll() may wait on I/O (a store read): the session then runs it on a
    /// worker lane instead of the network thread. Called on the session's side, between polls.
    virtual bool may_block() const { return true; }
};

/// A WebSocket conversation of text messages, free of Beast: the session completes the upgrade,
/// then calls open() once, on_message() per client message and poll() on a wake-up or a short
/// timer. None of them blocks for long; `close` asks the session to send a close frame.
class WebSocketHandler {
public:
    struct Output {
        std::vector<std::string> messages;  // text frames to send, in order
        bool close = false;                 // close the connection after `messages`
    };

    virtual ~WebSocketHandler() = default;

    /// Installs the session's wake-up (callable from any thread); called once, before open().
    virtual void set_waker(std::function<void()> wake) = 0;
    virtual Output open() = 0;
    virtual Output on_message(std::string_view text) = 0;
    virtual Output poll() = 0;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::shared_ptr<BodyStream> stream;  // set: `body` is ignored and the stream is written
    // Set on a WebSocket upgrade request: the session accepts it and runs this conversation.
    std::shared_ptr<WebSocketHandler> websocket;
    // A 5xx's cause (a storage error's message): logged at error level with the request line,
    // never sent (it may name files or hosts). Set by error_response.
    std::string log_detail;

    /// The first header with this name (case-insensitive), or nullopt.
    std::optional<std::string_view> header(std::string_view name) const;
    void set_header(std::string name, std::string value);
};

/// A response with the JSON document as body (serialized compactly) and the status.
Response json_response(int status, const nlohmann::json& body);

/// Splits "/a/b?x=1&y=%20" into the decoded path and query parameters. kInvalidArgument naming
/// "target" for a malformed %-escape, "path" when the decoded path is not UTF-8,
/// "query.<name>" when a decoded value is not (or "query" when the name itself is not). Handlers
/// can then echo paths and parameters in JSON without a check of their own.
core::Result<void> parse_request_target(std::string_view target, std::string& path,
                                        std::map<std::string, std::string>& query);

/// parse_request_target without the reason: false on any of its errors.
bool parse_target(std::string_view target, std::string& path,
                  std::map<std::string, std::string>& query);

/// Decodes %XX escapes (and '+' as space when `plus_is_space`); nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace swarm::http
