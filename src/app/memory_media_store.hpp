// The CLI's media store: the visuals of one `generate` or `render` run kept in memory, then written
// into the output folder (media/, <platform>.pdf/.pptx) by write_outputs.
#pragma once

#include "core/ports/media_store.hpp"

#include <map>
#include <mutex>
#include <string>

namespace swarm::app {

class MemoryMediaStore final : public core::MediaStore {
public:
    core::Result<core::MediaInfo> put(std::string_view bytes,
                                      std::string_view content_type) override {
        if (bytes.empty()) {
            return core::fail(core::ErrorCode::kInvalidArgument, "is empty", "bytes");
        }
        if (!core::is_supported_media_type(content_type)) {
            return core::fail(core::ErrorCode::kInvalidArgument,
                              "must be image/png, image/jpeg, application/pdf or the PPTX type",
                              "content_type");
        }
        core::MediaInfo info{core::media_id_for(bytes), std::string(content_type), bytes.size()};
        const std::lock_guard lock(mutex_);
        objects_.try_emplace(info.id, core::MediaObject{info, std::string(bytes)});
        return info;
    }

    core::Result<std::optional<core::MediaObject>> get(std::string_view id) override {
        const std::lock_guard lock(mutex_);
        const auto it = objects_.find(std::string(id));
        if (it == objects_.end()) {
            return std::optional<core::MediaObject>{};
        }
        return std::optional<core::MediaObject>(it->second);
    }

    core::Result<std::optional<core::MediaInfo>> stat(std::string_view id) override {
        const std::lock_guard lock(mutex_);
        const auto it = objects_.find(std::string(id));
        if (it == objects_.end()) {
            return std::optional<core::MediaInfo>{};
        }
        return std::optional<core::MediaInfo>(it->second.info);
    }

    std::string describe() const override { return "memory (written to the output folder)"; }

private:
    std::mutex mutex_;
    std::map<std::string, core::MediaObject, std::less<>> objects_;
};

}  // namespace swarm::app
