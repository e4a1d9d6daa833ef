// `content-swarm generate` with a brief's "documents": the run cites only those documents of the
// --kb folder, and a name the folder does not hold is a usage error (exit 2) naming the field as
// the brief file writes it.
#include "support/command.hpp"
#include "support/test_paths.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class GenerateDocumentsTest : public ::testing::Test {
protected:
    /// The sample brief with `documents`, written to a file; returns its path.
    fs::path brief_with(const json& documents) {
        auto brief = json::parse(read_file(source_dir() / "examples" / "brief-fieldnote.json"));
        brief.erase("kb");
        brief["documents"] = documents;
        auto path = tmp_.path() / "brief.json";
        std::ofstream(path, std::ios::trunc) << brief.dump();
        return path;
    }

    static std::string kb() { return (source_dir() / "examples" / "kb-fieldnote").string(); }

    TempDir tmp_;
};

TEST_F(GenerateDocumentsTest, ARunCitesOnlyTheBriefsDocuments) {
    for (const auto* const chosen : {"traction.md", "product_features.md"}) {
        const auto r =
            run_cli({"generate", "--brief", brief_with({chosen}).string(), "--kb", kb(), "--json"});
        ASSERT_EQ(r.exit_code == 0 || r.exit_code == 3, true) << r.err;
        const auto result = json::parse(r.out);
        std::set<std::string> cited;
        for (const auto& item : result["items"]) {
            for (const auto& source : item["sources"]) {
                cited.insert(source["document"].get<std::string>());
            }
        }
        EXPECT_EQ(cited, std::set<std::string>{chosen}) << r.out.substr(0, 400);
    }
}

TEST_F(GenerateDocumentsTest, ANameNotInTheFolderIsAUsageErrorNamingTheField) {
    const auto r =
        run_cli({"generate", "--brief",
                 brief_with({"traction.md", "traction.md", "pricing.md", "nope.md"}).string(),
                 "--kb", kb(), "--json"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("documents[3]: \"nope.md\" is not a document in"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("company_overview.md, faq.md, pricing.md"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 200);
    const auto bad = run_cli(
        {"generate", "--brief", brief_with({"traction.md", "../x.md"}).string(), "--kb", kb()});
    EXPECT_EQ(bad.exit_code, 2) << bad.err;
    EXPECT_NE(bad.err.find("documents[1]: must not contain \"..\""), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace swarm::test
