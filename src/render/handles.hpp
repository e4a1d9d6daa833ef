// RAII owners for the C objects of cairo, pango and glib, so no surface, context or layout
// outlives the call that made it (nothing is kept between renders).
#pragma once

#include <glib-object.h>
#include <memory>

#include <cairo.h>
#include <pango/pango.h>

namespace swarm::render {

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

struct CairoDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};

struct GObjectDeleter {
    void operator()(void* o) const { g_object_unref(o); }
};

struct FontDescDeleter {
    void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};

using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using FontDescPtr = std::unique_ptr<PangoFontDescription, FontDescDeleter>;

}  // namespace swarm::render
