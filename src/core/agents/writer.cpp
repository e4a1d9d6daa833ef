#include "core/agents/writer.hpp"

#include "core/agents/offline_writers.hpp"

namespace swarm::core {

std::unique_ptr<Writer> make_offline_writer(Platform platform) {
    switch (platform) {
        case Platform::kLinkedIn:
            return agents::make_linkedin_writer();
        case Platform::kTwitter:
            return agents::make_twitter_writer();
        case Platform::kPitchDeck:
            return agents::make_deck_writer();
    }
    return nullptr;
}

}  // namespace swarm::core
