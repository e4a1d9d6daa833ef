#include "storage/media/folder_media_store.hpp"

#include "storage/media/media_checks.hpp"

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace swarm::storage {
namespace {

constexpr std::size_t kMaxTypeBytes = 256;

/// Closes a file descriptor on scope exit.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}

    ~Fd() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }

    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;

    int get() const { return fd_; }

    /// Closes now and reports close()'s error (a late write error on some file systems).
    int close_checked() {
        const int rc = ::close(fd_);
        fd_ = -1;
        return rc == 0 ? 0 : errno;
    }

private:
    int fd_;
};

/// A temporary name unique among threads and processes writing into the same folder.
std::string temp_name(std::string_view id) {
    static std::atomic<unsigned> counter{0};
    thread_local std::mt19937 engine{std::random_device{}()};
    return ".tmp-" + std::string(id.substr(0, 16)) + "-" + std::to_string(::getpid()) + "-" +
           std::to_string(++counter) + "-" + std::to_string(engine());
}

int write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const auto n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

/// Reads the whole file at `path` (at most `limit` bytes). 0 on success, ENOENT when absent,
/// EFBIG when larger than the limit, else the errno.
int read_file(const std::filesystem::path& path, std::size_t limit, std::string& out) {
    const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        return errno;
    }

    struct stat st {};

    if (::fstat(fd.get(), &st) != 0) {
        return errno;
    }
    if (static_cast<std::size_t>(st.st_size) > limit) {
        return EFBIG;
    }
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (done < out.size()) {
        const auto n = ::read(fd.get(), out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return errno;
        }
        if (n == 0) {
            break;  // shorter than fstat said: the file cannot change (renamed into place)
        }
        done += static_cast<std::size_t>(n);
    }
    out.resize(done);
    return 0;
}

}  // namespace

core::Result<std::unique_ptr<FolderMediaStore>> FolderMediaStore::open(
    const std::filesystem::path& root) {
    std::error_code ec;
    std::filesystem::create_directories(root, ec);
    if (ec || !std::filesystem::is_directory(root, ec)) {
        return core::fail(core::ErrorCode::kIo,
                          "media folder " + root.string() + ": cannot create it or it is not a " +
                              "folder" + (ec ? ": " + ec.message() : std::string()));
    }
    return std::unique_ptr<FolderMediaStore>(new FolderMediaStore(root));
}

std::filesystem::path FolderMediaStore::object_path(std::string_view id) const {
    return root_ / std::string(id.substr(0, 2)) / std::string(id);
}

core::Error FolderMediaStore::io_error(const std::string& what, int err) const {
    return core::Error{core::ErrorCode::kIo,
                       "media folder " + root_.string() + ": " + what + ": " +
                           std::error_code(err, std::generic_category()).message(),
                       {},
                       {}};
}

core::Result<void> FolderMediaStore::write_atomically(const std::filesystem::path& target,
                                                      std::string_view bytes,
                                                      std::string_view id) const {
    const auto temp = target.parent_path() / temp_name(id);
    Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (fd.get() < 0) {
        return tl::unexpected(io_error("cannot create a file for " + std::string(id), errno));
    }
    int err = write_all(fd.get(), bytes);
    if (err == 0 && ::fsync(fd.get()) != 0) {
        err = errno;
    }
    if (err == 0) {
        err = fd.close_checked();
    }
    if (err == 0 && ::rename(temp.c_str(), target.c_str()) != 0) {
        err = errno;
    }
    if (err != 0) {
        ::unlink(temp.c_str());
        return tl::unexpected(io_error("cannot write " + std::string(id), err));
    }
    return {};
}

core::Result<std::string> FolderMediaStore::read_type(std::string_view id) const {
    auto path = object_path(id);
    path += ".type";
    std::string type;
    if (const int err = read_file(path, kMaxTypeBytes, type); err != 0) {
        return tl::unexpected(io_error("cannot read the content type of " + std::string(id), err));
    }
    if (!core::is_supported_media_type(type)) {
        return core::fail(core::ErrorCode::kIo, "media folder " + root_.string() + ": object " +
                                                    std::string(id) +
                                                    " has an unknown content type");
    }
    return type;
}

core::Result<core::MediaInfo> FolderMediaStore::put(std::string_view bytes,
                                                    std::string_view content_type) {
    SWARM_TRY(check_media_put(bytes, content_type));
    auto info = media_info_for(bytes, content_type);
    SWARM_TRY_ASSIGN(auto existing, stat(info.id));
    if (existing) {
        return std::move(*existing);  // content-addressed: the same bytes are already here
    }
    const auto target = object_path(info.id);
    std::error_code ec;
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) {
        return tl::unexpected(io_error("cannot create a shard folder", ec.value()));
    }
    // The type first: once the bytes are visible, their type must be too.
    auto type_path = target;
    type_path += ".type";
    SWARM_TRY(write_atomically(type_path, content_type, info.id));
    SWARM_TRY(write_atomically(target, bytes, info.id));
    // The renames are durable once the shard folder is synced.
    const Fd dir(::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) {
        ::fsync(dir.get());
    }
    return info;
}

core::Result<std::optional<core::MediaInfo>> FolderMediaStore::stat(std::string_view id) {
    if (!core::is_valid_media_id(id)) {
        return std::optional<core::MediaInfo>();
    }

    struct stat st {};

    if (::stat(object_path(id).c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            return std::optional<core::MediaInfo>();
        }
        return tl::unexpected(io_error("cannot stat " + std::string(id), errno));
    }
    SWARM_TRY_ASSIGN(auto type, read_type(id));
    return std::optional<core::MediaInfo>(
        core::MediaInfo{std::string(id), std::move(type), static_cast<std::size_t>(st.st_size)});
}

core::Result<std::optional<core::MediaObject>> FolderMediaStore::get(std::string_view id) {
    if (!core::is_valid_media_id(id)) {
        return std::optional<core::MediaObject>();
    }
    core::MediaObject object;
    if (const int err = read_file(object_path(id), kMaxMediaBytes, object.bytes); err != 0) {
        if (err == ENOENT || err == ENOTDIR) {
            return std::optional<core::MediaObject>();
        }
        return tl::unexpected(io_error("cannot read " + std::string(id), err));
    }
    SWARM_TRY_ASSIGN(auto type, read_type(id));
    object.info = core::MediaInfo{std::string(id), std::move(type), object.bytes.size()};
    return std::optional<core::MediaObject>(std::move(object));
}

std::string FolderMediaStore::describe() const {
    return "folder " + root_.string();
}

}  // namespace swarm::storage
