// --media / CONTENT_SWARM_MEDIA: the three forms parsed, bad values refused naming the option and
// what is allowed (never echoing an s3:// value), the default folder, and S3 credentials taken
// from the environment.
#include "app/media_config.hpp"

#include "app/server.hpp"
#include "support/test_paths.hpp"

#include <map>
#include <string>

#include <gtest/gtest.h>

namespace swarm::app {
namespace {

using Kind = MediaLocation::Kind;

EnvLookup env_of(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        const auto it = vars.find(std::string(name));
        return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

TEST(MediaConfig, ParsesFolderAndDb) {
    auto folder = parse_media_location("folder:/var/lib/swarm/media", "--media");
    ASSERT_TRUE(folder.has_value());
    EXPECT_EQ(folder->kind, Kind::kFolder);
    EXPECT_EQ(folder->folder, "/var/lib/swarm/media");
    auto db = parse_media_location("db", "--media");
    ASSERT_TRUE(db.has_value());
    EXPECT_EQ(db->kind, Kind::kDatabase);
}

TEST(MediaConfig, ParsesS3WithPrefixRegionAndEndpoint) {
    auto s3 = parse_media_location(
        "s3://my-bucket/swarm/media/?region=eu-central-1&endpoint=http%3A%2F%2F127.0.0.1%3A9000",
        "--media");
    ASSERT_TRUE(s3.has_value()) << core::describe(s3.error());
    EXPECT_EQ(s3->kind, Kind::kS3);
    EXPECT_EQ(s3->s3.bucket, "my-bucket");
    EXPECT_EQ(s3->s3.prefix, "swarm/media");
    EXPECT_EQ(s3->s3.region, "eu-central-1");
    EXPECT_EQ(s3->s3.endpoint, "http://127.0.0.1:9000");
    EXPECT_TRUE(s3->s3.path_style);  // an endpoint: S3-compatible servers answer path-style

    auto aws = parse_media_location("s3://my-bucket", "--media");
    ASSERT_TRUE(aws.has_value());
    EXPECT_EQ(aws->s3.prefix, "");
    EXPECT_EQ(aws->s3.region, "");  // filled from AWS_REGION at open
    EXPECT_EQ(aws->s3.endpoint, "");
    EXPECT_FALSE(aws->s3.path_style);

    auto raw = parse_media_location(
        "s3://b.example/p?endpoint=https://minio.local:9000&style=virtual", "--media");
    ASSERT_TRUE(raw.has_value());
    EXPECT_EQ(raw->s3.endpoint, "https://minio.local:9000");
    EXPECT_FALSE(raw->s3.path_style);
}

TEST(MediaConfig, RefusesBadValuesNamingTheOptionAndWhatIsAllowed) {
    const std::vector<std::string> bad{"",
                                       "folder:",
                                       "database",
                                       "file:/tmp/media",
                                       "s3://",
                                       "s3://UPPER",
                                       "s3://ab",
                                       "s3://bucket/../up",
                                       "s3://bucket/a//b",
                                       "s3://bucket/a b",
                                       "s3://bucket?region=",
                                       "s3://bucket?acl=public",
                                       "s3://bucket?endpoint=ftp://host",
                                       "s3://bucket?endpoint=http://user:secretpw@host",
                                       "s3://bucket?endpoint=http://host/path",
                                       "s3://bucket?style=sideways",
                                       "s3://bucket?endpoint=%zz"};
    for (const auto& value : bad) {
        SCOPED_TRACE(value);
        auto parsed = parse_media_location(value, "--media");
        ASSERT_FALSE(parsed.has_value());
        EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument);
        EXPECT_EQ(parsed.error().field, "--media");
        EXPECT_FALSE(parsed.error().message.empty());
        EXPECT_EQ(parsed.error().message.find("secretpw"), std::string::npos);
    }
    auto other = parse_media_location("nfs://x", "CONTENT_SWARM_MEDIA");
    ASSERT_FALSE(other.has_value());
    EXPECT_EQ(other.error().field, "CONTENT_SWARM_MEDIA");
    EXPECT_NE(other.error().message.find("folder:PATH"), std::string::npos);
    EXPECT_NE(other.error().message.find("db"), std::string::npos);
    EXPECT_NE(other.error().message.find("s3://BUCKET"), std::string::npos);
}

TEST(MediaConfig, DefaultFolderIsBesideTheSqliteFile) {
    EXPECT_EQ(default_media_folder("sqlite:/var/lib/swarm/content-swarm.db"),
              std::filesystem::path("/var/lib/swarm/media"));
    EXPECT_EQ(default_media_folder("sqlite:content-swarm.db"), std::filesystem::path("media"));
    EXPECT_EQ(default_media_location("sqlite:/srv/cs.db").kind, Kind::kFolder);
    // PostgreSQL: the database itself, shared by every replica.
    EXPECT_EQ(default_media_location("postgres://swarm@db:5432/swarm").kind, Kind::kDatabase);
    EXPECT_EQ(default_media_location("postgresql://swarm@db/swarm").kind, Kind::kDatabase);
}

TEST(MediaConfig, EnvironmentVariableIsCheckedAtConfigTime) {
    auto config = server_config_from_env(env_of({{"CONTENT_SWARM_MEDIA", "s3://x"}}));
    ASSERT_FALSE(config.has_value());
    EXPECT_EQ(config.error().field, "CONTENT_SWARM_MEDIA");
    config = server_config_from_env(env_of({{"CONTENT_SWARM_MEDIA", "db"}}));
    ASSERT_TRUE(config.has_value());
    EXPECT_EQ(config->media, "db");
}

TEST(MediaConfig, S3NeedsKeysFromTheEnvironmentAndFillsTheRegion) {
    auto location = parse_media_location("s3://my-bucket?endpoint=http://127.0.0.1:9", "--media");
    ASSERT_TRUE(location.has_value());
    auto none = open_media_store(*location, "sqlite:x.db", nullptr, env_of({}));
    ASSERT_FALSE(none.has_value());
    EXPECT_EQ(none.error().field, "AWS_ACCESS_KEY_ID");
    auto store = open_media_store(*location, "sqlite:x.db", nullptr,
                                  env_of({{"AWS_ACCESS_KEY_ID", "AKIDTEST"},
                                          {"AWS_SECRET_ACCESS_KEY", "topsecretvalue"},
                                          {"AWS_REGION", "ap-south-1"}}));
    ASSERT_TRUE(store.has_value()) << core::describe(store.error());
    const auto text = (*store)->describe();
    EXPECT_NE(text.find("ap-south-1"), std::string::npos) << text;
    EXPECT_EQ(text.find("topsecretvalue"), std::string::npos);
    EXPECT_EQ(text.find("AKIDTEST"), std::string::npos);
}

TEST(MediaConfig, FolderStoreOpensTheDefaultOrTheGivenFolder) {
    test::TempDir dir;
    const auto db = "sqlite:" + (dir.path() / "swarm.db").string();
    auto store = open_media_store(MediaLocation{}, db, nullptr, env_of({}));
    ASSERT_TRUE(store.has_value()) << core::describe(store.error());
    EXPECT_EQ((*store)->describe(), "folder " + (dir.path() / "media").string());
    EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "media"));
    auto no_db = open_media_store(MediaLocation{Kind::kDatabase, {}, {}}, db, nullptr, env_of({}));
    ASSERT_FALSE(no_db.has_value());
    EXPECT_EQ(no_db.error().field, "--media");
}

}  // namespace
}  // namespace swarm::app
