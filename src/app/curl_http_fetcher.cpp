#include "app/curl_http_fetcher.hpp"

#include "app/version.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <thread>

#include <curl/curl.h>

namespace swarm::app {
namespace {

struct Sink {
    std::string* body = nullptr;
    std::size_t limit = 0;
    bool truncated = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const std::size_t n = size * count;
    const std::size_t room = sink->limit - std::min(sink->limit, sink->body->size());
    if (n > room) {
        // Keep what fits and stop: the status code is already known, the rest is not needed.
        sink->body->append(data, room);
        sink->truncated = true;
        return 0;
    }
    sink->body->append(data, n);
    return n;
}

struct EasyDeleter {
    void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};

struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

curl_slist* append_header(curl_slist* list, const char* line) {
    curl_slist* next = curl_slist_append(list, line);
    return next != nullptr ? next : list;
}

}  // namespace

std::chrono::steady_clock::time_point SteadyPacer::now() {
    return std::chrono::steady_clock::now();
}

void SteadyPacer::sleep_for(std::chrono::milliseconds duration) {
    std::this_thread::sleep_for(duration);
}

CurlHttpFetcher::CurlHttpFetcher() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

FetchReply CurlHttpFetcher::fetch(const FetchRequest& request) {
    FetchReply reply;
    const std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
    if (!easy) {
        reply.error = "cannot create a curl handle";
        return reply;
    }
    CURL* h = easy.get();
    Sink sink{&reply.body, request.max_body_bytes, false};
    const auto agent = "content-swarm-deploy/" + build_info().version;
    std::unique_ptr<curl_slist, ListDeleter> headers(append_header(nullptr, "Accept: */*"));
    // NOLINTBEGIN(cppcoreguidelines-pro-type-vararg): curl_easy_setopt is a C vararg API
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, agent.c_str());
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::min<long long>(request.timeout.count(), 5000)));
    // A new connection per request: a kept-alive one could stay on one load-balancer target.
    curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    if (request.method == "GET") {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    if (!request.body.empty()) {
        headers.reset(append_header(headers.release(), "Content-Type: application/json"));
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    const CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    // NOLINTEND(cppcoreguidelines-pro-type-vararg)
    reply.truncated = sink.truncated;
    if (rc == CURLE_OK || (rc == CURLE_WRITE_ERROR && sink.truncated && status > 0)) {
        reply.status = static_cast<int>(status);
        return reply;
    }
    reply.status = 0;
    reply.error = curl_easy_strerror(rc);
    return reply;
}

}  // namespace swarm::app
