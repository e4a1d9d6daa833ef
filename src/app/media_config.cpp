#include "app/media_config.hpp"

#include "storage/media/folder_media_store.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace swarm::app {
namespace {

constexpr std::string_view kAllowed =
    "must be folder:PATH, db (the --db database), or "
    "s3://BUCKET[/PREFIX][?region=REGION&endpoint=http(s)://HOST[:PORT]&style=path|virtual]";

core::Error media_error(const std::string& field, std::string message) {
    return core::Error{core::ErrorCode::kInvalidArgument, std::move(message), field, {}};
}

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : c - 'A' + 10;
}

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2])) {
            return std::nullopt;
        }
        out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
        i += 2;
    }
    return out;
}

/// S3 bucket naming: 3-63 characters of a-z, 0-9, '.', '-', starting and ending alphanumeric.
bool valid_bucket(std::string_view bucket) {
    const auto alnum = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    };
    return bucket.size() >= 3 && bucket.size() <= 63 && alnum(bucket.front()) &&
           alnum(bucket.back()) && std::all_of(bucket.begin(), bucket.end(), [&](char c) {
               return alnum(c) || c == '.' || c == '-';
           });
}

/// Key prefixes stay plain (no escaping in URLs or signatures): segments of A-Z a-z 0-9 . _ -,
/// none of them "." or "..".
bool valid_prefix(std::string_view prefix) {
    std::size_t start = 0;
    while (start <= prefix.size()) {
        const auto slash = std::min(prefix.find('/', start), prefix.size());
        const auto segment = prefix.substr(start, slash - start);
        if (segment.empty() || segment == "." || segment == ".." ||
            !std::all_of(segment.begin(), segment.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '_' || c == '-';
            })) {
            return false;
        }
        start = slash + 1;
    }
    return true;
}

/// "http(s)://HOST[:PORT]" with no credentials, path or query.
bool valid_endpoint(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos ||
        (url.substr(0, scheme) != "http" && url.substr(0, scheme) != "https")) {
        return false;
    }
    auto host = url.substr(scheme + 3);
    if (!host.empty() && host.back() == '/') {
        host.remove_suffix(1);
    }
    return !host.empty() && host.find_first_of("/@?#") == std::string_view::npos;
}

/// BUCKET[/PREFIX] of an s3:// location.
core::Result<void> parse_s3_path(std::string_view path, const std::string& field,
                                 storage::S3Options& s3) {
    const auto slash = path.find('/');
    s3.bucket = std::string(path.substr(0, slash));
    if (!valid_bucket(s3.bucket)) {
        return tl::unexpected(media_error(field,
                                          "the bucket must be 3-63 characters of a-z, 0-9, "
                                          "'.' and '-' (s3://BUCKET[/PREFIX])"));
    }
    if (slash != std::string_view::npos) {
        auto prefix = path.substr(slash + 1);
        while (!prefix.empty() && prefix.back() == '/') {
            prefix.remove_suffix(1);
        }
        if (!prefix.empty() && !valid_prefix(prefix)) {
            return tl::unexpected(
                media_error(field,
                            "the key prefix must be '/'-separated segments of A-Z, a-z, 0-9, '.', "
                            "'_' and '-' (no empty, '.' or '..' segments)"));
        }
        s3.prefix = std::string(prefix);
    }
    return {};
}

/// The ?region=R&endpoint=URL&style=path|virtual options of an s3:// location.
core::Result<void> parse_s3_options(std::string_view query, const std::string& field,
                                    storage::S3Options& s3) {
    s3.region.clear();
    std::optional<std::string> style;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const auto eq = pair.find('=');
        const auto name = pair.substr(0, eq);
        auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
        if (!value || value->empty()) {
            return tl::unexpected(
                media_error(field, "the s3:// option " + std::string(name.substr(0, 20)) +
                                       " needs a value (percent-encoded where needed)"));
        }
        if (name == "region") {
            s3.region = *value;
        } else if (name == "endpoint") {
            if (!valid_endpoint(*value)) {
                return tl::unexpected(media_error(
                    field,
                    "endpoint must be http(s)://HOST[:PORT] without credentials or path "
                    "(keys come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)"));
            }
            s3.endpoint = *value;
        } else if (name == "style" && (*value == "path" || *value == "virtual")) {
            style = *value;
        } else {
            return tl::unexpected(media_error(field,
                                              "s3:// options are region=REGION, "
                                              "endpoint=http(s)://HOST[:PORT] and "
                                              "style=path|virtual"));
        }
    }
    // S3-compatible servers (MinIO, moto, Ceph) answer path-style; AWS prefers virtual hosts.
    s3.path_style = style ? *style == "path" : !s3.endpoint.empty();
    return {};
}

core::Result<MediaLocation> parse_s3(std::string_view rest, const std::string& field) {
    MediaLocation out;
    out.kind = MediaLocation::Kind::kS3;
    const auto question = rest.find('?');
    SWARM_TRY(parse_s3_path(rest.substr(0, question), field, out.s3));
    SWARM_TRY(parse_s3_options(
        question == std::string_view::npos ? std::string_view{} : rest.substr(question + 1), field,
        out.s3));
    return out;
}

}  // namespace

core::Result<MediaLocation> parse_media_location(std::string_view text, const std::string& field) {
    constexpr std::string_view kFolder = "folder:";
    constexpr std::string_view kS3 = "s3://";
    if (text == "db") {
        return MediaLocation{MediaLocation::Kind::kDatabase, {}, {}};
    }
    if (text.rfind(kFolder, 0) == 0) {
        if (text.size() == kFolder.size()) {
            return tl::unexpected(media_error(field, "folder: needs a path (folder:PATH)"));
        }
        return MediaLocation{
            MediaLocation::Kind::kFolder, std::string(text.substr(kFolder.size())), {}};
    }
    if (text.rfind(kS3, 0) == 0) {
        return parse_s3(text.substr(kS3.size()), field);
    }
    return tl::unexpected(media_error(field, std::string(kAllowed)));
}

MediaLocation default_media_location(const std::string& db) {
    MediaLocation out;
    if (db.rfind("postgres://", 0) == 0 || db.rfind("postgresql://", 0) == 0) {
        out.kind = MediaLocation::Kind::kDatabase;
    }
    return out;
}

std::filesystem::path default_media_folder(const std::string& db) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (db.rfind(kSqlite, 0) != 0 || db.rfind("sqlite:file:", 0) == 0) {
        return "media";  // no database file to sit beside: the working directory
    }
    const std::filesystem::path file(db.substr(kSqlite.size()));
    return file.has_parent_path() ? file.parent_path() / "media" : std::filesystem::path("media");
}

core::Result<std::unique_ptr<core::MediaStore>> open_media_store(
    const MediaLocation& location, const std::string& db,
    std::unique_ptr<core::MediaStore> database_store, const EnvLookup& env) {
    using Store = std::unique_ptr<core::MediaStore>;
    switch (location.kind) {
        case MediaLocation::Kind::kDatabase:
            if (!database_store) {
                return core::fail(core::ErrorCode::kInvalidArgument, "db needs a database (--db)",
                                  "--media");
            }
            return database_store;
        case MediaLocation::Kind::kFolder: {
            const std::filesystem::path root = location.folder.empty()
                                                   ? default_media_folder(db)
                                                   : std::filesystem::path(location.folder);
            SWARM_TRY_ASSIGN(auto store, storage::FolderMediaStore::open(root));
            return Store(std::move(store));
        }
        case MediaLocation::Kind::kS3:
            break;
    }
    auto options = location.s3;
    const auto key = env("AWS_ACCESS_KEY_ID");
    const auto secret = env("AWS_SECRET_ACCESS_KEY");
    if (!key || key->empty() || !secret || secret->empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be set, with AWS_SECRET_ACCESS_KEY, for an s3:// media store",
                          "AWS_ACCESS_KEY_ID");
    }
    options.credentials.access_key_id = *key;
    options.credentials.secret_access_key = *secret;
    options.credentials.session_token = env("AWS_SESSION_TOKEN").value_or("");
    if (options.region.empty()) {
        options.region = env("AWS_REGION").value_or(env("AWS_DEFAULT_REGION").value_or(""));
    }
    if (options.region.empty()) {
        options.region = "us-east-1";
    }
    SWARM_TRY_ASSIGN(auto store, storage::S3MediaStore::open(std::move(options)));
    return Store(std::move(store));
}

}  // namespace swarm::app
