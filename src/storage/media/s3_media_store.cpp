#include "storage/media/s3_media_store.hpp"

#include "curl/transfer.hpp"
#include "storage/media/media_checks.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <thread>

namespace swarm::storage {
namespace {

constexpr std::string_view kForeignObject = "object without a media content type";

/// The Content-Length of an answer when it is a plain number.
std::optional<std::size_t> content_length(const curl::ResponseHead& head) {
    const auto value = head.header("content-length");
    std::size_t n = 0;
    if (!value) {
        return std::nullopt;
    }
    const auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
    return ec == std::errc() && ptr == value->data() + value->size() ? std::optional(n)
                                                                     : std::nullopt;
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
core::Result<curl::Outcome> exchange(const S3Options& options, const std::string& subject,
                                     const std::string& method, const std::string& url,
                                     std::string_view body = {},
                                     std::string_view content_type = {}) {
    curl::Request request;
    request.method = method;
    request.url = url;
    if (!content_type.empty()) {
        request.headers.emplace_back("Content-Type", std::string(content_type));
    }
    // From memory, not a read callback: libcurl hashes this body into the signature.
    request.body = body;
    request.connect_timeout = options.connect_timeout;
    request.total_timeout =
        method == "HEAD" ? std::min(options.timeout, options.head_timeout) : options.timeout;
    if (body.empty()) {
        request.idle_timeout = options.idle_timeout;  // not on an upload: it receives nothing
    }
    request.max_body_bytes = kMaxMediaBytes;
    if (!options.credentials.access_key_id.empty()) {
        request.sigv4 =
            curl::SigV4{options.region, "s3", options.credentials.access_key_id,
                        options.credentials.secret_access_key, options.credentials.session_token};
    }
    auto reply = curl::fetch(request);
    if (reply.too_large) {
        return core::fail(core::ErrorCode::kIo, subject + ": the object is larger than " +
                                                    std::to_string(kMaxMediaBytes) + " bytes");
    }
    if (reply.error) {
        // A timeout stays kDeadlineExceeded, which exchange_retrying() does not retry: a store
        // that accepts and never answers must not cost `attempts` times the timeout.
        const auto code = reply.error->code == core::ErrorCode::kDeadlineExceeded
                              ? core::ErrorCode::kDeadlineExceeded
                              : core::ErrorCode::kUnavailable;
        return core::fail(code, subject + ": " + method + " failed: " + reply.error->detail);
    }
    return reply;
}

/// exchange(), tried again on a transport failure or a 5xx S3 asks to retry (500, 502, 503, 504).
core::Result<curl::Outcome> exchange_retrying(const S3Options& options, const std::string& subject,
                                              const std::string& method, const std::string& url,
                                              std::string_view body = {},
                                              std::string_view content_type = {}) {
    auto backoff = options.retry_backoff;
    for (int attempt = 1;; ++attempt) {
        auto reply = exchange(options, subject, method, url, body, content_type);
        const long status = reply ? reply->head.status : 0;
        const bool retry = reply
                               ? (status == 500 || status == 502 || status == 503 || status == 504)
                               : reply.error().code == core::ErrorCode::kUnavailable;
        if (!retry || attempt >= std::max(1, options.attempts)) {
            return reply;
        }
        std::this_thread::sleep_for(backoff);
        backoff *= 2;
    }
}

/// The error for an answer that is neither success nor "not found".
core::Error s3_failure(const std::string& subject, const std::string& method,
                       const curl::Outcome& reply) {
    const auto code = s3_error_code(reply.body);
    const std::string what = subject + ": " + method + " answered " +
                             std::to_string(reply.head.status) + (code.empty() ? "" : " " + code);
    const bool transient = reply.head.status >= 500 || reply.head.status == 403 ||
                           reply.head.status == 429 || code == "NoSuchBucket";
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
    if (reply->head.status == 404) {
        return Out();
    }
    const auto length = content_length(reply->head);
    const auto type = reply->head.header("content-type").value_or("");
    if (reply->head.status != 200 || !length) {
        return tl::unexpected(s3_failure(describe(), "HEAD", *reply));
    }
    if (!core::is_supported_media_type(type)) {
        return tl::unexpected(
            core::Error{core::ErrorCode::kIo,
                        describe() + ": object " + std::string(id) + " has an unknown content type",
                        {},
                        std::string(kForeignObject)});
    }
    return Out(core::MediaInfo{std::string(id), type, *length});
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
    if (reply->head.status == 404) {
        return Out();
    }
    if (reply->head.status != 200) {
        return tl::unexpected(s3_failure(describe(), "GET", *reply));
    }
    const auto type = reply->head.header("content-type").value_or("");
    if (!core::is_supported_media_type(type)) {
        return core::fail(core::ErrorCode::kIo, describe() + ": object " + std::string(id) +
                                                    " has an unknown content type");
    }
    core::MediaObject object;
    object.info = core::MediaInfo{std::string(id), type, reply->body.size()};
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
    if (reply->head.status != 200) {
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
