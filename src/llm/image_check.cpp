#include "llm/image_check.hpp"

#include "core/ports/media_store.hpp"

#include <array>
#include <cstdio>
#include <zlib.h>

namespace swarm::llm {
namespace {

using core::ErrorCode;

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";
constexpr std::uint32_t kMaxChunkLength = 0x7FFFFFFFU;  // PNG: lengths fit in 31 bits

tl::unexpected<core::Error> refuse(std::string message) {
    return core::fail(ErrorCode::kUpstream, std::move(message));
}

std::uint32_t be32(std::string_view bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        value = value << 8U | static_cast<unsigned char>(bytes[at + i]);
    }
    return value;
}

unsigned be16(std::string_view bytes, std::size_t at) {
    return static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) << 8U |
           static_cast<unsigned char>(bytes[at + 1]);
}

unsigned byte_at(std::string_view bytes, std::size_t at) {
    return static_cast<unsigned char>(bytes[at]);
}

std::string hex_byte(unsigned value) {
    std::array<char, 4> hex{};
    std::snprintf(hex.data(), hex.size(), "%02x", value & 0xFFU);
    return hex.data();
}

std::string leading_hex(std::string_view bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size() && i < 8; ++i) {
        out += (i == 0 ? "" : " ") + hex_byte(byte_at(bytes, i));
    }
    return out;
}

bool valid_png_depth(unsigned color_type, unsigned depth) {
    switch (color_type) {
        case 0:
            return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
        case 3:
            return depth == 1 || depth == 2 || depth == 4 || depth == 8;
        case 2:
        case 4:
        case 6:
            return depth == 8 || depth == 16;
        default:
            return false;
    }
}

core::Result<ImageInfo> check_png(std::string_view bytes) {
    constexpr std::size_t kIhdrEnd = 8 + 8 + 13 + 4;
    if (bytes.size() < kIhdrEnd) {
        return refuse("truncated PNG: " + std::to_string(bytes.size()) +
                      " bytes, too short for the IHDR header");
    }
    if (be32(bytes, 8) != 13 || bytes.substr(12, 4) != "IHDR") {
        return refuse("malformed PNG: the first chunk is not a 13-byte IHDR");
    }
    const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(bytes.data() + 12), 17);
    if (static_cast<std::uint32_t>(crc) != be32(bytes, 29)) {
        return refuse("malformed PNG: IHDR CRC mismatch");
    }
    const std::uint32_t width = be32(bytes, 16);
    const std::uint32_t height = be32(bytes, 20);
    if (width > kMaxChunkLength || height > kMaxChunkLength) {
        return refuse("malformed PNG: width or height beyond 2^31-1");
    }
    if (!valid_png_depth(byte_at(bytes, 25), byte_at(bytes, 24)) || byte_at(bytes, 26) != 0 ||
        byte_at(bytes, 27) != 0 || byte_at(bytes, 28) > 1) {
        return refuse("malformed PNG: invalid IHDR fields (bit depth, colour type, method)");
    }
    // Walk the chunk chain to IEND: a download cut short stops here rather than in a decoder.
    bool idat = false;
    for (std::size_t at = kIhdrEnd;;) {
        if (bytes.size() - at < 12) {
            return refuse("truncated PNG: the data ends before the IEND chunk");
        }
        const std::uint32_t length = be32(bytes, at);
        const std::string_view type = bytes.substr(at + 4, 4);
        if (length > kMaxChunkLength || bytes.size() - at - 12 < length) {
            return refuse("truncated PNG: chunk " + std::string(type) + " runs past the end");
        }
        if (type == "IEND") {
            break;
        }
        idat = idat || type == "IDAT";
        at += 12 + std::size_t{length};
    }
    if (!idat) {
        return refuse("malformed PNG: no IDAT chunk");
    }
    return ImageInfo{core::kPngType, static_cast<int>(width), static_cast<int>(height)};
}

bool is_sof(unsigned marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

core::Result<ImageInfo> check_jpeg(std::string_view bytes) {
    for (std::size_t at = 2;;) {
        if (at >= bytes.size()) {
            return refuse("truncated JPEG: the data ends before a frame header (SOFn)");
        }
        if (byte_at(bytes, at) != 0xFF) {
            return refuse("malformed JPEG: expected a marker at offset " + std::to_string(at));
        }
        while (at < bytes.size() && byte_at(bytes, at) == 0xFF) {
            ++at;  // fill bytes
        }
        if (at >= bytes.size()) {
            return refuse("truncated JPEG: the data ends inside a marker");
        }
        const unsigned marker = byte_at(bytes, at++);
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            continue;  // stand-alone markers
        }
        if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA || marker == 0x00) {
            return refuse("malformed JPEG: marker 0x" + hex_byte(marker) +
                          " before a frame header (SOFn)");
        }
        if (bytes.size() - at < 2 || be16(bytes, at) < 2 || bytes.size() - at < be16(bytes, at)) {
            return refuse("truncated JPEG: a segment runs past the end");
        }
        const unsigned length = be16(bytes, at);
        if (!is_sof(marker)) {
            at += length;
            continue;
        }
        const unsigned components = length >= 8 ? byte_at(bytes, at + 7) : 0;
        if (length < 8 || components == 0 || length != 8 + 3 * components) {
            return refuse("malformed JPEG: bad frame header length");
        }
        const auto height = static_cast<int>(be16(bytes, at + 3));
        const auto width = static_cast<int>(be16(bytes, at + 5));
        if (bytes.size() < at + length + 2 || bytes.substr(bytes.size() - 2) != "\xFF\xD9") {
            return refuse("truncated JPEG: no end-of-image marker at the end");
        }
        return ImageInfo{core::kJpegType, width, height};
    }
}

}  // namespace

core::Result<ImageInfo> check_image(std::string_view bytes, const ImageLimits& limits) {
    if (bytes.empty()) {
        return refuse("empty image");
    }
    if (bytes.size() > limits.max_bytes) {
        return refuse("image of " + std::to_string(bytes.size()) + " bytes is larger than the " +
                      std::to_string(limits.max_bytes) + "-byte limit");
    }
    core::Result<ImageInfo> info;
    if (bytes.starts_with(kPngSignature)) {
        info = check_png(bytes);
    } else if (bytes.size() >= 3 && bytes.starts_with("\xFF\xD8\xFF")) {
        info = check_jpeg(bytes);
    } else {
        return refuse("not a PNG or JPEG image (starts with " + leading_hex(bytes) + ")");
    }
    if (!info) {
        return info;
    }
    if (info->width <= 0 || info->height <= 0) {
        return refuse("image declares a zero width or height (" + std::to_string(info->width) +
                      "x" + std::to_string(info->height) + ")");
    }
    const auto pixels = std::int64_t{info->width} * info->height;
    if (pixels > limits.max_pixels) {
        return refuse("image of " + std::to_string(info->width) + "x" +
                      std::to_string(info->height) + " has more than the " +
                      std::to_string(limits.max_pixels) + " pixels allowed");
    }
    return info;
}

}  // namespace swarm::llm
