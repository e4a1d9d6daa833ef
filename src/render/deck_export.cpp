#include "render/deck_export.hpp"

#include "render/image_io.hpp"
#include "render/painter.hpp"

#include <cairo-pdf.h>

namespace swarm::render {
namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

core::Result<core::RenderedImage> render_png(PangoContext* context, const Scene& scene) {
    SWARM_TRY_ASSIGN(const auto surface, new_image_surface(scene.width, scene.height));
    {
        const CairoPtr cr(cairo_create(surface.get()));
        paint_scene(cr.get(), context, scene);
    }
    SWARM_TRY_ASSIGN(auto png, encode_png(surface.get()));
    return core::RenderedImage{std::move(png), scene.width, scene.height};
}

core::Result<std::string> render_pdf(PangoContext* context, const core::DeckSpec& deck,
                                     const std::vector<SlidePlan>& plans) {
    std::string out;
    SurfacePtr surface(
        cairo_pdf_surface_create_for_stream(append_bytes, &out, deck.width, deck.height));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, deck.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR,
                                   deck.brand_name.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "content-swarm");
    // A fixed date keeps the bytes (and so the media id, a content hash) the same for the same
    // deck.
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                   "2000-01-01T00:00:00Z");
    {
        const CairoPtr cr(cairo_create(surface.get()));
        for (const SlidePlan& plan : plans) {
            paint_scene(cr.get(), context, plan.scene);
            cairo_show_page(cr.get());
        }
    }
    cairo_surface_finish(surface.get());
    if (const cairo_status_t status = cairo_surface_status(surface.get());
        status != CAIRO_STATUS_SUCCESS) {
        return core::fail(core::ErrorCode::kInternal,
                          std::string("PDF rendering failed: ") + cairo_status_to_string(status));
    }
    surface.reset();
    return out;
}

}  // namespace swarm::render
