// Test doubles for the designer: a renderer that records specs and returns tagged bytes, an
// in-memory media store, and an image model with a scripted answer.
#pragma once

#include "core/ports/image_model.hpp"
#include "core/ports/media_store.hpp"
#include "core/ports/renderer.hpp"

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace swarm::test {

class RecordingRenderer : public core::Renderer {
public:
    // Locked: the pipeline's lanes design their items concurrently.
    core::Result<core::RenderedImage> card(const core::CardSpec& spec) override {
        const std::lock_guard lock(mutex);
        cards.push_back(spec);
        if (fail_cards || (fail_cards_with_background && !spec.background_png.empty())) {
            return core::fail(core::ErrorCode::kInternal, "cairo said no");
        }
        return core::RenderedImage{"card:" + spec.headline + ":" + spec.background_png, spec.width,
                                   spec.height};
    }

    core::Result<core::RenderedDeck> deck(const core::DeckSpec& spec) override {
        const std::lock_guard lock(mutex);
        decks.push_back(spec);
        if (fail_decks) {
            return core::fail(core::ErrorCode::kInternal, "cairo said no");
        }
        core::RenderedDeck out;
        for (const auto& slide : spec.slides) {
            out.slides.push_back({"slide:" + slide.title, spec.width, spec.height});
        }
        out.pdf = "pdf:" + spec.title;
        out.pptx = "pptx:" + spec.title;
        return out;
    }

    core::Result<core::RenderedImage> fit(std::string_view bytes, int width, int height) override {
        if (bytes.starts_with("garbage")) {
            return core::fail(core::ErrorCode::kInvalidArgument, "not a PNG or JPEG", "image");
        }
        return core::RenderedImage{"fitted:" + std::string(bytes), width, height};
    }

    std::mutex mutex;
    std::vector<core::CardSpec> cards;  // guarded by mutex while a job runs
    std::vector<core::DeckSpec> decks;  // guarded by mutex while a job runs
    bool fail_cards = false;
    bool fail_cards_with_background = false;
    bool fail_decks = false;
};

class MemoryMediaStore : public core::MediaStore {
public:
    core::Result<core::MediaInfo> put(std::string_view bytes, std::string_view type) override {
        if (fail) {
            return core::fail(core::ErrorCode::kIo, "disk full");
        }
        std::lock_guard lock(mutex);
        core::MediaInfo info{core::media_id_for(bytes), std::string(type), bytes.size()};
        objects[info.id] = core::MediaObject{info, std::string(bytes)};
        return info;
    }

    core::Result<std::optional<core::MediaObject>> get(std::string_view id) override {
        std::lock_guard lock(mutex);
        const auto it = objects.find(std::string(id));
        return it == objects.end() ? std::nullopt : std::optional<core::MediaObject>(it->second);
    }

    core::Result<std::optional<core::MediaInfo>> stat(std::string_view id) override {
        auto object = get(id);
        return *object ? std::optional<core::MediaInfo>((*object)->info) : std::nullopt;
    }

    std::string describe() const override { return "memory"; }

    std::mutex mutex;
    std::map<std::string, core::MediaObject> objects;
    bool fail = false;
};

class ScriptedImageModel : public core::ImageModel {
public:
    core::Result<core::GeneratedImage> generate(const core::ImageRequest& request,
                                                std::stop_token /*stop*/) override {
        const std::lock_guard lock(mutex);
        requests.push_back(request);
        if (!error.empty()) {
            return core::fail(core::ErrorCode::kUpstream, error);
        }
        return core::GeneratedImage{answer, "image/png", request.width, request.height,
                                    "fake-image-1"};
    }

    std::string describe() const override { return "fake/fake-image-1"; }

    std::mutex mutex;
    std::vector<core::ImageRequest> requests;  // guarded by mutex while a job runs
    std::string answer = "picture";
    std::string error;
};

}  // namespace swarm::test
