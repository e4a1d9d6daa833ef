// How the built-in writers turn facts into copy a person would publish: which facts stand alone
// as sentences (no fragments, no dangling "it" or "since then"), what counts as saying the same
// thing twice, the news line of an announcement, and the brief's tone (emoji, sentence length,
// exclamation) and language for the few fixed words.
#pragma once

#include "core/agents/brief_angle.hpp"
#include "core/agents/writer.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::agents {

/// Facts the brand allows that stand alone as copy: research-approved statements that are not
/// fragments and do not lean on a sentence that is not there.
std::vector<const Fact*> publishable_facts(const WriterInput& input);

/// True when the text is not a sentence a reader can take on its own: it starts lower-case, is
/// a bare list of names, ends with a colon, or has fewer than four words.
bool is_fragment(std::string_view text);

class CopyStyle {
public:
    CopyStyle(const WriterInput& input, const BriefAngle& angle);

    /// "Introducing <subject>. Available from <date>." for an announcement, within `max_chars`.
    std::optional<std::string> news_line(std::size_t max_chars) const;

    /// True when the fact belongs in a post about the brief: the customer's problem, the
    /// product, results and the market always; pricing, competitors, the team and the raise
    /// only when the brief talks about them.
    bool fits_story(const Fact& fact) const;

    /// Facts best suited to carry the brief's point, best first.
    std::vector<const Fact*> ranked_for_hook(const std::vector<const Fact*>& facts) const;

    /// Facts by how much they say about the brief's subject, then by story value.
    std::vector<const Fact*> ranked_for_subject(const std::vector<const Fact*>& facts) const;

    /// The fact as a sentence within the tone's sentence length and `max_chars`; "" when it
    /// cannot stand alone or cannot be shortened without losing a list item.
    std::string sentence(const Fact& fact, std::size_t max_chars) const;

    /// The fact as a bullet (a figure kept), or "".
    static std::string bullet(const Fact& fact, std::size_t max_chars);

    /// A bullet's text closed as a sentence.
    static std::string as_prose(std::string_view text);

    /// True when the fact says nothing the copy has not said: every figure already shown, or
    /// most of its words already used by one fact.
    bool repeats(const Fact& fact) const;

    void mark_used(const Fact& fact);
    /// Counts a line the copy already says (the news line) so facts restating it are repeats.
    void mark_said(std::string_view line);
    bool is_used(const Fact& fact) const;

    /// Adds the tone's emoji to the first line of the hook.
    void decorate_hook(std::vector<std::string>& lines) const;

    std::string label_by_the_numbers() const;
    std::string cta_line() const;

    /// A kInfo note naming what research kept out of the copy (internal notes, instructions).
    void add_withheld_note(ContentItem& item) const;

    const BriefAngle& angle() const { return angle_; }

    const std::string& language() const { return lang_; }

private:
    double subject_overlap(const Fact& fact) const;

    const WriterInput& in_;
    const BriefAngle& angle_;
    std::string lang_;
    std::vector<std::string> subject_words_;
    std::vector<std::string> prompt_words_;
    std::set<const Fact*> used_;
    std::set<std::string> shown_numbers_;
    std::vector<std::vector<std::string>> used_words_;
};

}  // namespace swarm::core::agents
