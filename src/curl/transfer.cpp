#include "curl/transfer.hpp"

#include "curl/errors.hpp"
#include "curl/handles.hpp"

#include <algorithm>
#include <array>

namespace swarm::curl {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kPollMs = 50;
constexpr long kMaxRedirects = 5;

/// State shared with the libcurl callbacks of one transfer.
struct Transfer {
    const Request* request = nullptr;
    const StreamHandlers* handlers = nullptr;
    HeaderParser parser;
    bool head_delivered = false;
    bool body_started = false;
    bool cancelled = false;  // on_body returned false
    bool too_large = false;
    bool truncated = false;
    std::size_t body_bytes = 0;
    Clock::time_point last_byte = Clock::now();

    void deliver_head() {
        if (!head_delivered) {
            head_delivered = true;
            if (handlers->on_head) {
                handlers->on_head(parser.head());
            }
        }
    }

    /// Hands `bytes` to on_body; false when the consumer refused them.
    bool deliver_body(std::string_view bytes) {
        if (bytes.empty()) {
            return true;
        }
        body_started = true;
        if (handlers->on_body && !handlers->on_body(bytes)) {
            cancelled = true;
            return false;
        }
        return true;
    }
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    transfer.last_byte = Clock::now();
    transfer.parser.feed(std::string_view(data, size * count));
    return size * count;
}

size_t on_write(char* data, size_t size, size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    transfer.last_byte = Clock::now();
    transfer.deliver_head();
    const std::size_t limit = transfer.request->max_body_bytes;
    const std::size_t room = limit - std::min(limit, transfer.body_bytes);
    transfer.body_bytes += bytes;
    if (bytes > room) {
        if (transfer.request->body_limit == BodyLimit::kTruncate) {
            // Keep what fits and stop: the head is known, the rest is not wanted.
            transfer.truncated = true;
            transfer.deliver_body(std::string_view(data, room));
        } else {
            transfer.too_large = true;
        }
        return 0;  // CURLE_WRITE_ERROR
    }
    return transfer.deliver_body(std::string_view(data, bytes)) ? bytes : 0;
}

HeaderList build_headers(const Request& request) {
    HeaderList list;
    for (const auto& [name, value] : request.headers) {
        std::string line = name;
        line.append(": ").append(value);
        list.append(line);
    }
    list.append("Expect:");  // no 100-continue round trip
    if (request.sigv4 && !request.sigv4->session_token.empty()) {
        list.append("x-amz-security-token: " + request.sigv4->session_token);
    }
    return list;
}

void set_method(CURL* easy, const Request& request) {
    // A body of "" still needs a valid pointer: a null CURLOPT_POSTFIELDS means "read callback".
    const char* body = request.body.empty() ? "" : request.body.data();
    const bool sends_body =
        request.method == "POST" || request.method == "PUT" || !request.body.empty();
    if (request.method == "GET") {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else if (request.method == "POST") {
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
    } else {
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    if (sends_body && request.method != "GET" && request.method != "HEAD") {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
}

void configure(CURL* easy, const Request& request, const HeaderList& headers, Transfer& transfer,
               char* error_buffer, const std::string& sigv4) {
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    set_method(easy, request);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::max<long long>(1, request.connect_timeout.count())));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(std::max<long long>(1, request.total_timeout.count())));
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, request.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    if (request.follow_redirects) {
        curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(easy, CURLOPT_MAXREDIRS, kMaxRedirects);
    }
    if (request.fresh_connection) {
        // A kept-alive connection could stay on one load-balancer target.
        curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
    }
    if (request.sigv4) {
        curl_easy_setopt(easy, CURLOPT_AWS_SIGV4, sigv4.c_str());
        curl_easy_setopt(easy, CURLOPT_USERNAME, request.sigv4->access_key_id.c_str());
        curl_easy_setopt(easy, CURLOPT_PASSWORD, request.sigv4->secret_access_key.c_str());
    }
}

/// Runs the transfer to its end, checking `stop` and the idle timeout every kPollMs. Returns the
/// reason when we ended it ourselves, else nothing and the curl result in `code`.
std::optional<core::Error> drive(CURLM* multi, const Transfer& transfer, const Request& request,
                                 const std::stop_token& stop, CURLcode& code) {
    const auto idle = request.idle_timeout;
    int running = 1;
    while (running > 0) {
        if (curl_multi_perform(multi, &running) != CURLM_OK) {
            return core::Error{core::ErrorCode::kUpstream, "libcurl multi failure", {}, {}};
        }
        if (running == 0) {
            break;
        }
        if (stop.stop_requested()) {
            return core::Error{core::ErrorCode::kCancelled, "request cancelled", {}, {}};
        }
        if (idle.count() > 0 && Clock::now() - transfer.last_byte > idle) {
            return core::Error{core::ErrorCode::kDeadlineExceeded,
                               "no data received for " + std::to_string(idle.count()) + " ms",
                               {},
                               {}};
        }
        curl_multi_poll(multi, nullptr, 0, kPollMs, nullptr);
    }
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
        if (message->msg == CURLMSG_DONE) {
            code = message->data.result;
        }
    }
    return std::nullopt;
}

/// The error of a transfer that ran to its end with `code`, or nothing.
std::optional<core::Error> outcome_error(const Transfer& transfer, CURLcode code,
                                         std::string_view error_buffer) {
    if (transfer.cancelled) {
        return core::Error{
            core::ErrorCode::kCancelled, "response consumer stopped the transfer", {}, {}};
    }
    if (transfer.too_large) {
        return core::Error{
            core::ErrorCode::kUpstream,
            "response larger than " + std::to_string(transfer.request->max_body_bytes) + " bytes",
            {},
            {}};
    }
    if (code == CURLE_OK || (transfer.truncated && code == CURLE_WRITE_ERROR)) {
        return std::nullopt;
    }
    return error_from_curl(code, error_buffer);
}

}  // namespace

Outcome transfer(const Request& request, const StreamHandlers& handlers,
                 const std::stop_token& stop) {
    Outcome outcome;
    const EasyHandle easy = make_easy();
    const MultiHandle multi = make_multi();
    if (!easy || !multi) {
        outcome.error =
            core::Error{core::ErrorCode::kInternal, "libcurl could not create a handle", {}, {}};
        return outcome;
    }
    Transfer transfer;
    transfer.request = &request;
    transfer.handlers = &handlers;
    const HeaderList headers = build_headers(request);
    std::array<char, CURL_ERROR_SIZE> error_buffer{};
    const std::string sigv4 =
        request.sigv4 ? "aws:amz:" + request.sigv4->region + ":" + request.sigv4->service : "";
    configure(easy.get(), request, headers, transfer, error_buffer.data(), sigv4);
    curl_multi_add_handle(multi.get(), easy.get());
    CURLcode code = CURLE_OK;
    std::optional<core::Error> stopped = drive(multi.get(), transfer, request, stop, code);
    curl_multi_remove_handle(multi.get(), easy.get());

    if (!stopped && code == CURLE_OK && transfer.parser.head().status != 0) {
        transfer.deliver_head();  // a response without body still reports its head once
    }
    outcome.head = transfer.parser.head();
    outcome.body_started = transfer.body_started;
    outcome.too_large = transfer.too_large;
    outcome.truncated = transfer.truncated;
    outcome.error = stopped ? std::move(stopped)
                            : outcome_error(transfer, code, std::string_view(error_buffer.data()));
    return outcome;
}

Outcome fetch(const Request& request, const std::stop_token& stop) {
    std::string body;
    StreamHandlers handlers{{}, [&body](std::string_view bytes) {
                                body.append(bytes);
                                return true;
                            }};
    Outcome outcome = transfer(request, handlers, stop);
    outcome.body = std::move(body);
    return outcome;
}

}  // namespace swarm::curl
