// The API key format: formatted keys parse back to their parts, and every way a presented text
// can differ from the format (prefix, id alphabet and length, separator, secret alphabet and
// length, surrounding bytes) is refused as unauthenticated without echoing the text.
#include "core/access/api_key.hpp"

#include <cctype>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::access {
namespace {

const ApiKeyParts kGood{"0123456789ab", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_xyzQR"};

TEST(ApiKey, AFormattedKeyParsesBackToItsParts) {
    ASSERT_TRUE(is_api_key_id(kGood.id));
    ASSERT_TRUE(is_api_key_secret(kGood.secret));
    const auto key = format_api_key(kGood);
    EXPECT_EQ(key, "csk_0123456789ab_" + kGood.secret);
    EXPECT_EQ(api_key_prefix(kGood.id), "csk_0123456789ab");
    auto parsed = parse_api_key(key, "Authorization");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->id, kGood.id);
    EXPECT_EQ(parsed->secret, kGood.secret);
    // A secret may hold '_' anywhere, even first: the id's fixed length keeps it unambiguous.
    const ApiKeyParts underscores{kGood.id, "_" + kGood.secret.substr(1)};
    ASSERT_TRUE(parse_api_key(format_api_key(underscores), "Authorization"));
}

TEST(ApiKey, EverySingleCharacterChangeOutsideTheAlphabetsIsRefused) {
    const auto key = format_api_key(kGood);
    int refused = 0;
    for (std::size_t at = 0; at < key.size(); ++at) {
        for (const char c : std::string("G!+/=. \t\x01\x7f\xc3")) {
            auto changed = key;
            changed[at] = c;
            const bool in_id = at >= 4 && at < 16;
            const bool in_secret = at >= 17;
            const bool allowed_in_secret =
                in_secret && (std::isalnum(static_cast<unsigned char>(c)) != 0);
            auto parsed = parse_api_key(changed, "Authorization");
            if (allowed_in_secret) {
                EXPECT_TRUE(parsed) << at << " " << int(c);
                continue;
            }
            ASSERT_FALSE(parsed) << "accepted a change at " << at << " to " << int(c)
                                 << (in_id ? " (id)" : "");
            EXPECT_EQ(parsed.error().code, ErrorCode::kUnauthenticated);
            EXPECT_EQ(parsed.error().field, "Authorization");
            EXPECT_EQ(parsed.error().message.find(kGood.secret), std::string::npos);
            ++refused;
        }
    }
    EXPECT_GT(refused, 0);
}

TEST(ApiKey, WrongLengthsPrefixesAndWrappingsAreRefused) {
    const auto key = format_api_key(kGood);
    const std::vector<std::string> bad{
        "",
        "csk_",
        key.substr(0, key.size() - 1),
        key + "A",
        " " + key,
        key + " ",
        key + "\n",
        "Bearer " + key,
        "CSK_" + key.substr(4),
        "csx_" + key.substr(4),
        "csk-" + key.substr(4),
        "csk_0123456789AB_" + kGood.secret,  // upper-case id
        "csk_0123456789a_X" + kGood.secret,  // short id
        "csk_0123456789abc" + kGood.secret,  // no separator
        "csk_0123456789ab-" + kGood.secret,  // wrong separator
        std::string("csk_0123456789ab_") + std::string(43, '\0'),
    };
    for (const auto& text : bad) {
        auto parsed = parse_api_key(text, "Authorization");
        EXPECT_FALSE(parsed) << text;
        if (!parsed) {
            EXPECT_EQ(parsed.error().code, ErrorCode::kUnauthenticated) << text;
        }
    }
}

}  // namespace
}  // namespace swarm::core::access
