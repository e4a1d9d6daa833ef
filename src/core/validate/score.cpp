// The quality score: 1.0 minus 0.25 per error and 0.08 per warning, info free, clamped to 0..1;
// an item with nothing in it (content.empty) scores 0.
#include "core/validate/validator.hpp"

#include <algorithm>

namespace swarm::core {

namespace {
constexpr double kErrorPenalty = 0.25;
constexpr double kWarningPenalty = 0.08;
}  // namespace

double score_issues(std::span<const Issue> issues) {
    double score = 1.0;
    for (const auto& issue : issues) {
        if (issue.code == "content.empty") {
            return 0.0;
        }
        switch (issue.severity) {
            case Severity::kError:
                score -= kErrorPenalty;
                break;
            case Severity::kWarning:
                score -= kWarningPenalty;
                break;
            case Severity::kInfo:
                break;
        }
    }
    return std::clamp(score, 0.0, 1.0);
}

}  // namespace swarm::core
