// What one ingest call did: documents added, replaced or left unchanged, and the files skipped
// with the reason (a skipped file writes nothing; the other files still ingest).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace swarm::kb {

struct SkippedFile {
    std::string path;    // as given (or the document name for in-memory documents)
    std::string reason;  // "not found", "empty", "binary file", "not valid UTF-8 text", ...
};

struct IngestReport {
    std::vector<std::string> added;      // document names newly ingested
    std::vector<std::string> replaced;   // changed documents whose chunks were replaced
    std::vector<std::string> unchanged;  // same content as stored: nothing done
    std::vector<SkippedFile> skipped;
    std::size_t chunks = 0;  // chunks written by this call
};

}  // namespace swarm::kb
