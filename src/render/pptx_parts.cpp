#include "render/pptx_parts.hpp"

#include <fmt/format.h>

namespace swarm::render::pptx {
namespace {

constexpr std::string_view kRelBase =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr std::string_view kPml = "application/vnd.openxmlformats-officedocument.presentationml.";

std::string override_part(std::string_view part, std::string_view type) {
    return "<Override PartName=\"" + std::string(part) + "\" ContentType=\"" + std::string(type) +
           "\"/>";
}

std::string pml(std::string_view kind) {
    return std::string(kPml) + std::string(kind) + "+xml";
}

// The colour map every master uses: the theme's dark/light slots map straight through.
constexpr std::string_view kClrMap =
    "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" "
    "accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" "
    "accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>";

std::string placeholder(int id, std::string_view name, std::string_view ph, std::int64_t x,
                        std::int64_t y, std::int64_t cx, std::int64_t cy) {
    return "<p:sp><p:nvSpPr><p:cNvPr id=\"" + std::to_string(id) + "\" name=\"" +
           std::string(name) + "\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>" +
           std::string(ph) + "</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"" + std::to_string(x) +
           "\" y=\"" + std::to_string(y) + "\"/><a:ext cx=\"" + std::to_string(cx) + "\" cy=\"" +
           std::to_string(cy) +
           "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>"
           "<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"en-US\"/></a:p>"
           "</p:txBody></p:sp>";
}

std::string level_style(std::string_view tag, int size) {
    return "<" + std::string(tag) + "><a:lvl1pPr><a:defRPr sz=\"" + std::to_string(size) +
           "\"><a:latin typeface=\"DejaVu Sans\"/></a:defRPr></a:lvl1pPr></" + std::string(tag) +
           ">";
}

}  // namespace

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                // Control characters are not allowed in XML 1.0 (callers already cleaned text).
                out += static_cast<unsigned char>(c) < 0x20 && c != '\t' ? ' ' : c;
        }
    }
    return out;
}

std::string hex(const core::Rgb& colour) {
    return fmt::format("{:02X}{:02X}{:02X}", colour.r, colour.g, colour.b);
}

std::string relationship(std::string_view id, std::string_view type, std::string_view target) {
    return "<Relationship Id=\"" + std::string(id) + "\" Type=\"" + std::string(kRelBase) +
           std::string(type) + "\" Target=\"" + std::string(target) + "\"/>";
}

std::string relationships(std::string_view body) {
    return std::string(kXmlHead) +
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
           "relationships\">" +
           std::string(body) + "</Relationships>";
}

std::string content_types(std::size_t slides, const std::vector<bool>& has_notes) {
    std::string out = std::string(kXmlHead) +
                      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                      "content-types\">"
                      "<Default Extension=\"rels\" "
                      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
    out += override_part("/ppt/presentation.xml", pml("presentation.main"));
    out += override_part("/ppt/slideMasters/slideMaster1.xml", pml("slideMaster"));
    out += override_part("/ppt/slideLayouts/slideLayout1.xml", pml("slideLayout"));
    out += override_part("/ppt/notesMasters/notesMaster1.xml", pml("notesMaster"));
    out += override_part("/ppt/theme/theme1.xml",
                         "application/vnd.openxmlformats-officedocument.theme+xml");
    out += override_part("/ppt/theme/theme2.xml",
                         "application/vnd.openxmlformats-officedocument.theme+xml");
    out += override_part("/ppt/presProps.xml", pml("presProps"));
    out += override_part("/ppt/viewProps.xml", pml("viewProps"));
    out += override_part("/ppt/tableStyles.xml", pml("tableStyles"));
    for (std::size_t i = 1; i <= slides; ++i) {
        out += override_part("/ppt/slides/slide" + std::to_string(i) + ".xml", pml("slide"));
        if (has_notes[i - 1]) {
            out += override_part("/ppt/notesSlides/notesSlide" + std::to_string(i) + ".xml",
                                 pml("notesSlide"));
        }
    }
    out += override_part("/docProps/core.xml",
                         "application/vnd.openxmlformats-package.core-properties+xml");
    out += override_part("/docProps/app.xml",
                         "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    return out + "</Types>";
}

std::string package_rels() {
    return relationships(
        relationship("rId1", "officeDocument", "ppt/presentation.xml") +
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
        "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>" +
        relationship("rId3", "extended-properties", "docProps/app.xml"));
}

std::string core_properties(std::string_view title) {
    return std::string(kXmlHead) +
           "<cp:coreProperties "
           "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>" +
           escape(title) + "</dc:title><dc:creator>content-swarm</dc:creator></cp:coreProperties>";
}

std::string app_properties(std::size_t slides, std::size_t notes) {
    return std::string(kXmlHead) +
           "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
           "extended-properties\"><Application>content-swarm</Application><Slides>" +
           std::to_string(slides) + "</Slides><Notes>" + std::to_string(notes) +
           "</Notes></Properties>";
}

std::string presentation(std::size_t slides, std::int64_t cx, std::int64_t cy) {
    std::string out = std::string(kXmlHead) + "<p:presentation" + std::string(kNamespaces) +
                      " saveSubsetFonts=\"1\"><p:sldMasterIdLst><p:sldMasterId "
                      "id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>"
                      "<p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/></p:notesMasterIdLst>"
                      "<p:sldIdLst>";
    for (std::size_t i = 0; i < slides; ++i) {
        out += "<p:sldId id=\"" + std::to_string(256 + i) + "\" r:id=\"rId" +
               std::to_string(100 + i) + "\"/>";
    }
    return out + "</p:sldIdLst><p:sldSz cx=\"" + std::to_string(cx) + "\" cy=\"" +
           std::to_string(cy) + "\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/></p:presentation>";
}

std::string presentation_rels(std::size_t slides) {
    std::string body = relationship("rId1", "slideMaster", "slideMasters/slideMaster1.xml") +
                       relationship("rId2", "notesMaster", "notesMasters/notesMaster1.xml") +
                       relationship("rId3", "theme", "theme/theme1.xml") +
                       relationship("rId4", "presProps", "presProps.xml") +
                       relationship("rId5", "viewProps", "viewProps.xml") +
                       relationship("rId6", "tableStyles", "tableStyles.xml");
    for (std::size_t i = 0; i < slides; ++i) {
        body += relationship("rId" + std::to_string(100 + i), "slide",
                             "slides/slide" + std::to_string(i + 1) + ".xml");
    }
    return relationships(body);
}

std::string theme(const core::Palette& palette) {
    auto srgb = [](const core::Rgb& c) {
        return "<a:srgbClr val=\"" + hex(c) + "\"/>";
    };
    auto slot = [&](std::string_view name, const core::Rgb& c) {
        return "<a:" + std::string(name) + ">" + srgb(c) + "</a:" + std::string(name) + ">";
    };
    const std::string fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    const std::string line = "<a:ln w=\"9525\">" + fill + "</a:ln>";
    const std::string effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    const std::string fonts =
        "<a:latin typeface=\"DejaVu Sans\"/><a:ea typeface=\"\"/>"
        "<a:cs typeface=\"\"/>";
    return std::string(kXmlHead) +
           "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
           "name=\"content-swarm\"><a:themeElements><a:clrScheme name=\"content-swarm\">" +
           slot("dk1", palette.background) + slot("lt1", palette.text) +
           slot("dk2", palette.background) + slot("lt2", palette.muted) +
           slot("accent1", palette.accent) + slot("accent2", palette.muted) +
           slot("accent3", palette.accent) + slot("accent4", palette.muted) +
           slot("accent5", palette.accent) + slot("accent6", palette.muted) +
           slot("hlink", palette.accent) + slot("folHlink", palette.muted) +
           "</a:clrScheme><a:fontScheme name=\"content-swarm\"><a:majorFont>" + fonts +
           "</a:majorFont><a:minorFont>" + fonts +
           "</a:minorFont></a:fontScheme><a:fmtScheme name=\"content-swarm\"><a:fillStyleLst>" +
           fill + fill + fill + "</a:fillStyleLst><a:lnStyleLst>" + line + line + line +
           "</a:lnStyleLst><a:effectStyleLst>" + effect + effect + effect +
           "</a:effectStyleLst><a:bgFillStyleLst>" + fill + fill + fill +
           "</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/>"
           "<a:extraClrSchemeLst/></a:theme>";
}

std::string_view tree_header() {
    return "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>"
           "<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/>"
           "<a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";
}

std::string slide_master() {
    return std::string(kXmlHead) + "<p:sldMaster" + std::string(kNamespaces) +
           "><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>"
           "<p:spTree>" +
           std::string(tree_header()) +
           placeholder(2, "Title Placeholder 1", "<p:ph type=\"title\"/>", 1524000, 1219200,
                       21336000, 2438400) +
           placeholder(3, "Text Placeholder 2", "<p:ph type=\"body\" idx=\"1\"/>", 1524000, 4445000,
                       21336000, 7620000) +
           "</p:spTree></p:cSld>" + std::string(kClrMap) +
           "<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/>"
           "</p:sldLayoutIdLst><p:txStyles>" +
           level_style("p:titleStyle", 7200) + level_style("p:bodyStyle", 4800) +
           level_style("p:otherStyle", 3000) + "</p:txStyles></p:sldMaster>";
}

std::string slide_master_rels() {
    return relationships(relationship("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml") +
                         relationship("rId2", "theme", "../theme/theme1.xml"));
}

std::string slide_layout() {
    return std::string(kXmlHead) + "<p:sldLayout" + std::string(kNamespaces) +
           " type=\"titleOnly\" preserve=\"1\"><p:cSld name=\"Title Only\"><p:spTree>" +
           std::string(tree_header()) +
           placeholder(2, "Title 1", "<p:ph type=\"title\"/>", 1524000, 1219200, 21336000,
                       2438400) +
           "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>";
}

std::string slide_layout_rels() {
    return relationships(relationship("rId1", "slideMaster", "../slideMasters/slideMaster1.xml"));
}

std::string notes_master() {
    return std::string(kXmlHead) + "<p:notesMaster" + std::string(kNamespaces) +
           "><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>"
           "<p:spTree>" +
           std::string(tree_header()) +
           placeholder(2, "Slide Image Placeholder 1", "<p:ph type=\"sldImg\" idx=\"2\"/>", 381000,
                       685800, 6096000, 3429000) +
           placeholder(3, "Notes Placeholder 2", "<p:ph type=\"body\" idx=\"1\"/>", 685800, 4343400,
                       5486400, 4114800) +
           "</p:spTree></p:cSld>" + std::string(kClrMap) + "</p:notesMaster>";
}

std::string notes_master_rels() {
    return relationships(relationship("rId1", "theme", "../theme/theme2.xml"));
}

std::string pres_props() {
    return std::string(kXmlHead) + "<p:presentationPr" + std::string(kNamespaces) + "/>";
}

std::string view_props() {
    return std::string(kXmlHead) + "<p:viewPr" + std::string(kNamespaces) + "/>";
}

std::string table_styles() {
    return std::string(kXmlHead) +
           "<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
           "def=\"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}\"/>";
}

}  // namespace swarm::render::pptx
