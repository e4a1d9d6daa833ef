#include "llm/curl_transport.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <mutex>
#include <string>

#include <curl/curl.h>

namespace swarm::llm {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kPollMs = 50;

struct EasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};

struct MultiDeleter {
    void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};

struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

/// State shared with the libcurl callbacks of one transfer.
struct Transfer {
    const HttpStreamHandlers* handlers = nullptr;
    std::size_t max_body = 0;
    HttpResponseHead head;  // the header block being received; the last one wins
    bool head_delivered = false;
    bool body_started = false;
    bool cancelled = false;  // on_body returned false
    bool too_large = false;
    std::size_t body_bytes = 0;
    Clock::time_point last_byte = Clock::now();

    void deliver_head() {
        if (!head_delivered) {
            head_delivered = true;
            if (handlers->on_head) {
                handlers->on_head(head);
            }
        }
    }
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const std::string_view line(data, size * count);
    transfer.last_byte = Clock::now();
    if (line.starts_with("HTTP/")) {
        // A new header block (after 100 Continue, or a redirect): keep only the last one.
        transfer.head.headers.clear();
        const auto space = line.find(' ');
        transfer.head.status = space == std::string_view::npos
                                   ? 0
                                   : std::atol(std::string(line.substr(space + 1, 3)).c_str());
        return size * count;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && colon > 0) {
        std::string name(core::text::trim(line.substr(0, colon)));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        transfer.head.headers.emplace_back(std::move(name),
                                           std::string(core::text::trim(line.substr(colon + 1))));
    }
    return size * count;
}

size_t on_write(char* data, size_t size, size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    transfer.last_byte = Clock::now();
    transfer.deliver_head();
    transfer.body_bytes += bytes;
    if (transfer.body_bytes > transfer.max_body) {
        transfer.too_large = true;
        return 0;  // CURLE_WRITE_ERROR
    }
    if (bytes == 0) {
        return 0;
    }
    transfer.body_started = true;
    if (transfer.handlers->on_body && !transfer.handlers->on_body(std::string_view(data, bytes))) {
        transfer.cancelled = true;
        return 0;
    }
    return bytes;
}

core::Error map_curl_code(CURLcode code, const char* buffer) {
    std::string detail = curl_easy_strerror(code);
    if (buffer[0] != '\0') {
        detail += std::string(": ") + buffer;
    }
    switch (code) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return core::Error{
                core::ErrorCode::kUnavailable, "connection failed: " + detail, {}, detail};
        case CURLE_OPERATION_TIMEDOUT:
            return core::Error{
                core::ErrorCode::kDeadlineExceeded, "request timed out: " + detail, {}, detail};
        default:
            return core::Error{
                core::ErrorCode::kUpstream, "transfer failed: " + detail, {}, detail};
    }
}

std::unique_ptr<curl_slist, SlistDeleter> build_headers(const HttpRequest& request) {
    curl_slist* list = nullptr;
    const auto append = [&list](const std::string& line) {
        curl_slist* next = curl_slist_append(list, line.c_str());
        if (next != nullptr) {
            list = next;
        }
    };
    for (const auto& [name, value] : request.headers) {
        std::string line = name;
        line.append(": ").append(value);
        append(line);
    }
    append("Expect:");  // no 100-continue round trip
    if (request.sigv4 && !request.sigv4->session_token.empty()) {
        append("x-amz-security-token: " + request.sigv4->session_token);
    }
    return std::unique_ptr<curl_slist, SlistDeleter>(list);
}

void configure(CURL* easy, const HttpRequest& request, curl_slist* headers, Transfer& transfer,
               char* error_buffer, std::string& userpwd, std::string& sigv4) {
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    if (request.method == "GET") {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::max<long long>(1, request.connect_timeout.count())));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(std::max<long long>(1, request.total_timeout.count())));
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "content-swarm");
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    if (request.sigv4) {
        sigv4 = "aws:amz:" + request.sigv4->region + ":" + request.sigv4->service;
        userpwd = request.sigv4->access_key_id + ":" + request.sigv4->secret_access_key;
        curl_easy_setopt(easy, CURLOPT_AWS_SIGV4, sigv4.c_str());
        curl_easy_setopt(easy, CURLOPT_USERPWD, userpwd.c_str());
    }
}

/// Runs the transfer to its end, checking `stop` and the idle timeout every kPollMs. Returns the
/// reason when we ended it ourselves, else nothing and the curl result in `code`.
std::optional<core::Error> drive(CURLM* multi, const Transfer& transfer, const HttpRequest& request,
                                 const std::stop_token& stop, CURLcode& code) {
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
        if (Clock::now() - transfer.last_byte > request.idle_timeout) {
            return core::Error{
                core::ErrorCode::kDeadlineExceeded,
                "no data received for " + std::to_string(request.idle_timeout.count()) + " ms",
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

}  // namespace

CurlTransport::CurlTransport() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

HttpOutcome CurlTransport::post_stream(const HttpRequest& request,
                                       const HttpStreamHandlers& handlers, std::stop_token stop) {
    HttpOutcome outcome;
    const auto fail_with = [&outcome](core::ErrorCode code, std::string message) {
        outcome.error = core::Error{code, std::move(message), {}, {}};
        return outcome;
    };
    std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
    std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
    if (!easy || !multi) {
        return fail_with(core::ErrorCode::kInternal, "libcurl could not create a handle");
    }
    Transfer transfer;
    transfer.handlers = &handlers;
    transfer.max_body = request.max_response_bytes;
    const auto headers = build_headers(request);
    std::array<char, CURL_ERROR_SIZE> error_buffer{};
    std::string userpwd;
    std::string sigv4;
    configure(easy.get(), request, headers.get(), transfer, error_buffer.data(), userpwd, sigv4);
    curl_multi_add_handle(multi.get(), easy.get());
    CURLcode code = CURLE_OK;
    std::optional<core::Error> stopped = drive(multi.get(), transfer, request, stop, code);
    curl_multi_remove_handle(multi.get(), easy.get());
    userpwd.assign(userpwd.size(), '\0');

    outcome.body_started = transfer.body_started;
    if (stopped) {
        outcome.head = transfer.head;
        outcome.error = std::move(stopped);
        return outcome;
    }
    if (transfer.cancelled) {
        outcome.head = transfer.head;
        return fail_with(core::ErrorCode::kCancelled, "response consumer stopped the transfer");
    }
    if (transfer.too_large) {
        outcome.head = transfer.head;
        return fail_with(
            core::ErrorCode::kUpstream,
            "response larger than " + std::to_string(request.max_response_bytes) + " bytes");
    }
    if (code == CURLE_OK && transfer.head.status != 0) {
        transfer.deliver_head();  // a response without body still reports its head once
    }
    outcome.head = transfer.head;
    if (code != CURLE_OK) {
        outcome.error = map_curl_code(code, error_buffer.data());
    }
    return outcome;
}

}  // namespace swarm::llm
