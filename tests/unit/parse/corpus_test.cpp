// The fixture corpus: every tests/fixtures/parser/NAME.txt is parsed with the platforms of
// NAME.expected.json and checked against it (see corpus_expectations.hpp for the schema).
#include "core/parse/section_parser.hpp"
#include "corpus_expectations.hpp"
#include "support/test_paths.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

constexpr std::size_t kMinimumCases = 45;
constexpr std::string_view kExpectedSuffix = ".expected.json";

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(fixture("parser"), ec)) {
        const std::string file = entry.path().filename().string();
        if (file.size() > kExpectedSuffix.size() && file.ends_with(kExpectedSuffix)) {
            names.push_back(file.substr(0, file.size() - kExpectedSuffix.size()));
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

TEST(ParserCorpus, HasEnoughCases) {
    EXPECT_GE(case_names().size(), kMinimumCases) << "fixture folder: " << fixture("parser");
}

TEST(ParserCorpus, EveryInputHasAnExpectedFileAndBack) {
    for (const auto& entry : std::filesystem::directory_iterator(fixture("parser"))) {
        const auto path = entry.path();
        const std::string file = path.filename().string();
        if (file.ends_with(kExpectedSuffix)) {
            const auto name = file.substr(0, file.size() - kExpectedSuffix.size());
            EXPECT_TRUE(std::filesystem::exists(path.parent_path() / (name + ".txt"))) << file;
        } else {
            EXPECT_TRUE(file.ends_with(".txt")) << "unexpected file " << file;
            const auto name = file.substr(0, file.size() - 4);
            EXPECT_TRUE(
                std::filesystem::exists(path.parent_path() / (name + std::string(kExpectedSuffix))))
                << file << " has no expected file";
        }
    }
}

class CorpusCase : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusCase, MatchesExpectations) {
    const std::string name = GetParam();
    const std::string input = read_file(fixture("parser/" + name + ".txt"));
    const std::string expected =
        read_file(fixture("parser/" + name + std::string(kExpectedSuffix)));
    core::ParseOptions options;
    options.requested = expected_platforms(expected);
    const auto result = core::parse_model_output(input, options);
    const auto errors = check_expectations(expected, result);
    std::string report;
    for (const auto& e : errors) {
        report += "  - " + e + "\n";
    }
    EXPECT_TRUE(errors.empty()) << name << ":\n" << report;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CorpusCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                             return param_info.param;
                         });

}  // namespace
}  // namespace swarm::test
