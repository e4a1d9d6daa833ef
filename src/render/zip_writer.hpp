// An in-memory zip archive through libzip (the PPTX container). Entries keep their insertion
// order and carry a fixed timestamp, so the same content always gives the same bytes.
#pragma once

#include "core/result.hpp"

#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace swarm::render {

class ZipWriter {
public:
    /// Queues one entry (deflated); nothing is written until finish().
    void add(std::string name, std::string content) {
        entries_.emplace_back(std::move(name), std::move(content));
    }

    /// The archive's bytes; kInternal when libzip fails.
    core::Result<std::string> finish();

private:
    // A deque: libzip reads the buffers at close time, so they must not move meanwhile.
    std::deque<std::pair<std::string, std::string>> entries_;
};

}  // namespace swarm::render
