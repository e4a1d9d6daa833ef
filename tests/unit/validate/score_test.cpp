// score_issues: 1 - 0.25 per error - 0.08 per warning, info free, clamped; empty items score 0.
#include "core/validate/validator.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

Issue issue(Severity severity, std::string code = "x.any") {
    return Issue{std::move(code), severity, "message", "body"};
}

TEST(Score, NoIssuesIsPerfect) {
    EXPECT_DOUBLE_EQ(score_issues({}), 1.0);
}

TEST(Score, ErrorsAndWarningsCostInfoIsFree) {
    const std::vector<Issue> issues{issue(Severity::kError), issue(Severity::kWarning),
                                    issue(Severity::kInfo)};
    EXPECT_NEAR(score_issues(issues), 1.0 - 0.25 - 0.08, 1e-12);
    EXPECT_DOUBLE_EQ(score_issues(std::vector<Issue>{issue(Severity::kInfo)}), 1.0);
}

TEST(Score, ClampsAtZero) {
    const std::vector<Issue> issues(5, issue(Severity::kError));
    EXPECT_DOUBLE_EQ(score_issues(issues), 0.0);
}

TEST(Score, MoreIssuesNeverScoreHigher) {
    std::vector<Issue> issues;
    double last = score_issues(issues);
    for (int i = 0; i < 20; ++i) {
        issues.push_back(issue(i % 2 == 0 ? Severity::kWarning : Severity::kError));
        const double now = score_issues(issues);
        EXPECT_LE(now, last);
        EXPECT_GE(now, 0.0);
        last = now;
    }
}

TEST(Score, EmptyContentScoresZero) {
    EXPECT_DOUBLE_EQ(score_issues(std::vector<Issue>{issue(Severity::kError, "content.empty")}),
                     0.0);
}

}  // namespace
}  // namespace swarm::core
