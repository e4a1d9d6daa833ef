// The built-in writers, one per platform; make_offline_writer() picks among them. Internal to the
// agents folder: everything else goes through the Writer port in writer.hpp.
#pragma once

#include "core/agents/writer.hpp"

#include <memory>

namespace swarm::core::agents {

std::unique_ptr<Writer> make_linkedin_writer();
std::unique_ptr<Writer> make_twitter_writer();
std::unique_ptr<Writer> make_deck_writer();

}  // namespace swarm::core::agents
