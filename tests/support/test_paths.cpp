#include "support/test_paths.hpp"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace swarm::test {

std::filesystem::path source_dir() {
    if (const char* env = std::getenv("SWARM_SOURCE_DIR");
        env != nullptr && *env != '\0') {  // NOLINT(concurrency-mt-unsafe)
        return env;
    }
    return SWARM_SOURCE_DIR_DEFAULT;
}

std::filesystem::path binary_dir() {
    return SWARM_BINARY_DIR_DEFAULT;
}

std::filesystem::path fixture(const std::string& relative) {
    return source_dir() / "tests" / "fixtures" / relative;
}

std::filesystem::path shared_sample(const std::string& relative) {
    return source_dir().parent_path() / "shared" / "samples" / relative;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

TempDir::TempDir() {
    std::random_device rd;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("content-swarm-test-" + std::to_string(rd()));
        if (std::filesystem::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace swarm::test
