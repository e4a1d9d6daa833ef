// Where tests find the source tree (fixtures, samples) and the built binary, plus a temporary
// folder that removes itself.
#pragma once

#include <filesystem>
#include <string>

namespace swarm::test {

/// The repository root (SWARM_SOURCE_DIR in the environment, else the configure-time path).
std::filesystem::path source_dir();

/// The build folder holding the content-swarm binary.
std::filesystem::path binary_dir();

/// tests/fixtures/<relative>.
std::filesystem::path fixture(const std::string& relative);

/// ../shared/samples/<relative> next to the repository (the sample brief and knowledge base).
std::filesystem::path shared_sample(const std::string& relative);

std::string read_file(const std::filesystem::path& path);

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace swarm::test
