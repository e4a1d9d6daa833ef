#include "kb/reading_library.hpp"

#include "kb/document_formats.hpp"

namespace swarm::kb {

core::Result<core::DocumentChange> ReadingLibrary::put_document(const std::string& name,
                                                                std::string_view content) {
    const auto format = format_of(name);
    if (format != DocumentFormat::kPdf && format != DocumentFormat::kDocx &&
        format != DocumentFormat::kHtml) {
        return inner_.put_document(name, content);
    }
    auto text = read_document(*format, content);
    if (!text) {
        text.error().message = "cannot be read: " + text.error().message;
        return tl::unexpected(std::move(text.error()));
    }
    return inner_.put_document(name, *text);
}

}  // namespace swarm::kb
