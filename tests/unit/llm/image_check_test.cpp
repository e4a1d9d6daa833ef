// Base64 decoding (strict, whitespace tolerated, size-limited) and the PNG/JPEG header checks on
// real PNGs, crafted PNG/JPEG headers, truncations at every length and garbage.
#include "llm/image_check.hpp"

#include "llm/base64.hpp"
#include "png_writer.hpp"

#include <string>

#include <gtest/gtest.h>

namespace swarm::llm {
namespace {

using fake_llm::encode_png;
using fake_llm::png_chunk;

std::string be32(std::uint32_t value) {
    return {static_cast<char>(value >> 24U), static_cast<char>((value >> 16U) & 0xFFU),
            static_cast<char>((value >> 8U) & 0xFFU), static_cast<char>(value & 0xFFU)};
}

/// A PNG made of chunks by hand: IHDR with the given fields, one IDAT, IEND.
std::string crafted_png(std::uint32_t width, std::uint32_t height, char depth = 8, char color = 2) {
    const std::string ihdr = be32(width) + be32(height) + std::string{depth, color, 0, 0, 0};
    return std::string("\x89PNG\r\n\x1a\n") + png_chunk("IHDR", ihdr) +
           png_chunk("IDAT", "not really deflate") + png_chunk("IEND", "");
}

/// A JPEG: SOI, APP0, a DQT-ish segment, SOFn with the size, SOS, a little data, EOI.
std::string crafted_jpeg(unsigned width, unsigned height, unsigned sof = 0xC0) {
    std::string jpeg = "\xFF\xD8";
    jpeg += std::string("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
    jpeg += std::string("\xFF\xDB\x00\x04\x00\x01", 6);
    jpeg += std::string("\xFF") + static_cast<char>(sof) + std::string("\x00\x11\x08", 3);
    jpeg += {static_cast<char>(height >> 8U), static_cast<char>(height & 0xFFU),
             static_cast<char>(width >> 8U), static_cast<char>(width & 0xFFU)};
    jpeg += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
    jpeg += std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);
    jpeg += "scan data";
    jpeg += "\xFF\xD9";
    return jpeg;
}

std::string refusal(std::string_view bytes, ImageLimits limits = {}) {
    const auto checked = check_image(bytes, limits);
    EXPECT_FALSE(checked) << "accepted " << bytes.size() << " bytes";
    if (checked) {
        return {};
    }
    EXPECT_EQ(checked.error().code, core::ErrorCode::kUpstream);
    return checked.error().message;
}

TEST(Base64, RoundTripsEveryLengthAndByte) {
    std::string bytes;
    for (int i = 0; i < 300; ++i) {
        bytes.push_back(static_cast<char>((i * 131 + 7) & 0xFF));
        const auto decoded = base64_decode(base64_encode(bytes));
        ASSERT_TRUE(decoded) << i;
        EXPECT_EQ(*decoded, bytes);
    }
    EXPECT_EQ(base64_encode("Man"), "TWFu");
    EXPECT_EQ(base64_encode("Ma"), "TWE=");
    EXPECT_EQ(base64_encode("M"), "TQ==");
}

TEST(Base64, ToleratesWhitespaceAnywhere) {
    EXPECT_EQ(base64_decode(" TW\r\nFu\tTW\nE=\n").value(), "ManMa");
}

TEST(Base64, RefusesWhatIsNotStrictBase64) {
    for (const std::string bad :
         {"", "   ", "TWFu!", "TWE", "TW=u", "TQ=", "T===", "TWFu====", "TR==", "TWF=", "TQ==TQ==",
          "TWFu-_==", "data:image/png;base64,TWFu"}) {
        const auto decoded = base64_decode(bad);
        ASSERT_FALSE(decoded) << bad;
        EXPECT_EQ(decoded.error().code, core::ErrorCode::kInvalidArgument);
        EXPECT_NE(decoded.error().message.find("invalid base64"), std::string::npos);
    }
    EXPECT_NE(base64_decode("TWF!").error().message.find("offset 3"), std::string::npos);
}

TEST(Base64, SizeLimitCheckedBeforeDecoding) {
    EXPECT_TRUE(base64_decode("TWFu", 3));
    const auto decoded = base64_decode("TWFuTQ==", 3);
    ASSERT_FALSE(decoded);
    EXPECT_NE(decoded.error().message.find("decodes to 4 bytes, more than the 3"),
              std::string::npos);
}

TEST(ImageCheck, RealPngsOfManySizes) {
    for (const auto& [w, h] : {std::pair{1, 1}, {1200, 624}, {320, 1280}, {17, 3}}) {
        const auto info = check_image(encode_png(w, h, 7));
        ASSERT_TRUE(info) << info.error().message;
        EXPECT_EQ(info->content_type, "image/png");
        EXPECT_EQ(info->width, w);
        EXPECT_EQ(info->height, h);
    }
}

TEST(ImageCheck, CraftedPngHeaders) {
    const auto info = check_image(crafted_png(1536, 1024));
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(info->width, 1536);
    EXPECT_EQ(info->height, 1024);
    EXPECT_TRUE(check_image(crafted_png(10, 10, 16, 6)));
    EXPECT_TRUE(check_image(crafted_png(10, 10, 1, 3)));
    EXPECT_NE(refusal(crafted_png(0, 10)).find("zero width or height"), std::string::npos);
    EXPECT_NE(refusal(crafted_png(10, 0)).find("zero width or height"), std::string::npos);
    EXPECT_NE(refusal(crafted_png(10, 10, 3, 2)).find("invalid IHDR"), std::string::npos);
    EXPECT_NE(refusal(crafted_png(10, 10, 8, 5)).find("invalid IHDR"), std::string::npos);
    EXPECT_NE(refusal(crafted_png(0x80000000U, 1)).find("2^31"), std::string::npos);
}

TEST(ImageCheck, PngWithBadCrcOrWithoutIdatIsRefused) {
    std::string png = crafted_png(64, 64);
    png[20] = '\x01';  // height changes, the IHDR CRC no longer matches
    EXPECT_NE(refusal(png).find("CRC"), std::string::npos);
    const std::string no_idat = std::string("\x89PNG\r\n\x1a\n") +
                                png_chunk("IHDR", be32(4) + be32(4) + std::string{8, 2, 0, 0, 0}) +
                                png_chunk("IEND", "");
    EXPECT_NE(refusal(no_idat).find("no IDAT"), std::string::npos);
    const std::string first_not_ihdr =
        std::string("\x89PNG\r\n\x1a\n") + png_chunk("IDAT", "x") + png_chunk("IEND", "");
    EXPECT_NE(refusal(first_not_ihdr).find("IHDR"), std::string::npos);
}

TEST(ImageCheck, EveryTruncationOfAPngIsRefused) {
    const std::string png = encode_png(40, 30);
    for (std::size_t n = 1; n < png.size(); ++n) {
        const auto message = refusal(png.substr(0, n));
        EXPECT_TRUE(message.find("truncated") != std::string::npos ||
                    message.find("not a PNG") != std::string::npos)
            << n << ": " << message;
    }
}

TEST(ImageCheck, CraftedJpegHeaders) {
    for (const unsigned sof : {0xC0U, 0xC1U, 0xC2U, 0xC3U, 0xC9U, 0xCFU}) {
        const auto info = check_image(crafted_jpeg(1200, 675, sof));
        ASSERT_TRUE(info) << info.error().message;
        EXPECT_EQ(info->content_type, "image/jpeg");
        EXPECT_EQ(info->width, 1200);
        EXPECT_EQ(info->height, 675);
    }
    // DHT (C4), JPG (C8) and DAC (CC) are not frame headers: the scan starts with no SOFn.
    EXPECT_NE(refusal(crafted_jpeg(10, 10, 0xC4)).find("before a frame header"), std::string::npos);
    EXPECT_NE(refusal(crafted_jpeg(0, 10)).find("zero width or height"), std::string::npos);
    std::string no_eoi = crafted_jpeg(10, 10);
    no_eoi.resize(no_eoi.size() - 2);
    EXPECT_NE(refusal(no_eoi).find("end-of-image"), std::string::npos);
}

TEST(ImageCheck, EveryTruncationOfAJpegIsRefused) {
    const std::string jpeg = crafted_jpeg(64, 48);
    for (std::size_t n = 1; n < jpeg.size(); ++n) {
        EXPECT_FALSE(check_image(jpeg.substr(0, n))) << n;
    }
}

TEST(ImageCheck, GarbageAndOtherFormatsAreRefusedSayingWhat) {
    EXPECT_EQ(refusal(""), "empty image");
    EXPECT_EQ(refusal("<html>nope</html>"),
              "not a PNG or JPEG image (starts with 3c 68 74 6d 6c 3e 6e 6f)");
    EXPECT_NE(refusal("GIF89a\x01\x00\x01\x00").find("not a PNG or JPEG"), std::string::npos);
    EXPECT_NE(refusal(std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)).find("not a PNG or JPEG"),
              std::string::npos);
    EXPECT_NE(refusal("\xFF\xD8\xFF").find("truncated JPEG"), std::string::npos);
    EXPECT_NE(refusal("\xFF\xD8\xFF\xE0\x00\x01").find("JPEG"), std::string::npos);
}

TEST(ImageCheck, SizeAndPixelLimits) {
    const std::string png = encode_png(100, 100);
    ImageLimits limits;
    limits.max_bytes = png.size() - 1;
    EXPECT_NE(refusal(png, limits).find("larger than the " + std::to_string(png.size() - 1)),
              std::string::npos);
    limits.max_bytes = png.size();
    EXPECT_TRUE(check_image(png, limits));
    EXPECT_TRUE(check_image(crafted_png(8000, 5000)));  // exactly 40 megapixels
    EXPECT_NE(refusal(crafted_png(8000, 5001)).find("40000000 pixels"), std::string::npos);
    EXPECT_NE(refusal(crafted_jpeg(65535, 65535)).find("pixels"), std::string::npos);
    EXPECT_EQ(kDefaultMaxImageBytes, std::size_t{20} << 20);
}

}  // namespace
}  // namespace swarm::llm
