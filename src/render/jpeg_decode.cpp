// JPEG decoding through libjpeg(-turbo). libjpeg reports fatal errors by calling error_exit,
// which must not return: it longjmps back into decode_rows, a function holding only plain C
// state, so no C++ destructor is ever skipped.
#include "render/image_io.hpp"

#include <array>
#include <csetjmp>
#include <cstdio>
#include <jerror.h>
#include <jpeglib.h>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "JCS_EXT_BGRA matches cairo's ARGB32 layout only on little-endian machines");

namespace swarm::render {
namespace {

struct JpegFailure {
    jpeg_error_mgr manager;  // first member: libjpeg hands back a pointer to it
    std::jmp_buf jump;
    std::array<char, JMSG_LENGTH_MAX> message;
    bool truncated;
};

extern "C" void on_jpeg_error(j_common_ptr info) {
    auto* failure = reinterpret_cast<JpegFailure*>(info->err);
    (*info->err->format_message)(info, failure->message.data());
    std::longjmp(failure->jump, 1);
}

extern "C" void on_jpeg_message(j_common_ptr info, int level) {
    auto* failure = reinterpret_cast<JpegFailure*>(info->err);
    // A premature end of data is decoded as grey by libjpeg: refuse it rather than show it.
    if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF) {
        failure->truncated = true;
    }
}

enum class Step { kOk, kTooLarge, kNoMemory, kFailed };

// Adobe CMYK JPEGs store inverted ink values: R = C * K / 255 on the stored values.
void cmyk_row_to_bgra(unsigned char* row, JDIMENSION width) {
    for (JDIMENSION x = 0; x < width; ++x) {
        unsigned char* p = row + std::size_t{4} * x;
        const unsigned k = p[3];
        const auto c = static_cast<unsigned char>(p[0] * k / 255U);
        const auto m = static_cast<unsigned char>(p[1] * k / 255U);
        const auto y = static_cast<unsigned char>(p[2] * k / 255U);
        p[0] = y;
        p[1] = m;
        p[2] = c;
        p[3] = 0xFF;
    }
}

Step decode_rows(const unsigned char* data, unsigned long size, JpegFailure* failure,
                 cairo_surface_t** out) {
    jpeg_decompress_struct info;
    info.err = jpeg_std_error(&failure->manager);
    failure->manager.error_exit = on_jpeg_error;
    failure->manager.emit_message = on_jpeg_message;
    failure->truncated = false;
    if (setjmp(failure->jump) != 0) {
        jpeg_destroy_decompress(&info);
        return Step::kFailed;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, size);
    jpeg_read_header(&info, TRUE);
    if (static_cast<std::int64_t>(info.image_width) * info.image_height > kMaxImagePixels ||
        info.image_width > 32767 || info.image_height > 32767) {
        jpeg_destroy_decompress(&info);
        return Step::kTooLarge;
    }
    const bool cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    info.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_BGRA;
    jpeg_start_decompress(&info);
    *out = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(info.output_width),
                                      static_cast<int>(info.output_height));
    if (cairo_surface_status(*out) != CAIRO_STATUS_SUCCESS) {
        jpeg_destroy_decompress(&info);
        return Step::kNoMemory;
    }
    unsigned char* pixels = cairo_image_surface_get_data(*out);
    const auto stride = static_cast<std::size_t>(cairo_image_surface_get_stride(*out));
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = pixels + stride * info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
        if (cmyk) {
            cmyk_row_to_bgra(row, info.output_width);
        }
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    cairo_surface_mark_dirty(*out);
    return Step::kOk;
}

}  // namespace

core::Result<SurfacePtr> decode_jpeg(std::string_view bytes, const std::string& field) {
    JpegFailure failure{};
    cairo_surface_t* raw = nullptr;
    const Step step = decode_rows(reinterpret_cast<const unsigned char*>(bytes.data()),
                                  bytes.size(), &failure, &raw);
    SurfacePtr surface(raw);
    auto refuse = [&](const std::string& why) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "not a usable PNG or JPEG image: " + why, field);
    };
    switch (step) {
        case Step::kOk:
            break;
        case Step::kTooLarge:
            return refuse("JPEG larger than 40 megapixels");
        case Step::kNoMemory:
            return core::fail(core::ErrorCode::kResourceExhausted, "cannot allocate the image");
        case Step::kFailed:
            return refuse(std::string("JPEG does not decode (") + failure.message.data() + ")");
    }
    if (failure.truncated) {
        return refuse("JPEG data ends early");
    }
    return surface;
}

}  // namespace swarm::render
