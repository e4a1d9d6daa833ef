#include "render/zip_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <zip.h>

namespace swarm::render {
namespace {

constexpr std::time_t kFixedMtime = 946684800;  // 2000-01-01T00:00:00Z

tl::unexpected<core::Error> zip_failure(const std::string& what, zip_error_t* error) {
    return core::fail(core::ErrorCode::kInternal,
                      "zip: " + what + ": " + zip_error_strerror(error));
}

// Reads the whole finished in-memory source back into a string.
core::Result<std::string> read_source(zip_source_t* source) {
    if (zip_source_open(source) < 0) {
        return zip_failure("reopen", zip_source_error(source));
    }
    zip_source_seek(source, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(source);
    zip_source_seek(source, 0, SEEK_SET);
    std::string out(static_cast<std::size_t>(std::max<zip_int64_t>(size, 0)), '\0');
    const zip_int64_t got = zip_source_read(source, out.data(), out.size());
    zip_source_close(source);
    if (size < 0 || got != size) {
        return zip_failure("read back", zip_source_error(source));
    }
    return out;
}

}  // namespace

core::Result<std::string> ZipWriter::finish() {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer == nullptr) {
        auto failure = zip_failure("buffer", &error);
        zip_error_fini(&error);
        return failure;
    }
    zip_source_keep(buffer);  // stays ours after zip_close, to read the result back
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        auto failure = zip_failure("open", &error);
        zip_error_fini(&error);
        zip_source_free(buffer);
        return failure;
    }
    zip_error_fini(&error);
    for (const auto& [name, content] : entries_) {
        zip_source_t* data = zip_source_buffer(archive, content.data(), content.size(), 0);
        const zip_int64_t index =
            data == nullptr ? -1 : zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            if (data != nullptr) {
                zip_source_free(data);
            }
            auto failure = zip_failure("add " + name, zip_get_error(archive));
            zip_discard(archive);
            zip_source_free(buffer);
            return failure;
        }
        const auto at = static_cast<zip_uint64_t>(index);
        zip_file_set_mtime(archive, at, kFixedMtime, 0);
        zip_set_file_compression(archive, at, ZIP_CM_DEFLATE, 6);
    }
    if (zip_close(archive) < 0) {
        auto failure = zip_failure("close", zip_get_error(archive));
        zip_discard(archive);
        zip_source_free(buffer);
        return failure;
    }
    auto bytes = read_source(buffer);
    zip_source_free(buffer);
    return bytes;
}

}  // namespace swarm::render
