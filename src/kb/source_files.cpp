#include "kb/source_files.hpp"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <set>
#include <system_error>

namespace swarm::kb {

namespace fs = std::filesystem;

namespace {

std::string lower_ascii(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

bool is_hidden(const fs::path& path) {
    const std::string name = path.filename().string();
    return !name.empty() && name[0] == '.';
}

/// Appends the supported files under `root`, sorted by their names relative to it.
void walk_folder(const fs::path& root, SourceListing& listing) {
    std::vector<SourceFile> found;
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
        if (entry.is_regular_file(type_ec) && is_supported_file(entry.path())) {
            found.push_back({entry.path(), entry.path().lexically_relative(root).generic_string()});
        }
    }
    if (ec) {
        listing.skipped.push_back({root.string(), "unreadable: " + ec.message()});
    }
    std::sort(found.begin(), found.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.name < b.name; });
    listing.files.insert(listing.files.end(), found.begin(), found.end());
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
        listing.skipped.push_back(
            {given.string(), "unsupported file type (expected .md, .markdown or .txt)"});
    } else {
        listing.files.push_back({given, given.filename().string()});
    }
}

}  // namespace

bool is_supported_file(const fs::path& path) {
    const std::string ext = lower_ascii(path.extension().string());
    return ext == ".md" || ext == ".markdown" || ext == ".txt";
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

LoadedText read_source(const fs::path& path, std::uintmax_t max_bytes) {
    LoadedText loaded;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        loaded.skip_reason =
            "unreadable: " + std::error_code(errno, std::generic_category()).message();
        return loaded;
    }
    // Read at most one byte past the limit: enough to know the file is too large.
    std::string content;
    std::vector<char> buffer(std::size_t{64} * 1024);
    while (in && content.size() <= max_bytes) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        content.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        loaded.skip_reason = "unreadable: read error";
    } else if (content.size() > max_bytes) {
        loaded.skip_reason = "too large (limit " + std::to_string(max_bytes) + " bytes)";
    } else if (auto problem = text_problem(content); !problem.empty()) {
        loaded.skip_reason = std::move(problem);
    } else {
        loaded.content = std::move(content);
    }
    return loaded;
}

}  // namespace swarm::kb
