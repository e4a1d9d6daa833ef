#include "storage/media/s3_media_store.hpp"

#include "core/text/utf8.hpp"
#include "storage/media/media_checks.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <mutex>
#include <thread>

#include <curl/curl.h>

namespace swarm::storage {
namespace {

constexpr std::string_view kForeignObject = "object without a media content type";

struct Reply {
    long status = 0;
    std::string content_type;
    std::optional<std::size_t> content_length;
    std::string body;
    bool too_large = false;
};

struct EasyDeleter {
    void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};

struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* reply = static_cast<Reply*>(user);
    const std::string_view line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        *reply = Reply{};  // a new response (after 100 Continue or a redirect)
        return size * count;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
        return size * count;
    }
    const auto name = core::text::ascii_lower(core::text::trim(line.substr(0, colon)));
    const auto value = core::text::trim(line.substr(colon + 1));
    if (name == "content-type") {
        reply->content_type = std::string(value);
    } else if (name == "content-length") {
        std::size_t n = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec == std::errc() && ptr == value.data() + value.size()) {
            reply->content_length = n;
        }
    }
    return size * count;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* reply = static_cast<Reply*>(user);
    const std::size_t n = size * count;
    if (reply->body.size() + n > kMaxMediaBytes) {
        reply->too_large = true;
        return 0;  // stop: over the limit
    }
    reply->body.append(data, n);
    return n;
}

/// S3's error code from an XML error body ("NoSuchBucket"), letters and digits only.
std::string s3_error_code(std::string_view body) {
    const auto open = body.find("<Code>");
    const auto close = body.find("</Code>");
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
        return {};
    }
    std::string code(body.substr(open + 6, std::min<std::size_t>(close - open - 6, 64)));
    const bool clean =
        std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
    return clean ? code : std::string();
}

void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

core::Result<std::unique_ptr<S3MediaStore>> S3MediaStore::open(S3Options options) {
    if (options.bucket.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must name a bucket", "bucket");
    }
    if (options.region.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must name a region", "region");
    }
    if (!options.endpoint.empty() && options.endpoint.rfind("http://", 0) != 0 &&
        options.endpoint.rfind("https://", 0) != 0) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must be an http:// or https:// URL",
                          "endpoint");
    }
    while (!options.endpoint.empty() && options.endpoint.back() == '/') {
        options.endpoint.pop_back();
    }
    init_curl_once();
    return std::unique_ptr<S3MediaStore>(new S3MediaStore(std::move(options)));
}

std::string S3MediaStore::object_url(std::string_view id) const {
    std::string key = options_.prefix.empty() ? std::string() : options_.prefix + "/";
    key += id;
    std::string base = options_.endpoint.empty()
                           ? "https://s3." + options_.region + ".amazonaws.com"
                           : options_.endpoint;
    if (options_.path_style) {
        return base + "/" + options_.bucket + "/" + key;
    }
    const auto host_at = base.find("://") + 3;
    return base.substr(0, host_at) + options_.bucket + "." + base.substr(host_at) + "/" + key;
}

namespace {

/// One request: method GET, HEAD or PUT (with `body` and `content_type`). Transport failures are
/// kUnavailable naming `subject` and curl's reason (which never holds the credentials).
core::Result<Reply> exchange(const S3Options& options, const std::string& subject,
                             const std::string& method, const std::string& url,
                             std::string_view body = {}, std::string_view content_type = {}) {
    std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
    if (!easy) {
        return core::fail(core::ErrorCode::kInternal, subject + ": cannot create a curl handle");
    }
    curl_slist* list = curl_slist_append(nullptr, "Expect:");
    if (!content_type.empty()) {
        list = curl_slist_append(list, ("Content-Type: " + std::string(content_type)).c_str());
    }
    if (!options.credentials.session_token.empty()) {
        list = curl_slist_append(
            list, ("x-amz-security-token: " + options.credentials.session_token).c_str());
    }
    const std::unique_ptr<curl_slist, ListDeleter> headers(list);
    CURL* h = easy.get();
    Reply reply;
    std::array<char, CURL_ERROR_SIZE> error{};
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &reply);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error.data());
    curl_easy_setopt(h, CURLOPT_USERAGENT, "content-swarm");
    if (method == "HEAD") {
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    } else if (method == "PUT") {
        // POSTFIELDS, not a read callback: libcurl hashes this body into the signature.
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "PUT");
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    std::string sigv4;
    std::string user;
    std::string password;
    if (!options.credentials.access_key_id.empty()) {
        sigv4 = "aws:amz:" + options.region + ":s3";
        user = options.credentials.access_key_id;
        password = options.credentials.secret_access_key;
        curl_easy_setopt(h, CURLOPT_AWS_SIGV4, sigv4.c_str());
        curl_easy_setopt(h, CURLOPT_USERNAME, user.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, password.c_str());
    }
    const CURLcode code = curl_easy_perform(h);
    if (reply.too_large) {
        return core::fail(core::ErrorCode::kIo, subject + ": the object is larger than " +
                                                    std::to_string(kMaxMediaBytes) + " bytes");
    }
    if (code != CURLE_OK) {
        const std::string reason = error[0] != '\0' ? error.data() : curl_easy_strerror(code);
        return core::fail(core::ErrorCode::kUnavailable,
                          subject + ": " + method + " failed: " + reason);
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

/// exchange(), tried again on a transport failure or a 5xx S3 asks to retry (500, 502, 503, 504).
core::Result<Reply> exchange_retrying(const S3Options& options, const std::string& subject,
                                      const std::string& method, const std::string& url,
                                      std::string_view body = {},
                                      std::string_view content_type = {}) {
    auto backoff = options.retry_backoff;
    for (int attempt = 1;; ++attempt) {
        auto reply = exchange(options, subject, method, url, body, content_type);
        const bool retry = reply ? (reply->status == 500 || reply->status == 502 ||
                                    reply->status == 503 || reply->status == 504)
                                 : reply.error().code == core::ErrorCode::kUnavailable;
        if (!retry || attempt >= std::max(1, options.attempts)) {
            return reply;
        }
        std::this_thread::sleep_for(backoff);
        backoff *= 2;
    }
}

/// The error for an answer that is neither success nor "not found".
core::Error s3_failure(const std::string& subject, const std::string& method, const Reply& reply) {
    const auto code = s3_error_code(reply.body);
    const std::string what = subject + ": " + method + " answered " + std::to_string(reply.status) +
                             (code.empty() ? "" : " " + code);
    const bool transient =
        reply.status >= 500 || reply.status == 403 || reply.status == 429 || code == "NoSuchBucket";
    return core::Error{
        transient ? core::ErrorCode::kUnavailable : core::ErrorCode::kIo, what, {}, {}};
}

}  // namespace

core::Result<std::optional<core::MediaInfo>> S3MediaStore::stat(std::string_view id) {
    using Out = std::optional<core::MediaInfo>;
    if (!core::is_valid_media_id(id)) {
        return Out();
    }
    auto reply = exchange_retrying(options_, describe(), "HEAD", object_url(id));
    if (!reply) {
        return tl::unexpected(std::move(reply.error()));
    }
    if (reply->status == 404) {
        return Out();
    }
    if (reply->status != 200 || !reply->content_length) {
        return tl::unexpected(s3_failure(describe(), "HEAD", *reply));
    }
    if (!core::is_supported_media_type(reply->content_type)) {
        return tl::unexpected(
            core::Error{core::ErrorCode::kIo,
                        describe() + ": object " + std::string(id) + " has an unknown content type",
                        {},
                        std::string(kForeignObject)});
    }
    return Out(core::MediaInfo{std::string(id), reply->content_type, *reply->content_length});
}

core::Result<std::optional<core::MediaObject>> S3MediaStore::get(std::string_view id) {
    using Out = std::optional<core::MediaObject>;
    if (!core::is_valid_media_id(id)) {
        return Out();
    }
    auto reply = exchange_retrying(options_, describe(), "GET", object_url(id));
    if (!reply) {
        return tl::unexpected(std::move(reply.error()));
    }
    if (reply->status == 404) {
        return Out();
    }
    if (reply->status != 200) {
        return tl::unexpected(s3_failure(describe(), "GET", *reply));
    }
    if (!core::is_supported_media_type(reply->content_type)) {
        return core::fail(core::ErrorCode::kIo, describe() + ": object " + std::string(id) +
                                                    " has an unknown content type");
    }
    core::MediaObject object;
    object.info = core::MediaInfo{std::string(id), reply->content_type, reply->body.size()};
    object.bytes = std::move(reply->body);
    return Out(std::move(object));
}

core::Result<core::MediaInfo> S3MediaStore::put(std::string_view bytes,
                                                std::string_view content_type) {
    if (auto ok = check_media_put(bytes, content_type); !ok) {
        return tl::unexpected(std::move(ok.error()));
    }
    auto info = media_info_for(bytes, content_type);
    auto existing = stat(info.id);
    if (existing && *existing) {
        return std::move(**existing);  // content-addressed: the same bytes are already there
    }
    // An object under our key without one of our types (written by another tool, or caught
    // half-written by a server without atomic PUTs) is written again: same key, same bytes.
    if (!existing && existing.error().detail != kForeignObject) {
        return tl::unexpected(std::move(existing.error()));
    }
    auto reply =
        exchange_retrying(options_, describe(), "PUT", object_url(info.id), bytes, content_type);
    if (!reply) {
        return tl::unexpected(std::move(reply.error()));
    }
    if (reply->status != 200) {
        return tl::unexpected(s3_failure(describe(), "PUT", *reply));
    }
    return info;
}

std::string S3MediaStore::describe() const {
    std::string out = "s3 bucket " + options_.bucket;
    if (!options_.prefix.empty()) {
        out += " prefix " + options_.prefix;
    }
    out += " (region " + options_.region;
    if (!options_.endpoint.empty()) {
        out += ", endpoint " + options_.endpoint;
    }
    return out + ")";
}

}  // namespace swarm::storage
