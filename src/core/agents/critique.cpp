#include "core/agents/critique.hpp"

#include "core/agents/editor.hpp"
#include "core/agents/prompt_builder.hpp"
#include "core/agents/structured_output.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

constexpr int kCritiqueMaxTokens = 800;
constexpr std::size_t kPassagesPerIssue = 2;
constexpr std::size_t kMaxRevisionPassages = 6;
constexpr std::size_t kClaimWindow = 120;

Result<Critique> ask_critique(const CritiqueContext& ctx, const ContentItem& item) {
    const bool structured = ctx.editor.supports_structured_output();
    SWARM_TRY_ASSIGN(auto prompt, critique_prompt(PromptInputs{ctx.brief, ctx.sheet, structured},
                                                  item, ctx.threshold));
    LlmRequest request;
    request.messages.push_back(LlmMessage{LlmRole::kUser, prompt.user});
    request.max_tokens = kCritiqueMaxTokens;
    request.temperature = 0;
    request.agent = fmt::format("editor:{}", to_string(item.platform));
    if (structured) {
        request.structured = critique_schema();
    }
    SWARM_TRY_ASSIGN(auto reply, ctx.session.call(ctx.editor, std::move(request),
                                                  {"editor", item.platform, prompt.ids}));
    return decode_critique(reply.text);
}

std::vector<Issue> grounding_issues(const ContentItem& item) {
    std::vector<Issue> out;
    std::copy_if(item.quality.issues.begin(), item.quality.issues.end(), std::back_inserter(out),
                 [](const Issue& i) { return i.code.starts_with("grounding."); });
    return out;
}

/// Passages near each unsupported claim: the KB searched with the text around the claim.
std::vector<Passage> relevant_passages(const CritiqueContext& ctx, const ContentItem& item,
                                       const std::vector<Issue>& grounding) {
    const std::string text = item_text(item);
    std::vector<Passage> out;
    for (const auto& issue : grounding) {
        const auto open = issue.message.find('"');
        const auto close = issue.message.find('"', open + 1);
        if (open == std::string::npos || close == std::string::npos) {
            continue;
        }
        const auto claim = issue.message.substr(open + 1, close - open - 1);
        const auto at = std::min(text.find(claim), text.size());
        const auto from = at > kClaimWindow ? at - kClaimWindow : 0;
        auto hits = ctx.kb.search(text.substr(from, 2 * kClaimWindow), kPassagesPerIssue);
        for (auto& p : hits.value_or(std::vector<Passage>{})) {
            const bool known =
                std::any_of(out.begin(), out.end(), [&](const Passage& q) { return q.id == p.id; });
            if (!known && out.size() < kMaxRevisionPassages) {
                out.push_back(std::move(p));
            }
        }
    }
    return out;
}

/// The revised item, edited like any other, or why it was discarded.
Result<ContentItem> revised(const CritiqueContext& ctx, const ContentItem& item,
                            const RevisionNotes& notes) {
    const ModelWriterContext wctx{ctx.brief,   ctx.sheet,   ctx.passages,
                                  ctx.session, *ctx.writer, ctx.max_rewrites};
    SWARM_TRY_ASSIGN(auto draft, revise_item(wctx, item, notes));
    if (!draft.item || !draft.problems.empty()) {
        return fail(ErrorCode::kInvalidArgument, describe_problems(draft.problems), "revision");
    }
    ContentItem next = std::move(*draft.item);
    next.id = item.id;
    next.platform = item.platform;
    edit_item(next, EditContext{ctx.brief, ctx.passages});
    for (const auto& issue : next.quality.issues) {
        if (issue.severity == Severity::kError) {
            return fail(ErrorCode::kInvalidArgument, issue.code + ": " + issue.message, "revision");
        }
    }
    return next;
}

}  // namespace

CritiqueOutcome critique_and_revise(const CritiqueContext& ctx, ContentItem& item) {
    CritiqueOutcome out;
    const std::string name(to_string(item.platform));
    for (int attempt = 0;; ++attempt) {
        auto critique = ask_critique(ctx, item);
        if (!critique) {
            out.notes.push_back(
                fmt::format("{}: editor critique failed: {}", name, describe(critique.error())));
            out.error = critique.error();
            return out;
        }
        out.score = critique->score;
        const auto grounding = grounding_issues(item);
        if (critique->score >= ctx.threshold && grounding.empty()) {
            return out;
        }
        if (ctx.writer == nullptr || attempt >= ctx.max_revisions) {
            out.notes.push_back(fmt::format(
                "{}: critique score {:.2f} (threshold {:.2f}) after {} revision(s){}", name,
                critique->score, ctx.threshold, out.revisions,
                grounding.empty() ? "" : fmt::format(", {} grounding issue(s)", grounding.size())));
            return out;
        }
        const RevisionNotes notes{critique->score, ctx.threshold, critique->issues, grounding,
                                  relevant_passages(ctx, item, grounding)};
        auto next = revised(ctx, item, notes);
        if (!next) {
            if (next.error().field != "revision") {
                out.notes.push_back(
                    fmt::format("{}: revision failed: {}", name, describe(next.error())));
                out.error = next.error();
                return out;
            }
            out.notes.push_back(fmt::format("{}: revision {} discarded: {}", name, attempt + 1,
                                            next.error().message));
            continue;
        }
        item = std::move(*next);
        ++out.revisions;
    }
}

}  // namespace swarm::core::agents
