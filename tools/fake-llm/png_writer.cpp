#include "png_writer.hpp"

#include <algorithm>
#include <stdexcept>
#include <zlib.h>

namespace swarm::fake_llm {
namespace {

constexpr std::string_view kSignature = "\x89PNG\r\n\x1a\n";

void put_be32(std::string& out, std::uint32_t value) {
    for (const unsigned shift : {24U, 16U, 8U, 0U}) {
        out.push_back(static_cast<char>((value >> shift) & 0xFFU));
    }
}

std::string deflate_bytes(const std::string& raw) {
    uLongf size = compressBound(static_cast<uLong>(raw.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                  reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
                  Z_BEST_SPEED) != Z_OK) {
        throw std::runtime_error("zlib compress2 failed");
    }
    out.resize(size);
    return out;
}

}  // namespace

std::string png_chunk(const std::string& type, const std::string& data) {
    std::string out;
    put_be32(out, static_cast<std::uint32_t>(data.size()));
    out += type;
    out += data;
    uLong crc =
        crc32(0L, reinterpret_cast<const Bytef*>(type.data()), static_cast<uInt>(type.size()));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    put_be32(out, static_cast<std::uint32_t>(crc));
    return out;
}

std::string encode_png(int width, int height, std::uint32_t seed) {
    if (width < 1 || height < 1 || width > 16384 || height > 16384) {
        throw std::invalid_argument("PNG sides must be from 1 to 16384");
    }
    std::string header;
    put_be32(header, static_cast<std::uint32_t>(width));
    put_be32(header, static_cast<std::uint32_t>(height));
    header += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, filter 0, no interlace
    const auto w = static_cast<std::size_t>(width);
    const auto h = static_cast<std::size_t>(height);
    std::string raw;
    raw.reserve(h * (1 + 3 * w));
    const auto blue = static_cast<char>((seed * 37U) & 0xFFU);
    for (std::size_t y = 0; y < h; ++y) {
        raw.push_back('\0');  // filter type None
        const auto green = static_cast<char>(y * 255 / std::max<std::size_t>(1, h - 1));
        for (std::size_t x = 0; x < w; ++x) {
            raw.push_back(static_cast<char>(x * 255 / std::max<std::size_t>(1, w - 1)));
            raw.push_back(green);
            raw.push_back(blue);
        }
    }
    return std::string(kSignature) + png_chunk("IHDR", header) +
           png_chunk("IDAT", deflate_bytes(raw)) + png_chunk("IEND", "");
}

std::string pad_png(const std::string& png, std::size_t min_bytes) {
    constexpr std::size_t kIendSize = 12;
    if (png.size() >= min_bytes || png.size() < kIendSize) {
        return png;
    }
    const std::size_t padding = std::max<std::size_t>(min_bytes - png.size(), 12) - 12;
    return png.substr(0, png.size() - kIendSize) + png_chunk("zpAd", std::string(padding, 'p')) +
           png.substr(png.size() - kIendSize);
}

}  // namespace swarm::fake_llm
