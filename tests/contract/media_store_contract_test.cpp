// The media store contract: every MediaStore (folder, SQLite, PostgreSQL, S3) keeps bytes under
// their SHA-256, once, with their content type; refuses what it cannot serve; answers unknown
// and malformed ids with nullopt; survives concurrent writers of one object.
#include "contract/media_backends.hpp"
#include "core/text/sha256.hpp"

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace swarm::test {
namespace {

using core::ErrorCode;

/// Bytes that are not text: NULs, high bytes, a fixed pseudo-random tail.
std::string binary_bytes(std::size_t size, unsigned seed) {
    std::mt19937 engine(seed);
    std::string out(size, '\0');
    for (auto& c : out) {
        c = static_cast<char>(engine() & 0xffU);
    }
    if (size > 4) {
        out[1] = '\0';
        out[2] = '\xff';
    }
    return out;
}

TEST_P(MediaContract, RoundTripsEveryTypeWithInfoAndStat) {
    const std::array types{core::kPngType, core::kJpegType, core::kPdfType, core::kPptxType};
    unsigned seed = 1;
    for (const auto type : types) {
        SCOPED_TRACE(std::string(type));
        const auto bytes = binary_bytes(1000 + seed, seed);
        ++seed;
        auto put = store().put(bytes, type);
        ASSERT_TRUE(put.has_value()) << core::describe(put.error());
        EXPECT_EQ(put->id, core::sha256_hex(bytes));
        EXPECT_EQ(put->content_type, type);
        EXPECT_EQ(put->size, bytes.size());

        auto got = store().get(put->id);
        ASSERT_TRUE(got.has_value()) << core::describe(got.error());
        ASSERT_TRUE(got->has_value());
        EXPECT_EQ((*got)->bytes, bytes);
        EXPECT_EQ((*got)->info.id, put->id);
        EXPECT_EQ((*got)->info.content_type, type);
        EXPECT_EQ((*got)->info.size, bytes.size());

        auto info = store().stat(put->id);
        ASSERT_TRUE(info.has_value()) << core::describe(info.error());
        ASSERT_TRUE(info->has_value());
        EXPECT_EQ((*info)->content_type, type);
        EXPECT_EQ((*info)->size, bytes.size());
    }
    EXPECT_EQ(backend().object_count(), types.size());
}

TEST_P(MediaContract, SameBytesGiveTheSameIdAndOneObject) {
    const auto bytes = binary_bytes(4096, 7);
    auto first = store().put(bytes, core::kPngType);
    auto second = store().put(bytes, core::kPngType);
    ASSERT_TRUE(first.has_value() && second.has_value());
    EXPECT_EQ(first->id, second->id);
    auto other = store().put(binary_bytes(4096, 8), core::kPngType);
    ASSERT_TRUE(other.has_value());
    EXPECT_NE(other->id, first->id);
    EXPECT_EQ(backend().object_count(), 2U);
}

TEST_P(MediaContract, AnotherStoreOnTheSameDataSeesTheObjects) {
    const auto bytes = binary_bytes(2048, 9);
    auto put = store().put(bytes, core::kPdfType);
    ASSERT_TRUE(put.has_value());
    auto again = backend().open_again();
    auto got = again->get(put->id);
    ASSERT_TRUE(got.has_value() && got->has_value());
    EXPECT_EQ((*got)->bytes, bytes);
    EXPECT_EQ((*got)->info.content_type, core::kPdfType);
    // And a put through the second store of the same bytes adds nothing.
    ASSERT_TRUE(again->put(bytes, core::kPdfType).has_value());
    EXPECT_EQ(backend().object_count(), 1U);
}

TEST_P(MediaContract, UnknownIdIsNullopt) {
    const std::string unknown = core::sha256_hex("never stored");
    auto got = store().get(unknown);
    ASSERT_TRUE(got.has_value()) << core::describe(got.error());
    EXPECT_FALSE(got->has_value());
    auto info = store().stat(unknown);
    ASSERT_TRUE(info.has_value()) << core::describe(info.error());
    EXPECT_FALSE(info->has_value());
}

TEST_P(MediaContract, MalformedIdsAreNulloptAndTouchNothing) {
    auto put = store().put(binary_bytes(100, 3), core::kPngType);
    ASSERT_TRUE(put.has_value());
    std::string upper = put->id;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    const std::string traversal_64 = "../" + put->id.substr(3);
    const std::vector<std::string> bad{"",
                                       "../x",
                                       "../../etc/passwd",
                                       traversal_64,
                                       upper,
                                       put->id.substr(0, 63),
                                       put->id + "0",
                                       put->id.substr(0, 2) + "/" + put->id.substr(3),
                                       std::string(64, 'g')};
    // A file where "../x" would lead from a folder store's root: must never be read.
    if (const auto root = backend().folder()) {
        std::filesystem::create_directories(root->parent_path());
        std::FILE* f = std::fopen((root->parent_path() / "x").c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fputs("outside", f);
        std::fclose(f);
    }
    const auto before = backend().object_count();
    for (const auto& id : bad) {
        SCOPED_TRACE(id);
        auto got = store().get(id);
        ASSERT_TRUE(got.has_value()) << core::describe(got.error());
        EXPECT_FALSE(got->has_value());
        auto info = store().stat(id);
        ASSERT_TRUE(info.has_value()) << core::describe(info.error());
        EXPECT_FALSE(info->has_value());
    }
    EXPECT_EQ(backend().object_count(), before);
    if (const auto root = backend().folder()) {
        // Only the one shard folder of the object put above exists: nothing was created.
        std::size_t shards = 0;
        for (const auto& entry : std::filesystem::directory_iterator(*root)) {
            EXPECT_EQ(entry.path().filename().string(), put->id.substr(0, 2));
            ++shards;
        }
        EXPECT_EQ(shards, 1U);
    }
}

TEST_P(MediaContract, UnsupportedContentTypeIsRefusedNamingTheField) {
    for (const std::string type : {"text/html", "image/svg+xml", "", "image/png; charset=x"}) {
        SCOPED_TRACE(type);
        auto put = store().put("<svg/>", type);
        ASSERT_FALSE(put.has_value());
        EXPECT_EQ(put.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(put.error().field, "content_type");
        EXPECT_NE(put.error().message.find("image/png"), std::string::npos);
    }
    EXPECT_EQ(backend().object_count(), 0U);
}

TEST_P(MediaContract, EmptyBytesAreRefused) {
    auto put = store().put("", core::kPngType);
    ASSERT_FALSE(put.has_value());
    EXPECT_EQ(put.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(put.error().field, "bytes");
    EXPECT_EQ(backend().object_count(), 0U);
}

TEST_P(MediaContract, ConcurrentPutsOfOneObjectStoreItOnce) {
    const auto bytes = binary_bytes(256 * 1024, 11);
    constexpr int kThreads = 8;
    std::vector<core::Result<core::MediaInfo>> results(kThreads);
    {
        std::vector<std::jthread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&, i] {
                results[static_cast<std::size_t>(i)] = store().put(bytes, core::kJpegType);
            });
        }
    }
    for (const auto& r : results) {
        ASSERT_TRUE(r.has_value()) << core::describe(r.error());
        EXPECT_EQ(r->id, core::sha256_hex(bytes));
    }
    auto got = store().get(core::sha256_hex(bytes));
    ASSERT_TRUE(got.has_value() && got->has_value());
    EXPECT_EQ((*got)->bytes, bytes);
    EXPECT_EQ(backend().object_count(), 1U);
}

TEST_P(MediaContract, KeepsALargeObjectWhole) {
    const auto bytes = binary_bytes(5 * 1024 * 1024, 13);
    auto put = store().put(bytes, core::kPptxType);
    ASSERT_TRUE(put.has_value()) << core::describe(put.error());
    auto info = store().stat(put->id);
    ASSERT_TRUE(info.has_value() && info->has_value());
    EXPECT_EQ((*info)->size, bytes.size());
    auto got = store().get(put->id);
    ASSERT_TRUE(got.has_value() && got->has_value());
    EXPECT_TRUE((*got)->bytes == bytes);
}

TEST_P(MediaContract, DescribesItselfWithoutSecrets) {
    const auto text = store().describe();
    EXPECT_FALSE(text.empty());
    EXPECT_EQ(text.find("secret"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, MediaContract, ::testing::ValuesIn(all_media_backends()),
                         MediaContract::backend_name);

}  // namespace
}  // namespace swarm::test
