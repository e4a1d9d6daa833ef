// core::MediaStore on S3-compatible object storage: one object per content hash under an
// optional key prefix, signed with AWS Signature V4 by libcurl (CURLOPT_AWS_SIGV4).
#pragma once

#include "core/ports/media_store.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::storage {

/// Keys for SigV4. Never logged, never part of an error or describe().
struct S3Credentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;  // temporary credentials (STS, task roles); sent when set
};

struct S3Options {
    std::string bucket;
    std::string prefix;  // key prefix without leading or trailing '/'; empty: the bucket's root
    std::string region = "us-east-1";
    std::string endpoint;     // "http[s]://HOST[:PORT]" of an S3-compatible server; empty: AWS
    bool path_style = false;  // HOST/BUCKET/KEY instead of BUCKET.HOST/KEY
    S3Credentials credentials;
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds timeout{60000};  // one whole request (a 64 MB PUT included)
    // A HEAD (stat; the readiness probe) has no body: a store that accepts and never answers is
    // given up on sooner, so readiness and shutdown are not held for minutes.
    std::chrono::milliseconds head_timeout{5000};
    // A GET or HEAD that receives no byte for this long ends (kDeadlineExceeded, not retried): a
    // store that stops answering frees the worker in seconds, not after `timeout` x `attempts`.
    std::chrono::milliseconds idle_timeout{10000};
    // Every request is idempotent (the key is the content hash), so a 500/502/503/504 or a
    // transport failure is tried again, as the AWS SDKs do: attempts in all, backoff doubling.
    int attempts = 3;
    std::chrono::milliseconds retry_backoff{100};
};

/// Thread-safe: every call uses its own curl handle. A put first asks HEAD whether the object is
/// there (content-addressed: nothing to write); else PUT with Content-Type, the body hashed into
/// the signature. A missing key is 404 only when the credentials may list the bucket
/// (s3:ListBucket); without it S3 answers 403, reported as kUnavailable. Errors name the bucket,
/// the operation and S3's error code, never a key or token.
class S3MediaStore final : public core::MediaStore {
public:
    /// kInvalidArgument for an empty bucket or region, or an endpoint that is not http(s)://.
    static core::Result<std::unique_ptr<S3MediaStore>> open(S3Options options);

    core::Result<core::MediaInfo> put(std::string_view bytes,
                                      std::string_view content_type) override;
    core::Result<std::optional<core::MediaObject>> get(std::string_view id) override;
    core::Result<std::optional<core::MediaInfo>> stat(std::string_view id) override;
    std::string describe() const override;

    /// The object's URL (path-style or virtual-host) for a valid id.
    std::string object_url(std::string_view id) const;

private:
    explicit S3MediaStore(S3Options options) : options_(std::move(options)) {}

    S3Options options_;
};

}  // namespace swarm::storage
