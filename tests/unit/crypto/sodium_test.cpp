// Passwords are stored as salted Argon2id strings that verify only the right password; secret
// digests are stable and distinct; tokens are random base64url of the asked size.
#include "crypto/sodium.hpp"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::crypto {
namespace {

constexpr auto kCost = PasswordCost::kTest;  // the minimum limits: the logic, not the cost

TEST(Passwords, AHashVerifiesOnlyItsPasswordAndHoldsNoPlainText) {
    const std::string password = "correct horse battery staple";
    auto hash = hash_password(password, kCost);
    ASSERT_TRUE(hash) << hash.error().message;
    EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
    EXPECT_EQ(hash->find(password), std::string::npos);
    EXPECT_TRUE(verify_password(*hash, password));
    for (const std::string& wrong :
         std::vector<std::string>{"", "correct horse battery stapl", "Correct horse battery staple",
                                  "correct horse battery staple ", password + password}) {
        EXPECT_FALSE(verify_password(*hash, wrong)) << wrong;
    }
}

TEST(Passwords, EveryHashIsSaltedAndEveryPasswordShapeWorks) {
    std::set<std::string> hashes;
    for (const std::string& password :
         std::vector<std::string>{std::string(), std::string("a"), std::string(1000, 'x'),
                                  std::string("p\0ss", 4), std::string("pässwörd ✓ 🚀")}) {
        auto first = hash_password(password, kCost);
        auto second = hash_password(password, kCost);
        ASSERT_TRUE(first && second);
        EXPECT_NE(*first, *second) << "two hashes of one password must differ (salt)";
        EXPECT_TRUE(verify_password(*first, password));
        EXPECT_TRUE(verify_password(*second, password));
        hashes.insert(*first);
    }
    // "p\0ss" is not "p": the length counts, not a C string.
    auto nul = hash_password(std::string("p\0ss", 4), kCost);
    ASSERT_TRUE(nul);
    EXPECT_FALSE(verify_password(*nul, "p"));
}

TEST(Passwords, MalformedStoredValuesNeverVerify) {
    auto hash = hash_password("secret", kCost);
    ASSERT_TRUE(hash);
    for (const std::string& stored : std::vector<std::string>{
             std::string(), std::string("secret"), hash->substr(0, hash->size() - 3), *hash + "x",
             std::string("$argon2id$"), std::string(200, '$'),
             hash->substr(0, 10) + std::string(1, '\0') + hash->substr(11)}) {
        EXPECT_FALSE(verify_password(stored, "secret")) << stored;
    }
}

TEST(Passwords, AHashWithOtherLimitsNeedsARehash) {
    auto weak = hash_password("secret", PasswordCost::kTest);
    ASSERT_TRUE(weak);
    EXPECT_FALSE(password_needs_rehash(*weak, PasswordCost::kTest));
    EXPECT_TRUE(password_needs_rehash(*weak, PasswordCost::kInteractive));
    EXPECT_TRUE(password_needs_rehash("not a hash"));
}

TEST(SecretDigest, StableHexAndDifferentForEveryChange) {
    const auto digest = secret_digest("csk_0123456789ab_secret");
    EXPECT_EQ(digest.size(), 64U);
    EXPECT_EQ(digest.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(secret_digest("csk_0123456789ab_secret"), digest);
    std::set<std::string> seen{digest};
    std::string base = "csk_0123456789ab_secret";
    for (std::size_t i = 0; i < base.size(); ++i) {
        auto changed = base;
        changed[i] = static_cast<char>(changed[i] ^ 1);
        EXPECT_TRUE(seen.insert(secret_digest(changed)).second) << i;
    }
    // The BLAKE2b-256 test vector of the empty input.
    EXPECT_EQ(secret_digest(""),
              "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(ConstantTime, EqualOnlyForTheSameBytes) {
    EXPECT_TRUE(equal_constant_time("", ""));
    EXPECT_TRUE(equal_constant_time("abc", "abc"));
    EXPECT_FALSE(equal_constant_time("abc", "abd"));
    EXPECT_FALSE(equal_constant_time("abc", "ab"));
    EXPECT_FALSE(equal_constant_time("", "a"));
}

TEST(RandomToken, Base64UrlOfTheAskedSizeAndNeverRepeated) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto token = random_token(32);
        ASSERT_EQ(token.size(), 43U);
        ASSERT_EQ(token.find_first_not_of(
                      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                  std::string::npos)
            << token;
        EXPECT_TRUE(seen.insert(token).second);
    }
    EXPECT_EQ(random_token(6).size(), 8U);
    EXPECT_EQ(random_bytes(16).size(), 16U);
}

}  // namespace
}  // namespace swarm::crypto
