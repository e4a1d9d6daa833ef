// What one media backend does beyond the contract: the folder's on-disk layout and its refusal of
// a damaged object; S3 object URLs (path-style and virtual-host) and errors that name the bucket
// and S3's code but never the credentials.
#include "contract/moto_server.hpp"
#include "core/text/sha256.hpp"
#include "storage/media/folder_media_store.hpp"
#include "storage/media/s3_media_store.hpp"
#include "support/http_client.hpp"
#include "support/local_http_server.hpp"
#include "support/test_paths.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <filesystem>
#include <netinet/in.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

TEST(FolderMediaStore, KeepsPlainFilesInShardFoldersWithATypeSidecar) {
    TempDir dir;
    auto store = storage::FolderMediaStore::open(dir.path() / "nested" / "media");
    ASSERT_TRUE(store.has_value()) << core::describe(store.error());
    auto put = (*store)->put(std::string("\x89PNG\r\n\x1a\n\0data", 13), core::kPngType);
    ASSERT_TRUE(put.has_value());
    const auto file = dir.path() / "nested" / "media" / put->id.substr(0, 2) / put->id;
    EXPECT_EQ(read_file(file), std::string("\x89PNG\r\n\x1a\n\0data", 13));
    auto type_file = file;
    type_file += ".type";
    EXPECT_EQ(read_file(type_file), "image/png");
    EXPECT_EQ((*store)->describe(), "folder " + (dir.path() / "nested" / "media").string());
    // No temporary file is left behind.
    for (const auto& entry : std::filesystem::directory_iterator(file.parent_path())) {
        EXPECT_NE(entry.path().filename().string().rfind(".tmp-", 0), 0U) << entry.path();
    }
}

TEST(FolderMediaStore, AnObjectWithoutItsTypeIsAnErrorNotAGuess) {
    TempDir dir;
    auto store = storage::FolderMediaStore::open(dir.path());
    ASSERT_TRUE(store.has_value());
    auto put = (*store)->put("bytes", core::kJpegType);
    ASSERT_TRUE(put.has_value());
    auto type_file = dir.path() / put->id.substr(0, 2) / put->id;
    type_file += ".type";
    std::filesystem::remove(type_file);
    auto got = (*store)->get(put->id);
    ASSERT_FALSE(got.has_value());
    EXPECT_EQ(got.error().code, core::ErrorCode::kIo);
    EXPECT_NE(got.error().message.find(put->id), std::string::npos);
}

TEST(FolderMediaStore, OpenRefusesAFileInPlaceOfTheFolder) {
    TempDir dir;
    std::FILE* f = std::fopen((dir.path() / "file").c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fclose(f);
    auto store = storage::FolderMediaStore::open(dir.path() / "file");
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().code, core::ErrorCode::kIo);
}

storage::S3Options s3_options() {
    storage::S3Options options;
    options.bucket = "media-bucket";
    options.prefix = "swarm/prod";
    options.region = "eu-west-1";
    options.credentials = {"AKIDEXAMPLE123", "wJalrXUtnFEMI-not-a-real-secret", "session-tok"};
    return options;
}

TEST(S3MediaStore, BuildsVirtualHostAndPathStyleUrls) {
    const std::string id = core::sha256_hex("x");
    auto aws = storage::S3MediaStore::open(s3_options());
    ASSERT_TRUE(aws.has_value());
    EXPECT_EQ((*aws)->object_url(id),
              "https://media-bucket.s3.eu-west-1.amazonaws.com/swarm/prod/" + id);
    auto options = s3_options();
    options.endpoint = "http://127.0.0.1:9000/";
    options.path_style = true;
    options.prefix.clear();
    auto local = storage::S3MediaStore::open(options);
    ASSERT_TRUE(local.has_value());
    EXPECT_EQ((*local)->object_url(id), "http://127.0.0.1:9000/media-bucket/" + id);
    options.path_style = false;
    auto virtual_local = storage::S3MediaStore::open(options);
    ASSERT_TRUE(virtual_local.has_value());
    EXPECT_EQ((*virtual_local)->object_url(id), "http://media-bucket.127.0.0.1:9000/" + id);
    const auto text = (*aws)->describe();
    EXPECT_NE(text.find("media-bucket"), std::string::npos);
    EXPECT_EQ(text.find("AKIDEXAMPLE123"), std::string::npos);
    EXPECT_EQ(text.find("not-a-real-secret"), std::string::npos);
}

TEST(S3MediaStore, OpenRefusesAnEndpointThatIsNotHttp) {
    auto options = s3_options();
    options.endpoint = "ftp://example";
    auto store = storage::S3MediaStore::open(options);
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().field, "endpoint");
    options = s3_options();
    options.bucket.clear();
    store = storage::S3MediaStore::open(options);
    ASSERT_FALSE(store.has_value());
    EXPECT_EQ(store.error().field, "bucket");
}

void expect_no_secrets(const core::Error& error) {
    const auto text = core::describe(error) + error.detail;
    EXPECT_EQ(text.find("AKIDEXAMPLE123"), std::string::npos) << text;
    EXPECT_EQ(text.find("not-a-real-secret"), std::string::npos) << text;
    EXPECT_EQ(text.find("session-tok"), std::string::npos) << text;
}

TEST(S3MediaStore, UnreachableEndpointIsUnavailableWithoutSecrets) {
    auto options = s3_options();
    options.endpoint = "http://127.0.0.1:9";  // discard port: nothing listens
    options.path_style = true;
    options.connect_timeout = std::chrono::milliseconds(2000);
    auto store = storage::S3MediaStore::open(options);
    ASSERT_TRUE(store.has_value());
    auto got = (*store)->stat(core::sha256_hex("x"));
    ASSERT_FALSE(got.has_value());
    EXPECT_EQ(got.error().code, core::ErrorCode::kUnavailable);
    EXPECT_NE(got.error().message.find("media-bucket"), std::string::npos);
    expect_no_secrets(got.error());
}

/// Accepts connections, counts them, and never answers (an S3 endpoint that hangs).
class SilentEndpoint {
public:
    SilentEndpoint() {
        fd_ = listen_loopback(16, port_);
        thread_ = std::thread([this] {
            while (true) {
                const int c = ::accept(fd_, nullptr, nullptr);
                if (c < 0) {
                    return;  // the listener was shut down
                }
                accepted_.fetch_add(1);
                held_.push_back(c);  // kept open, never written to
            }
        });
    }

    ~SilentEndpoint() {
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
        thread_.join();
        for (const int c : held_) {
            ::close(c);
        }
    }

    SilentEndpoint(const SilentEndpoint&) = delete;
    SilentEndpoint& operator=(const SilentEndpoint&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    int accepted() const { return accepted_.load(); }

private:
    int fd_ = -1;
    int port_ = 0;
    std::atomic<int> accepted_{0};
    std::vector<int> held_;  // touched by the accept thread only, then by the destructor
    std::thread thread_;
};

// A store that accepts and never answers: a HEAD and a GET each end at their timeout as
// kDeadlineExceeded after ONE attempt (retrying a hang would hold a media worker attempts x
// the timeout), while a refused connection (above) is still retried as kUnavailable.
TEST(S3MediaStore, AHangingEndpointTimesOutOnceWithoutRetries) {
    SilentEndpoint silent;
    auto options = s3_options();
    options.endpoint = silent.url();
    options.path_style = true;
    options.attempts = 3;
    options.head_timeout = std::chrono::milliseconds(300);
    options.idle_timeout = std::chrono::milliseconds(300);
    auto store = storage::S3MediaStore::open(options);
    ASSERT_TRUE(store.has_value());
    const auto id = core::sha256_hex("x");
    auto head = (*store)->stat(id);
    ASSERT_FALSE(head.has_value());
    EXPECT_EQ(head.error().code, core::ErrorCode::kDeadlineExceeded)
        << core::describe(head.error());
    EXPECT_EQ(silent.accepted(), 1);
    auto get = (*store)->get(id);
    ASSERT_FALSE(get.has_value());
    EXPECT_EQ(get.error().code, core::ErrorCode::kDeadlineExceeded) << core::describe(get.error());
    EXPECT_EQ(silent.accepted(), 2);
    expect_no_secrets(get.error());
}

TEST(S3MediaStore, MissingBucketIsNamedWithS3sCodeWithoutSecrets) {
    if (const auto why = moto_skip_reason(); !why.empty()) {
        GTEST_SKIP() << why;
    }
    auto& moto = MotoServer::shared();
    auto options = s3_options();
    options.bucket = "no-such-bucket-here";
    options.endpoint = moto.endpoint();
    options.path_style = true;
    auto store = storage::S3MediaStore::open(options);
    ASSERT_TRUE(store.has_value());
    auto put = (*store)->put("bytes", core::kPngType);
    ASSERT_FALSE(put.has_value());
    EXPECT_EQ(put.error().code, core::ErrorCode::kUnavailable);
    EXPECT_NE(put.error().message.find("no-such-bucket-here"), std::string::npos);
    EXPECT_NE(put.error().message.find("NoSuchBucket"), std::string::npos) << put.error().message;
    expect_no_secrets(put.error());
}

TEST(S3MediaStore, KeysAnObjectByItsHashUnderThePrefix) {
    if (const auto why = moto_skip_reason(); !why.empty()) {
        GTEST_SKIP() << why;
    }
    auto& moto = MotoServer::shared();
    auto options = s3_options();
    options.bucket = MotoServer::kBucket;
    options.prefix = "layout/check";
    options.endpoint = moto.endpoint();
    options.path_style = true;
    auto store = storage::S3MediaStore::open(options);
    ASSERT_TRUE(store.has_value());
    auto put = (*store)->put("%PDF-1.7 tiny", core::kPdfType);
    ASSERT_TRUE(put.has_value()) << core::describe(put.error());
    // Listed by the bucket itself (not through our client): exactly PREFIX/<sha256>.
    EXPECT_EQ(moto.count_keys(MotoServer::kBucket, "layout/check/" + put->id), 1U);
    EXPECT_EQ(moto.count_keys(MotoServer::kBucket, "layout/check/"), 1U);
    // Anonymous reads are refused: the bucket stays private, media go through /media/{id}.
    const auto anonymous = http_request(
        moto.port(), "GET", "/" + std::string(MotoServer::kBucket) + "/layout/check/" + put->id);
    EXPECT_EQ(anonymous.status, 403);
}

}  // namespace
}  // namespace swarm::test
