#include "llm/base64.hpp"

#include <array>
#include <cstdint>

namespace swarm::llm {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t kInvalid = 0xFF;
constexpr std::uint8_t kPad = 0xFE;
constexpr std::uint8_t kSpace = 0xFD;

constexpr std::array<std::uint8_t, 256> make_table() {
    std::array<std::uint8_t, 256> table{};
    for (auto& entry : table) {
        entry = kInvalid;
    }
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
    }
    table[static_cast<unsigned char>('=')] = kPad;
    for (const char c : {' ', '\t', '\r', '\n', '\f', '\v'}) {
        table[static_cast<unsigned char>(c)] = kSpace;
    }
    return table;
}

constexpr auto kTable = make_table();

tl::unexpected<core::Error> bad(std::string message) {
    return core::fail(core::ErrorCode::kInvalidArgument, "invalid base64: " + std::move(message),
                      "base64");
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    const auto at = [&bytes](std::size_t n) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[n]));
    };
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t group = at(i) << 16U | at(i + 1) << 8U | at(i + 2);
        for (const unsigned shift : {18U, 12U, 6U, 0U}) {
            out.push_back(kAlphabet[(group >> shift) & 0x3FU]);
        }
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        const std::uint32_t group = at(i) << 16U | (rest == 2 ? at(i + 1) << 8U : 0U);
        out.push_back(kAlphabet[(group >> 18U) & 0x3FU]);
        out.push_back(kAlphabet[(group >> 12U) & 0x3FU]);
        out.push_back(rest == 2 ? kAlphabet[(group >> 6U) & 0x3FU] : '=');
        out.push_back('=');
    }
    return out;
}

namespace {

/// Checks characters and padding placement; the number of decoded bytes.
core::Result<std::size_t> decoded_size(std::string_view text) {
    std::size_t symbols = 0;
    std::size_t padding = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::uint8_t value = kTable[static_cast<unsigned char>(text[i])];
        if (value == kSpace) {
            continue;
        }
        if (value == kInvalid) {
            return bad("unexpected character at offset " + std::to_string(i));
        }
        if (value == kPad) {
            ++padding;
        } else if (padding > 0) {
            return bad("data after '=' padding at offset " + std::to_string(i));
        }
        ++symbols;
    }
    if (symbols == 0) {
        return bad("empty");
    }
    if (symbols % 4 != 0) {
        return bad(std::to_string(symbols) + " symbols, not a multiple of 4 (missing padding?)");
    }
    if (padding > 2) {
        return bad("more than two '=' padding characters");
    }
    return symbols / 4 * 3 - padding;
}

}  // namespace

core::Result<std::string> base64_decode(std::string_view text, std::size_t max_bytes) {
    SWARM_TRY_ASSIGN(const std::size_t size, decoded_size(text));
    if (size > max_bytes) {
        return bad("decodes to " + std::to_string(size) + " bytes, more than the " +
                   std::to_string(max_bytes) + " allowed");
    }
    std::string out;
    out.reserve(size);
    std::uint32_t group = 0;
    std::size_t in_group = 0;
    for (const char c : text) {
        const std::uint8_t value = kTable[static_cast<unsigned char>(c)];
        if (value == kSpace || value == kPad) {
            continue;
        }
        group = group << 6U | value;
        if (++in_group == 4) {
            out.push_back(static_cast<char>((group >> 16U) & 0xFFU));
            out.push_back(static_cast<char>((group >> 8U) & 0xFFU));
            out.push_back(static_cast<char>(group & 0xFFU));
            group = 0;
            in_group = 0;
        }
    }
    if (in_group > 0) {  // the last group had padding: 2 or 3 symbols
        const std::uint32_t unused_mask = in_group == 2 ? 0x0FU : 0x03U;
        if ((group & unused_mask) != 0) {
            return bad("non-zero bits before the padding");
        }
        group <<= 6U * (4 - in_group);
        out.push_back(static_cast<char>((group >> 16U) & 0xFFU));
        if (in_group == 3) {
            out.push_back(static_cast<char>((group >> 8U) & 0xFFU));
        }
    }
    return out;
}

}  // namespace swarm::llm
