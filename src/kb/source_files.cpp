#include "kb/source_files.hpp"

#include "kb/document_formats.hpp"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <set>
#include <system_error>

namespace swarm::kb {

namespace fs = std::filesystem;

namespace {

bool is_hidden(const fs::path& path) {
    const std::string name = path.filename().string();
    return !name.empty() && name[0] == '.';
}

/// Appends the supported files under `root`, sorted by their names relative to it. Every other
/// visible entry that is not a folder is reported as skipped: nothing vanishes without a word.
void walk_folder(const fs::path& root, SourceListing& listing) {
    std::vector<SourceFile> found;
    std::vector<SkippedFile> refused;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::directory_entry& entry = *it;
        std::error_code type_ec;
        if (is_hidden(entry.path())) {
            if (entry.is_directory(type_ec)) {
                it.disable_recursion_pending();
            }
            continue;
        }
        if (entry.is_regular_file(type_ec)) {
            if (is_supported_file(entry.path())) {
                found.push_back(
                    {entry.path(), entry.path().lexically_relative(root).generic_string()});
            } else {
                refused.push_back(
                    {entry.path().string(), unsupported_reason(entry.path().string())});
            }
        } else if (!entry.is_directory(type_ec)) {
            refused.push_back({entry.path().string(), "not a regular file"});
        }
    }
    if (ec) {
        listing.skipped.push_back({root.string(), "unreadable: " + ec.message()});
    }
    std::sort(found.begin(), found.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.name < b.name; });
    listing.files.insert(listing.files.end(), found.begin(), found.end());
    std::sort(refused.begin(), refused.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
    listing.skipped.insert(listing.skipped.end(), refused.begin(), refused.end());
}

/// The lone path given: a folder is walked, a file listed by its file name.
void list_one(const fs::path& given, SourceListing& listing) {
    std::error_code ec;
    const fs::file_status status = fs::status(given, ec);
    if (status.type() == fs::file_type::not_found) {
        listing.skipped.push_back({given.string(), "not found"});
    } else if (ec) {
        listing.skipped.push_back({given.string(), "unreadable: " + ec.message()});
    } else if (fs::is_directory(status)) {
        fs::path root = given.lexically_normal();
        if (!root.has_filename() && root.has_parent_path()) {
            root = root.parent_path();  // "kb/" -> "kb", so relative names stay clean
        }
        walk_folder(root, listing);
    } else if (!fs::is_regular_file(status)) {
        listing.skipped.push_back({given.string(), "not a regular file"});
    } else if (!is_supported_file(given)) {
        listing.skipped.push_back({given.string(), unsupported_reason(given.string())});
    } else {
        listing.files.push_back({given, given.filename().string()});
    }
}

}  // namespace

bool is_supported_file(const fs::path& path) {
    return format_of(path.string()).has_value();
}

SourceListing list_sources(std::span<const fs::path> paths) {
    SourceListing listing;
    for (const fs::path& given : paths) {
        list_one(given, listing);
    }
    // Two files with one document name would silently replace each other: keep the first.
    std::set<std::string> names;
    std::vector<SourceFile> unique;
    for (auto& file : listing.files) {
        if (names.insert(file.name).second) {
            unique.push_back(std::move(file));
        } else {
            listing.skipped.push_back(
                {file.path.string(), "duplicate document name '" + file.name + "'"});
        }
    }
    listing.files = std::move(unique);
    return listing;
}

LoadedText read_source(const fs::path& path, std::optional<std::uintmax_t> max_bytes) {
    LoadedText loaded;
    const auto format = format_of(path.string());
    if (!format) {
        loaded.skip_reason = unsupported_reason(path.string());
        return loaded;
    }
    const std::uintmax_t limit = max_bytes.value_or(source_limit(*format));
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        loaded.skip_reason =
            "unreadable: " + std::error_code(errno, std::generic_category()).message();
        return loaded;
    }
    // Read at most one byte past the limit: enough to know the file is too large.
    std::string content;
    std::vector<char> buffer(std::size_t{64} * 1024);
    while (in && content.size() <= limit) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        content.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        loaded.skip_reason = "unreadable: read error";
        return loaded;
    }
    if (content.size() > limit) {
        loaded.skip_reason = "too large (limit " + std::to_string(limit) + " bytes)";
        return loaded;
    }
    auto text = read_document(*format, content);
    if (text) {
        loaded.content = std::move(*text);
    } else {
        loaded.skip_reason = std::move(text.error().message);
    }
    return loaded;
}

}  // namespace swarm::kb
