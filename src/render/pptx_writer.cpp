#include "render/pptx_writer.hpp"

#include "render/pptx_parts.hpp"
#include "render/zip_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace swarm::render {
namespace {

// PowerPoint's largest slide side is 56 inches (51206400 EMU); bigger decks scale down.
constexpr double kMaxSlideEmu = 51206400.0;
constexpr double kEmuPerPoint = 12700.0;

class SlideXml {
public:
    explicit SlideXml(double emu_per_px) : emu_(emu_per_px) {}

    std::string build(const Scene& scene) {
        std::string out = std::string(pptx::kXmlHead) + "<p:sld" + std::string(pptx::kNamespaces) +
                          "><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"" +
                          pptx::hex(scene.background) +
                          "\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>" +
                          std::string(pptx::tree_header());
        for (const SceneItem& item : scene.items) {
            if (const auto* shape = std::get_if<Shape>(&item)) {
                out += shape_xml(*shape);
            } else {
                out += text_xml(std::get<TextBlock>(item));
            }
        }
        return out +
               "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
               "</p:sld>";
    }

private:
    std::string emu(double px) const {
        return std::to_string(static_cast<std::int64_t>(std::llround(px * emu_)));
    }

    // Hundredths of a point.
    std::string centipoints(double px) const {
        const double pt = px * emu_ / kEmuPerPoint;
        return std::to_string(std::clamp<std::int64_t>(std::llround(pt * 100), 100, 400000));
    }

    std::string xfrm(const Rect& r) const {
        return "<a:xfrm><a:off x=\"" + emu(r.x) + "\" y=\"" + emu(r.y) + "\"/><a:ext cx=\"" +
               emu(r.w) + "\" cy=\"" + emu(r.h) + "\"/></a:xfrm>";
    }

    static std::string fill(const core::Rgb& c, double alpha = 1.0) {
        std::string out = "<a:solidFill><a:srgbClr val=\"" + pptx::hex(c) + "\"";
        if (alpha < 1.0) {
            return out + "><a:alpha val=\"" + std::to_string(std::lround(alpha * 100000)) +
                   "\"/></a:srgbClr></a:solidFill>";
        }
        return out + "/></a:solidFill>";
    }

    std::string header(std::string_view name, std::string_view sp_pr, std::string_view nv_pr) {
        const int id = next_id_++;
        return "<p:sp><p:nvSpPr><p:cNvPr id=\"" + std::to_string(id) + "\" name=\"" +
               std::string(name) + " " + std::to_string(id - 1) + "\"/>" + std::string(sp_pr) +
               "<p:nvPr>" + std::string(nv_pr) + "</p:nvPr></p:nvSpPr>";
    }

    std::string shape_xml(const Shape& shape) {
        return header(shape.ellipse ? "Oval" : "Rectangle", "<p:cNvSpPr/>", "") + "<p:spPr>" +
               xfrm(shape.box) + "<a:prstGeom prst=\"" + (shape.ellipse ? "ellipse" : "rect") +
               "\"><a:avLst/></a:prstGeom>" + fill(shape.color, shape.alpha) +
               "<a:ln><a:noFill/></a:ln></p:spPr></p:sp>";
    }

    std::string paragraph(const TextBlock& block, std::size_t index) const {
        const char* align = block.align == Align::kCenter  ? "ctr"
                            : block.align == Align::kRight ? "r"
                                                           : "l";
        std::string p = "<a:p><a:pPr algn=\"" + std::string(align) + "\"";
        if (block.bullets) {
            const std::string indent = emu(block.size * 1.1);
            p += " marL=\"" + indent + "\" indent=\"-" + indent + "\"";
        }
        p += ">";
        if (index > 0) {
            p += "<a:spcBef><a:spcPts val=\"" + centipoints(block.paragraph_gap * block.size) +
                 "\"/></a:spcBef>";
        }
        if (block.bullets) {
            p += "<a:buClr><a:srgbClr val=\"" + pptx::hex(block.bullet_color) +
                 "\"/></a:buClr><a:buFont typeface=\"DejaVu Sans\"/><a:buChar char=\"\u2022\"/>";
        } else {
            p += "<a:buNone/>";
        }
        const std::string fonts =
            "<a:latin typeface=\"DejaVu Sans\"/><a:ea typeface=\"DejaVu "
            "Sans\"/><a:cs typeface=\"DejaVu Sans\"/>";
        const std::string run_pr = "<a:rPr lang=\"en-US\" sz=\"" + centipoints(block.size) +
                                   "\" b=\"" + (block.bold ? "1" : "0") + "\" dirty=\"0\">" +
                                   fill(block.color) + fonts + "</a:rPr>";
        return p + "</a:pPr><a:r>" + run_pr + "<a:t>" + pptx::escape(block.paragraphs[index]) +
               "</a:t></a:r></a:p>";
    }

    std::string text_xml(const TextBlock& block) {
        const bool title = block.role == TextRole::kTitle;
        std::string out = title ? header("Title", "<p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>",
                                         "<p:ph type=\"title\"/>")
                                : header("TextBox", "<p:cNvSpPr txBox=\"1\"/>", "");
        const char* anchor = block.anchor == Anchor::kMiddle   ? "ctr"
                             : block.anchor == Anchor::kBottom ? "b"
                                                               : "t";
        out += "<p:spPr>" + xfrm(block.box) +
               "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>"
               "<p:txBody><a:bodyPr wrap=\"square\" lIns=\"0\" tIns=\"0\" rIns=\"0\" "
               "bIns=\"0\" anchor=\"" +
               std::string(anchor) + "\"><a:normAutofit/></a:bodyPr><a:lstStyle/>";
        for (std::size_t i = 0; i < block.paragraphs.size(); ++i) {
            out += paragraph(block, i);
        }
        return out + "</p:txBody></p:sp>";
    }

    double emu_;
    int next_id_ = 2;
};

std::string notes_xml(const std::string& notes) {
    std::string paragraphs;
    std::size_t start = 0;
    while (start <= notes.size()) {
        const std::size_t end = std::min(notes.find('\n', start), notes.size());
        paragraphs += "<a:p><a:r><a:rPr lang=\"en-US\" dirty=\"0\"/><a:t>" +
                      pptx::escape(notes.substr(start, end - start)) + "</a:t></a:r></a:p>";
        start = end + 1;
    }
    return std::string(pptx::kXmlHead) + "<p:notes" + std::string(pptx::kNamespaces) +
           "><p:cSld><p:spTree>" + std::string(pptx::tree_header()) +
           "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr>"
           "<a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr>"
           "<p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>"
           "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/><p:cNvSpPr>"
           "<a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/>"
           "</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>" +
           paragraphs +
           "</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>"
           "</p:clrMapOvr></p:notes>";
}

}  // namespace

core::Result<std::string> write_pptx(const core::DeckSpec& deck,
                                     const std::vector<SlidePlan>& plans) {
    const double emu_per_px =
        std::min({kEmuPerPoint, kMaxSlideEmu / deck.width, kMaxSlideEmu / deck.height});
    const auto cx = static_cast<std::int64_t>(std::llround(deck.width * emu_per_px));
    const auto cy = static_cast<std::int64_t>(std::llround(deck.height * emu_per_px));
    std::vector<bool> has_notes;
    has_notes.reserve(plans.size());
    for (const SlidePlan& plan : plans) {
        has_notes.push_back(!plan.notes.empty());
    }
    const auto notes_count =
        static_cast<std::size_t>(std::count(has_notes.begin(), has_notes.end(), true));
    ZipWriter zip;
    zip.add("[Content_Types].xml", pptx::content_types(plans.size(), has_notes));
    zip.add("_rels/.rels", pptx::package_rels());
    zip.add("docProps/core.xml", pptx::core_properties(deck.title));
    zip.add("docProps/app.xml", pptx::app_properties(plans.size(), notes_count));
    zip.add("ppt/presentation.xml", pptx::presentation(plans.size(), cx, cy));
    zip.add("ppt/_rels/presentation.xml.rels", pptx::presentation_rels(plans.size()));
    zip.add("ppt/presProps.xml", pptx::pres_props());
    zip.add("ppt/viewProps.xml", pptx::view_props());
    zip.add("ppt/tableStyles.xml", pptx::table_styles());
    zip.add("ppt/theme/theme1.xml", pptx::theme(deck.palette));
    zip.add("ppt/theme/theme2.xml", pptx::theme(deck.palette));
    zip.add("ppt/slideMasters/slideMaster1.xml", pptx::slide_master());
    zip.add("ppt/slideMasters/_rels/slideMaster1.xml.rels", pptx::slide_master_rels());
    zip.add("ppt/slideLayouts/slideLayout1.xml", pptx::slide_layout());
    zip.add("ppt/slideLayouts/_rels/slideLayout1.xml.rels", pptx::slide_layout_rels());
    zip.add("ppt/notesMasters/notesMaster1.xml", pptx::notes_master());
    zip.add("ppt/notesMasters/_rels/notesMaster1.xml.rels", pptx::notes_master_rels());
    for (std::size_t i = 0; i < plans.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        zip.add("ppt/slides/slide" + n + ".xml", SlideXml(emu_per_px).build(plans[i].scene));
        std::string rels =
            pptx::relationship("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml");
        if (has_notes[i]) {
            rels +=
                pptx::relationship("rId2", "notesSlide", "../notesSlides/notesSlide" + n + ".xml");
            zip.add("ppt/notesSlides/notesSlide" + n + ".xml", notes_xml(plans[i].notes));
            zip.add(
                "ppt/notesSlides/_rels/notesSlide" + n + ".xml.rels",
                pptx::relationships(
                    pptx::relationship("rId1", "notesMaster", "../notesMasters/notesMaster1.xml") +
                    pptx::relationship("rId2", "slide", "../slides/slide" + n + ".xml")));
        }
        zip.add("ppt/slides/_rels/slide" + n + ".xml.rels", pptx::relationships(rels));
    }
    return zip.finish();
}

}  // namespace swarm::render
