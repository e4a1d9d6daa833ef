#include "crypto/secret_box.hpp"

#include "crypto/sodium.hpp"

#include <optional>
#include <sodium.h>
#include <string>

namespace swarm::crypto {
namespace {

constexpr std::string_view kVersion = "v1.";
constexpr int kBase64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

/// Decodes hex or (either alphabet of) base64; nullopt when it is neither.
std::optional<std::string> decode_key(std::string_view text) {
    std::string out(crypto_secretbox_KEYBYTES, '\0');
    std::size_t length = 0;
    auto* target = reinterpret_cast<unsigned char*>(out.data());
    if (text.size() == crypto_secretbox_KEYBYTES * 2 &&
        sodium_hex2bin(target, out.size(), text.data(), text.size(), nullptr, &length, nullptr) ==
            0 &&
        length == out.size()) {
        return out;
    }
    for (const int variant :
         {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
          sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING}) {
        if (sodium_base642bin(target, out.size(), text.data(), text.size(), nullptr, &length,
                              nullptr, variant) == 0 &&
            length == out.size()) {
            return out;
        }
    }
    return std::nullopt;
}

core::Error bad_sealed() {
    return core::Error{core::ErrorCode::kInvalidArgument,
                       "the stored secret cannot be opened with this key (another key, or "
                       "changed since it was sealed)",
                       "secret",
                       {},
                       {}};
}

}  // namespace

core::Result<SecretBox> SecretBox::from_key_text(std::string_view key_text,
                                                 std::string_view field) {
    random_bytes(0);  // initialises libsodium
    auto key = decode_key(key_text);
    if (!key) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be a 256-bit key: 64 hex digits or 43-44 base64 characters",
                          std::string(field));
    }
    return SecretBox(std::move(*key));
}

std::string SecretBox::generate_key_text() {
    const auto key = random_bytes(crypto_secretbox_KEYBYTES);
    std::string hex(key.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes(key), key.size());
    hex.pop_back();
    return hex;
}

SecretBox::~SecretBox() {
    if (!key_.empty()) {
        sodium_memzero(key_.data(), key_.size());
    }
}

std::string SecretBox::seal(std::string_view plain) const {
    std::string raw(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    randombytes_buf(out, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, bytes(plain), plain.size(), out,
                          bytes(key_));
    std::string text(sodium_base64_ENCODED_LEN(raw.size(), kBase64), '\0');
    sodium_bin2base64(text.data(), text.size(), out, raw.size(), kBase64);
    text.resize(text.find('\0'));
    return std::string(kVersion) + text;
}

core::Result<std::string> SecretBox::open(std::string_view sealed) const {
    if (!sealed.starts_with(kVersion)) {
        return tl::unexpected(bad_sealed());
    }
    sealed.remove_prefix(kVersion.size());
    std::string raw(sealed.size(), '\0');  // base64 never decodes to more bytes than characters
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), sealed.data(),
                          sealed.size(), nullptr, &length, nullptr, kBase64) != 0 ||
        length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        return tl::unexpected(bad_sealed());
    }
    const auto* in = bytes(raw);
    const auto cipher_length = length - crypto_secretbox_NONCEBYTES;
    std::string plain(cipher_length - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   in + crypto_secretbox_NONCEBYTES, cipher_length, in,
                                   bytes(key_)) != 0) {
        return tl::unexpected(bad_sealed());
    }
    return plain;
}

}  // namespace swarm::crypto
