// Checks one parse result against a fixture's NAME.expected.json: platform set, missing set,
// exact warning set, per-item content facts, and the absence of scaffolding and reasoning.
#pragma once

#include "core/parse/section_parser.hpp"

#include <string>
#include <vector>

namespace swarm::test {

/// Every violation as a readable line; empty when the result matches.
std::vector<std::string> check_expectations(const std::string& expected_json,
                                            const core::ParseResult& result);

/// The requested platforms listed in the expected file.
std::vector<core::Platform> expected_platforms(const std::string& expected_json);

}  // namespace swarm::test
