#include "contract/media_backends.hpp"

#include "contract/moto_server.hpp"
#include "storage/media/folder_media_store.hpp"
#include "storage/media/s3_media_store.hpp"
#include "storage/media/sqlite_media_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/fakes.hpp"
#include "support/test_paths.hpp"

#include <atomic>
#include <stdexcept>
#include <unistd.h>

namespace swarm::test {

namespace {

template <class T>
T value_or_throw(core::Result<T> result) {
    if (!result) {
        throw std::runtime_error(core::describe(result.error()));
    }
    return std::move(*result);
}

class FolderBackend final : public MediaBackend {
public:
    FolderBackend()
        : root_(dir_.path() / "media"),
          store_(value_or_throw(storage::FolderMediaStore::open(root_))) {}

    core::MediaStore& store() override { return *store_; }

    std::unique_ptr<core::MediaStore> open_again() override {
        return value_or_throw(storage::FolderMediaStore::open(root_));
    }

    std::size_t object_count() override {
        std::size_t count = 0;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root_)) {
            const auto name = entry.path().filename().string();
            if (entry.is_regular_file() && name.size() == 64) {  // not ".type", not ".tmp-"
                ++count;
            }
        }
        return count;
    }

    std::optional<std::filesystem::path> folder() const override { return root_; }

private:
    TempDir dir_;
    std::filesystem::path root_;
    std::unique_ptr<storage::FolderMediaStore> store_;
};

class SqliteBackend final : public MediaBackend {
public:
    SqliteBackend()
        : path_((dir_.path() / "swarm.db").string()),
          db_(value_or_throw(storage::SqliteDatabase::open(path_))),
          store_(db_, clock_) {}

    core::MediaStore& store() override { return store_; }

    std::unique_ptr<core::MediaStore> open_again() override {
        // Its own connection to the same file, as another process has.
        auto db = value_or_throw(storage::SqliteDatabase::open(path_));
        return std::make_unique<storage::SqliteMediaStore>(db, clock_);
    }

    std::size_t object_count() override {
        auto n = db_->read(
            [](storage::Connection& c) { return c.query_int("SELECT COUNT(*) FROM media"); });
        return n ? static_cast<std::size_t>(*n) : 0;
    }

private:
    TempDir dir_;
    FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    std::string path_;
    std::shared_ptr<storage::SqliteDatabase> db_;
    storage::SqliteMediaStore store_;
};

storage::S3Options moto_options(const std::string& prefix) {
    storage::S3Options options;
    options.bucket = MotoServer::kBucket;
    options.prefix = prefix;
    options.region = "us-east-1";
    options.endpoint = MotoServer::shared().endpoint();
    options.path_style = true;
    options.credentials = {"AKIDSWARMTEST", "swarm-test-secret-key", ""};
    // moto_server (the stand-in) sometimes answers 500 to concurrent PUTs of one key on a loaded
    // machine; the store retries 500 as S3 asks, and a few more tries absorb moto's hiccups
    // without weakening what the contract checks (every put must succeed).
    options.attempts = 6;
    return options;
}

/// A fresh key prefix of the shared moto bucket per backend: an empty store every time.
class S3Backend final : public MediaBackend {
public:
    S3Backend() : prefix_(next_prefix()), store_(open_store()) {}

    core::MediaStore& store() override { return *store_; }

    std::unique_ptr<core::MediaStore> open_again() override { return open_store(); }

    std::size_t object_count() override {
        return MotoServer::shared().count_keys(MotoServer::kBucket, prefix_ + "/").value_or(0);
    }

private:
    static std::string next_prefix() {
        static std::atomic<int> counter{0};
        return "run" + std::to_string(::getpid()) + "/t" + std::to_string(++counter);
    }

    std::unique_ptr<core::MediaStore> open_store() const {
        return value_or_throw(storage::S3MediaStore::open(moto_options(prefix_)));
    }

    std::string prefix_;
    std::unique_ptr<core::MediaStore> store_;
};

}  // namespace

std::vector<MediaBackendFactory> all_media_backends() {
#ifdef SWARM_MEDIA_CONTRACT_POSTGRES
    return {postgres_media_factory()};
#else
    return {
        {"folder", [] { return std::make_unique<FolderBackend>(); }, {}},
        {"sqlite", [] { return std::make_unique<SqliteBackend>(); }, {}},
        {"s3", [] { return std::make_unique<S3Backend>(); }, moto_skip_reason},
    };
#endif
}

}  // namespace swarm::test
