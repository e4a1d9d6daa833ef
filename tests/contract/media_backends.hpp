// The media contract suite's backend seam: each MediaStore implementation provides a factory that
// opens a fresh, empty store, a second store on the same data (another replica or process), and
// a count of stored objects (to prove that the same bytes are kept once).
#pragma once

#include "core/ports/media_store.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::test {

class MediaBackend {
public:
    virtual ~MediaBackend() = default;

    virtual core::MediaStore& store() = 0;

    /// Another store on the same data, as a second process or replica would open it.
    virtual std::unique_ptr<core::MediaStore> open_again() = 0;

    /// How many objects the backend holds (rows, files, keys under the prefix).
    virtual std::size_t object_count() = 0;

    /// The folder a folder store writes into; nullopt for the others.
    virtual std::optional<std::filesystem::path> folder() const { return std::nullopt; }
};

struct MediaBackendFactory {
    std::string name;
    std::function<std::unique_ptr<MediaBackend>()> make;
    std::function<std::string()> skip_reason;  // non-empty result: the backend is absent here
};

// GoogleTest finds its printer hook by this exact name.
inline void PrintTo(const MediaBackendFactory& factory,  // NOLINT(readability-identifier-naming)
                    std::ostream* out) {
    *out << factory.name;
}

/// folder, sqlite and s3 (moto) in media_contract_tests; postgres in media_contract_pg_tests.
std::vector<MediaBackendFactory> all_media_backends();

/// The PostgreSQL backend (media_backends_pg.cpp; skipped without SWARM_TEST_PG_URL).
MediaBackendFactory postgres_media_factory();

class MediaContract : public ::testing::TestWithParam<MediaBackendFactory> {
public:
    static std::string backend_name(const ::testing::TestParamInfo<MediaBackendFactory>& info) {
        return info.param.name;
    }

protected:
    void SetUp() override {
        if (GetParam().skip_reason) {
            if (auto reason = GetParam().skip_reason(); !reason.empty()) {
                GTEST_SKIP() << reason;
            }
        }
        backend_ = GetParam().make();
    }

    MediaBackend& backend() { return *backend_; }

    core::MediaStore& store() { return backend_->store(); }

private:
    std::unique_ptr<MediaBackend> backend_;
};

}  // namespace swarm::test
