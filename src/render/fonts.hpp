// Pinned fonts: a private fontconfig configuration holding only the Debian font packages' files,
// so fonts installed elsewhere on a machine never change the output, and a pool of pango contexts.
#pragma once

#include "core/result.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pango/pango.h>

namespace swarm::render {

/// The font files the renderer uses, with the Debian package that ships each.
struct FontFiles {
    std::string regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::string bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    std::string emoji = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";
};

/// Family list of every text run: DejaVu Sans first, the colour emoji font for what it lacks.
inline constexpr const char* kFontFamilies = "DejaVu Sans,Noto Color Emoji";
inline constexpr const char* kTextFamily = "DejaVu Sans";

/// One pango font map and context on a private FcConfig. Used by one thread at a time.
class FontSession {
public:
    /// kFailedPrecondition naming the file and its Debian package when a font is missing.
    static core::Result<std::unique_ptr<FontSession>> create(const FontFiles& files);
    ~FontSession();
    FontSession(const FontSession&) = delete;
    FontSession& operator=(const FontSession&) = delete;

    PangoContext* context() const { return context_; }

private:
    FontSession() = default;
    PangoFontMap* map_ = nullptr;
    PangoContext* context_ = nullptr;
};

/// Hands each render its own FontSession (pango objects are not shared between threads);
/// sessions are reused, at most one per concurrent render.
class FontPool {
public:
    explicit FontPool(FontFiles files) : files_(std::move(files)) {}

    class Lease {
    public:
        Lease(FontPool* pool, std::unique_ptr<FontSession> session)
            : pool_(pool), session_(std::move(session)) {}

        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&&) noexcept = default;
        ~Lease();

        PangoContext* context() const { return session_->context(); }

    private:
        FontPool* pool_;
        std::unique_ptr<FontSession> session_;
    };

    core::Result<Lease> acquire();

private:
    FontFiles files_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<FontSession>> idle_;
};

}  // namespace swarm::render
