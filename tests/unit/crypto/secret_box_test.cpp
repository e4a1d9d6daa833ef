// Values sealed under a key open only under that key and only unchanged: every flipped byte,
// truncation, foreign text and other key is refused without showing the value.
#include "crypto/secret_box.hpp"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::crypto {
namespace {

SecretBox box(const std::string& key_text) {
    auto made = SecretBox::from_key_text(key_text, "CONTENT_SWARM_SECRET_KEY");
    EXPECT_TRUE(made) << made.error().message;
    return std::move(*made);
}

TEST(SecretBox, ASealedValueOpensUnderItsKeyAndSealsDifferEveryTime) {
    const auto key = SecretBox::generate_key_text();
    ASSERT_EQ(key.size(), 64U);
    const auto b = box(key);
    for (const std::string& value :
         std::vector<std::string>{std::string(), std::string("sk-live-abc123"),
                                  std::string("tok\0en", 6), std::string(10000, 'z')}) {
        const auto sealed = b.seal(value);
        EXPECT_TRUE(sealed.starts_with("v1.")) << sealed;
        if (!value.empty() && value.size() < 100) {
            EXPECT_EQ(sealed.find(value), std::string::npos) << "plain text in the sealed form";
        }
        EXPECT_NE(b.seal(value), sealed) << "a fresh nonce per seal";
        auto opened = b.open(sealed);
        ASSERT_TRUE(opened) << opened.error().message;
        EXPECT_EQ(*opened, value);
        // The same key written another way (base64) opens it too.
        auto again = box(key).open(sealed);
        ASSERT_TRUE(again);
        EXPECT_EQ(*again, value);
    }
}

TEST(SecretBox, AnyChangeAnotherKeyOrAForeignTextIsRefused) {
    const auto b = box(SecretBox::generate_key_text());
    const std::string value = "sk-live-0123456789";
    const auto sealed = b.seal(value);
    auto expect_refused = [&](const std::string& text, const std::string& what) {
        auto opened = b.open(text);
        ASSERT_FALSE(opened) << what;
        EXPECT_EQ(opened.error().code, core::ErrorCode::kInvalidArgument) << what;
        EXPECT_EQ(opened.error().field, "secret");
        EXPECT_EQ(opened.error().message.find(value), std::string::npos);
    };
    for (std::size_t i = 3; i < sealed.size(); ++i) {
        auto changed = sealed;
        changed[i] = changed[i] == 'A' ? 'B' : 'A';
        expect_refused(changed, "changed at " + std::to_string(i));
    }
    for (std::size_t cut = 0; cut < sealed.size(); cut += 7) {
        expect_refused(sealed.substr(0, cut), "cut at " + std::to_string(cut));
    }
    expect_refused("v2." + sealed.substr(3), "another version");
    expect_refused(value, "plain text");
    expect_refused(sealed + "=", "padding");
    const auto other = box(SecretBox::generate_key_text());
    auto opened = other.open(sealed);
    EXPECT_FALSE(opened) << "another key opened it";
}

TEST(SecretBox, KeyTextsInEveryAcceptedFormAndNothingElse) {
    const std::string hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    const auto sealed = box(hex).seal("x");
    for (const std::string& same : std::vector<std::string>{
             std::string("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="),
             std::string("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"),
             std::string("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F")}) {
        auto opened = box(same).open(sealed);
        ASSERT_TRUE(opened) << same;
        EXPECT_EQ(*opened, "x");
    }
    for (const std::string& bad : std::vector<std::string>{
             std::string(), hex.substr(2), hex + "00", std::string(64, 'g'), std::string("short"),
             std::string("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8fIA")}) {
        auto made = SecretBox::from_key_text(bad, "CONTENT_SWARM_SECRET_KEY");
        ASSERT_FALSE(made) << bad;
        EXPECT_EQ(made.error().field, "CONTENT_SWARM_SECRET_KEY");
        if (!bad.empty()) {
            EXPECT_EQ(made.error().message.find(bad), std::string::npos) << "echoed the key";
        }
    }
}

}  // namespace
}  // namespace swarm::crypto
