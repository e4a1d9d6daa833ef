#include "render/fonts.hpp"

#include <array>
#include <filesystem>
#include <fontconfig/fontconfig.h>
#include <string_view>

#include <cairo.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

namespace swarm::render {
namespace {

struct FontRequirement {
    const std::string* path;
    std::string_view family;
    std::string_view package;
};

core::Result<void> add_font(FcConfig* config, const FontRequirement& font) {
    const std::string& path = *font.path;
    std::error_code ec;
    const bool ok =
        std::filesystem::is_regular_file(path, ec) &&
        FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(path.c_str())) == FcTrue;
    if (!ok) {
        return core::fail(core::ErrorCode::kFailedPrecondition,
                          "font " + std::string(font.family) + " not found or unreadable at " +
                              path + " (install the Debian package " + std::string(font.package) +
                              ")");
    }
    return {};
}

// Font options fixed here rather than taken from the surface: measuring and drawing then agree
// on every surface (PNG and PDF), and the output does not depend on desktop settings.
void pin_font_options(PangoContext* context) {
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    pango_cairo_context_set_resolution(context, 72.0);
    pango_context_set_language(context, pango_language_from_string("en"));
    pango_context_set_base_dir(context, PANGO_DIRECTION_LTR);
}

}  // namespace

core::Result<std::unique_ptr<FontSession>> FontSession::create(const FontFiles& files) {
    FcConfig* config = FcConfigCreate();
    if (config == nullptr) {
        return core::fail(core::ErrorCode::kInternal, "fontconfig: cannot create a configuration");
    }
    const std::array<FontRequirement, 3> fonts = {{
        {&files.regular, "DejaVu Sans", "fonts-dejavu-core"},
        {&files.bold, "DejaVu Sans Bold", "fonts-dejavu-core"},
        {&files.emoji, "Noto Color Emoji", "fonts-noto-color-emoji"},
    }};
    for (const FontRequirement& font : fonts) {
        if (auto added = add_font(config, font); !added) {
            FcConfigDestroy(config);
            return tl::unexpected(added.error());
        }
    }
    std::unique_ptr<FontSession> session(new FontSession());
    session->map_ = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (session->map_ == nullptr) {
        FcConfigDestroy(config);
        return core::fail(core::ErrorCode::kInternal, "pango: no FreeType font map");
    }
    // The font map takes its own reference to the configuration.
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(session->map_), config);
    FcConfigDestroy(config);
    session->context_ = pango_font_map_create_context(session->map_);
    pin_font_options(session->context_);
    return session;
}

FontSession::~FontSession() {
    if (context_ != nullptr) {
        g_object_unref(context_);
    }
    if (map_ != nullptr) {
        g_object_unref(map_);
    }
}

FontPool::Lease::~Lease() {
    if (pool_ != nullptr && session_) {
        const std::lock_guard lock(pool_->mutex_);
        pool_->idle_.push_back(std::move(session_));
    }
}

core::Result<FontPool::Lease> FontPool::acquire() {
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto session = std::move(idle_.back());
            idle_.pop_back();
            return Lease(this, std::move(session));
        }
    }
    SWARM_TRY_ASSIGN(auto session, FontSession::create(files_));
    return Lease(this, std::move(session));
}

}  // namespace swarm::render
