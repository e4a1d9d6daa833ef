#include "kb/library_ingest.hpp"

#include "kb/source_files.hpp"

namespace swarm::kb {

core::Result<IngestReport> ingest_paths(core::DocumentLibrary& library,
                                        std::span<const std::filesystem::path> paths) {
    SourceListing listing = list_sources(paths);
    IngestReport report;
    report.skipped = std::move(listing.skipped);
    for (const SourceFile& file : listing.files) {
        LoadedText loaded = read_source(file.path);
        if (!loaded.skip_reason.empty()) {
            report.skipped.push_back({file.path.string(), std::move(loaded.skip_reason)});
            continue;
        }
        auto change = library.put_document(file.name, loaded.content);
        if (!change) {
            if (change.error().code != core::ErrorCode::kInvalidArgument) {
                return tl::unexpected(std::move(change.error()));
            }
            report.skipped.push_back({file.path.string(), change.error().message});
            continue;
        }
        auto& list = change->created    ? report.added
                     : change->replaced ? report.replaced
                                        : report.unchanged;
        list.push_back(file.name);
        report.chunks += change->created || change->replaced ? change->document.chunk_count : 0;
    }
    return report;
}

}  // namespace swarm::kb
