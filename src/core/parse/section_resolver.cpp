#include "core/parse/section_resolver.hpp"

#include "core/parse/hashtags.hpp"
#include "core/parse/section_builder.hpp"

#include <algorithm>
#include <string>

namespace swarm::core::parse {
namespace {

struct Candidate {
    const RawSection* raw;
    SectionCandidate built;
};

bool contains(const std::vector<Platform>& list, Platform p) {
    return std::find(list.begin(), list.end(), p) != list.end();
}

ContentItem merge_thread(std::vector<Candidate*>& good) {
    ContentItem merged = std::move(*good.front()->built.item);
    for (std::size_t i = 1; i < good.size(); ++i) {
        ContentItem& next = *good[i]->built.item;
        for (auto& part : next.parts) {
            merged.parts.push_back(std::move(part));
        }
        merge_hashtags(merged.hashtags, next.hashtags);
    }
    merged.body = join_posts(merged.parts);
    return merged;
}

// Picks (or merges) the winner among several good sections; `how` explains the choice.
ContentItem pick(Platform platform, std::vector<Candidate*>& good, std::string& how,
                 std::vector<Issue>& warnings) {
    const auto later_flag = [&](auto pred) {
        return std::any_of(good.begin() + 1, good.end(),
                           [&](Candidate* c) { return pred(*c->raw); });
    };
    Candidate* chosen = good.back();
    if (platform == Platform::kTwitter && good.size() > 1 &&
        later_flag([](const RawSection& r) { return r.flags.continued || r.flags.ordinal; })) {
        how = "merged " + std::to_string(good.size()) + " sections into one thread";
        for (Candidate* c : good) {
            warnings.insert(warnings.end(), c->built.issues.begin(), c->built.issues.end());
        }
        return merge_thread(good);
    }
    const auto revised = std::find_if(good.rbegin(), good.rend(),
                                      [](Candidate* c) { return c->raw->flags.revised; });
    if (revised != good.rend()) {
        chosen = *revised;
        how = "kept the revised one";
    } else if (good.size() > 1 && later_flag([](const RawSection& r) { return r.flags.ordinal; })) {
        chosen = good.front();
        how = "kept the first of the numbered variants";
    } else {
        how = "kept the last one";
    }
    warnings.insert(warnings.end(), chosen->built.issues.begin(), chosen->built.issues.end());
    return std::move(*chosen->built.item);
}

std::optional<ContentItem> resolve(Platform platform, std::vector<Candidate>& candidates,
                                   std::vector<Issue>& warnings) {
    const std::string id(to_string(platform));
    std::vector<Candidate*> good;
    for (auto& c : candidates) {
        if (c.built.item) {
            good.push_back(&c);
        }
    }
    if (good.empty()) {
        // The most telling reason: placeholder or reasoning beats a plain empty section.
        const Candidate* worst = &candidates.back();
        for (const auto& c : candidates) {
            if (c.built.failure != "parse.empty_section") {
                worst = &c;
            }
        }
        if (candidates.size() > 1) {
            warnings.push_back(Issue{
                "parse.duplicate_section", Severity::kWarning,
                std::to_string(candidates.size()) + " " + id + " sections found, none with content",
                id});
        }
        warnings.push_back(
            Issue{worst->built.failure, Severity::kWarning, worst->built.failure_message, id});
        return std::nullopt;
    }
    std::string how;
    ContentItem item = pick(platform, good, how, warnings);
    if (candidates.size() > 1) {
        warnings.push_back(
            Issue{"parse.duplicate_section", Severity::kWarning,
                  std::to_string(candidates.size()) + " " + id + " sections found; " + how, id});
    }
    return item;
}

}  // namespace

std::map<Platform, ContentItem> resolve_sections(const std::vector<RawSection>& sections,
                                                 const std::vector<Platform>& wanted,
                                                 std::vector<Issue>& warnings) {
    std::map<Platform, std::vector<Candidate>> by_platform;
    std::vector<Platform> unrequested;
    for (const auto& s : sections) {
        if (!contains(wanted, s.platform)) {
            if (!contains(unrequested, s.platform)) {
                unrequested.push_back(s.platform);
                const std::string id(to_string(s.platform));
                warnings.push_back(
                    Issue{"parse.unrequested_platform", Severity::kWarning,
                          "a " + id + " section was found but not requested; ignored", id});
            }
            continue;
        }
        by_platform[s.platform].push_back(Candidate{&s, build_section(s)});
    }
    std::map<Platform, ContentItem> items;
    for (const Platform p : wanted) {
        auto it = by_platform.find(p);
        if (it == by_platform.end()) {
            const std::string id(to_string(p));
            warnings.push_back(Issue{"parse.missing_section", Severity::kWarning,
                                     "no " + id + " section found in the model output", id});
            continue;
        }
        if (auto item = resolve(p, it->second, warnings)) {
            items.emplace(p, std::move(*item));
        }
    }
    return items;
}

}  // namespace swarm::core::parse
