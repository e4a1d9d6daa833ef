// core::MediaStore on a local folder (the default): `<root>/<id[0:2]>/<id>` holds the bytes and
// `<id>.type` beside it the content type, each written to a temporary file and renamed into place.
#pragma once

#include "core/ports/media_store.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::storage {

/// Why this layout: the bytes stay a plain file (a CDN or nginx could serve the folder as is), and
/// the shard folder keeps directories small. Safe for several threads and processes without
/// locks: the sidecar is renamed into place before the bytes, so an object whose bytes are
/// visible always has its type; a rename replaces atomically, and two writers of one id write
/// the same bytes. Files are fsynced before their rename (a crash leaves at worst a stray
/// temporary file, never a torn object). Ids are checked before any path is built from them.
class FolderMediaStore final : public core::MediaStore {
public:
    /// Creates `root` when missing. kIo when it cannot be created or is not a folder.
    static core::Result<std::unique_ptr<FolderMediaStore>> open(const std::filesystem::path& root);

    core::Result<core::MediaInfo> put(std::string_view bytes,
                                      std::string_view content_type) override;
    core::Result<std::optional<core::MediaObject>> get(std::string_view id) override;
    core::Result<std::optional<core::MediaInfo>> stat(std::string_view id) override;
    std::string describe() const override;

    const std::filesystem::path& root() const { return root_; }

private:
    explicit FolderMediaStore(std::filesystem::path root) : root_(std::move(root)) {}

    std::filesystem::path object_path(std::string_view id) const;
    core::Error io_error(const std::string& what, int err) const;
    core::Result<void> write_atomically(const std::filesystem::path& target, std::string_view bytes,
                                        std::string_view id) const;
    core::Result<std::string> read_type(std::string_view id) const;

    std::filesystem::path root_;
};

}  // namespace swarm::storage
