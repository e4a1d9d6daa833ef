#include "cli/common.hpp"

#include "app/generate.hpp"

#include <cstdio>
#include <iostream>
#include <iterator>

#include <fmt/format.h>

namespace swarm::cli {

constexpr std::size_t kMaxInputBytes = std::size_t{8} * 1024 * 1024;

int report_error(const core::Error& error) {
    fmt::print(stderr, "content-swarm: error: {}\n", core::describe(error));
    return exit_code_for(error.code);
}

core::Result<std::string> read_input(const std::string& name) {
    if (!name.empty() && name != "-") {
        return app::read_text_file(name, "FILE", kMaxInputBytes);
    }
    std::string text;
    std::array<char, 65536> buf{};
    while (true) {
        const auto n = std::fread(buf.data(), 1, buf.size(), stdin);
        text.append(buf.data(), n);
        if (text.size() > kMaxInputBytes) {
            return core::fail(core::ErrorCode::kInvalidArgument,
                              fmt::format("standard input is larger than {} bytes", kMaxInputBytes),
                              "FILE");
        }
        if (n < buf.size()) {
            break;
        }
    }
    return text;
}

}  // namespace swarm::cli
