// Port: drawing the visuals. Implemented by render::CairoRenderer (cairo + pango, src/render);
// the designer agent builds the specs from the items, the fact sheet and the brand, and stores
// what comes back in the MediaStore.
#pragma once

#include "core/model/platform.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core {

struct Rgb {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    friend bool operator==(const Rgb&, const Rgb&) = default;
};

/// Colours of every visual. From the brand's colours when set, else the default palette.
struct Palette {
    Rgb background{0x0F, 0x17, 0x2A};  // deep navy
    Rgb text{0xF8, 0xFA, 0xFC};        // near white
    Rgb accent{0x38, 0xBD, 0xF8};      // sky blue: key figures, rules, bullets
    Rgb muted{0x94, 0xA3, 0xB8};       // slate: labels, brand line, page numbers
    friend bool operator==(const Palette&, const Palette&) = default;
};

/// A social card: the hook or headline, at most one key figure, the brand name.
struct CardSpec {
    Platform platform = Platform::kLinkedIn;
    int width = 0;  // LinkedIn 1200x627, X 1200x675
    int height = 0;
    std::string headline;      // may contain emoji (drawn with the colour emoji font)
    std::string figure;        // e.g. "38%"; empty: no figure block
    std::string figure_label;  // e.g. "fewer support tickets"; may be empty
    std::string brand_name;    // may be empty
    Palette palette;
    /// Optional background picture (PNG bytes exactly width x height, e.g. from an image model);
    /// the renderer darkens it so the text stays readable. Empty: flat palette background.
    std::string background_png;
};

enum class SlideKind { kTitle, kBullets, kBigNumber, kTwoColumns, kTeam };

struct SlideSpec {
    SlideKind kind = SlideKind::kBullets;
    std::string title;
    std::vector<std::string> bullets;  // at most 5 drawn; kTeam: one "Name, role" per person
    std::string figure;                // kBigNumber: the number
    std::string figure_label;          // kBigNumber: what it measures
    std::string left_heading;          // kTwoColumns (competition): "Us" / "Them" style columns
    std::vector<std::string> left;
    std::string right_heading;
    std::vector<std::string> right;
    std::string notes;  // speaker notes: PPTX notes page; not drawn
};

struct DeckSpec {
    std::string title;  // the deck's title (PDF and PPTX metadata)
    std::string brand_name;
    Palette palette;
    std::vector<SlideSpec> slides;
    std::string language;  // "en", "es", "de", "fr": for the few words the renderer writes
    int width = 1920;
    int height = 1080;
};

struct RenderedImage {
    std::string bytes;  // PNG
    int width = 0;
    int height = 0;
    /// Texts the renderer had to cut (ellipsized at the smallest size) to fit their box, as drawn.
    std::vector<std::string> truncated{};
};

struct RenderedDeck {
    std::vector<RenderedImage> slides;  // one PNG per slide, width x height
    std::string pdf;                    // one page per slide, text selectable
    std::string pptx;                   // editable: titles and bullets as text boxes, notes
};

/// Thread-safety: an implementation may be used from several threads at once.
class Renderer {
public:
    virtual ~Renderer() = default;

    /// kInvalidArgument (field names the spec member) for sizes outside 16..8192 or an empty
    /// headline; text is wrapped and shrunk so nothing overflows or is cut.
    virtual Result<RenderedImage> card(const CardSpec& spec) = 0;

    /// Every slide as PNG, the whole deck as PDF and PPTX. kInvalidArgument for no slides.
    virtual Result<RenderedDeck> deck(const DeckSpec& spec) = 0;

    /// Decodes a PNG or JPEG (checked to be a real image, at most 40 megapixels), crops it to the
    /// target aspect ratio around the centre and scales it to exactly width x height; PNG out.
    /// kInvalidArgument (field "image") when the bytes are not a decodable PNG or JPEG.
    virtual Result<RenderedImage> fit(std::string_view image_bytes, int width, int height) = 0;
};

}  // namespace swarm::core
