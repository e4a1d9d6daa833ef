#include "core/agents/model_writer.hpp"

#include "core/agents/prompt_builder.hpp"
#include "core/agents/structured_output.hpp"

#include <algorithm>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

constexpr int kSingleCallMaxTokens = 6000;
constexpr double kWriterTemperature = 0.7;
constexpr double kRewriteTemperature = 0.4;

std::string writer_agent(Platform platform) {
    return fmt::format("writer:{}", to_string(platform));
}

ValidationContext validation(const ModelWriterContext& ctx) {
    return ValidationContext{&ctx.brief.brand, ctx.passages};
}

bool structured(const ModelWriterContext& ctx) {
    return ctx.client.supports_structured_output();
}

/// Sends one writer prompt for the platform and reads the reply into a draft.
Result<Draft> ask(const ModelWriterContext& ctx, Platform platform, const BuiltPrompt& prompt,
                  double temperature, int max_tokens = 0, bool stream = true) {
    LlmRequest request;
    request.system = prompt.system;
    request.messages.push_back(LlmMessage{LlmRole::kUser, prompt.user});
    request.max_tokens = max_tokens > 0 ? max_tokens : writer_max_tokens(platform);
    request.temperature = temperature;
    request.agent = writer_agent(platform);
    if (structured(ctx)) {
        request.structured = writer_schema(platform);
    }
    SWARM_TRY_ASSIGN(auto reply, ctx.session.call(ctx.client, std::move(request),
                                                  {"writer", platform, prompt.ids, stream}));
    return read_reply(platform, std::move(reply.text), structured(ctx), validation(ctx), ctx.sheet);
}

PlatformResult failed(Platform platform, int rewrites, Error error) {
    PlatformResult out;
    out.platform = platform;
    out.rewrites = rewrites;
    out.reason = fmt::format("model error: {}", describe(error));
    out.error = std::move(error);
    return out;
}

/// The first draft of a deck written in `parts`: every part asked (at once with
/// ctx.parallel_parts), then joined. An error when a call fails. Parts made at once stream in
/// order: the first one live, the others' text once it has finished.
Result<Draft> write_deck_parts(const ModelWriterContext& ctx, const std::vector<DeckPart>& parts) {
    const PromptInputs inputs{ctx.brief, ctx.sheet, structured(ctx)};
    const int slides = ctx.brief.options.deck_slides;
    std::vector<std::optional<Result<Draft>>> drafts(parts.size());
    auto write = [&](std::size_t i) {
        auto prompt = deck_part_prompt(inputs, parts[i]);
        if (!prompt) {
            drafts[i] = tl::unexpected(prompt.error());
            return;
        }
        // Room for its share of the deck's tokens, never less than half.
        const int budget = writer_max_tokens(Platform::kPitchDeck);
        const int share = budget * (parts[i].last - parts[i].first + 1) / std::max(slides, 1);
        drafts[i] = ask(ctx, Platform::kPitchDeck, *prompt, kWriterTemperature,
                        std::max(share + 200, budget / 2), !ctx.parallel_parts || i == 0);
    };
    if (ctx.parallel_parts) {
        std::vector<std::jthread> others;
        others.reserve(parts.size());
        for (std::size_t i = 1; i < parts.size(); ++i) {
            others.emplace_back(write, i);
        }
        write(0);
    } else {
        for (std::size_t i = 0; i < parts.size(); ++i) {
            write(i);
        }
    }
    std::vector<Draft> read;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        auto& draft = *drafts[i];
        if (!draft) {
            return tl::unexpected(draft.error());
        }
        if (ctx.parallel_parts && i > 0) {
            ctx.session.publish_progress(CallLabel{"writer", Platform::kPitchDeck, {}},
                                         draft->text);
        }
        read.push_back(std::move(*draft));
    }
    return merge_deck_parts(std::move(read), slides, validation(ctx), ctx.sheet);
}

}  // namespace

int writer_max_tokens(Platform platform) {
    switch (spec(platform).shape) {
        case OutputShape::kPost:
            return 1200;
        case OutputShape::kThread:
            return 1500;
        case OutputShape::kDeck:
            return 3000;
    }
    return 1200;
}

PlatformResult write_platform(const ModelWriterContext& ctx, Platform platform) {
    if (const auto parts = deck_parts(ctx.brief.options.deck_slides);
        platform == Platform::kPitchDeck && parts.size() > 1) {
        auto draft = write_deck_parts(ctx, parts);
        if (!draft) {
            return failed(platform, 0, draft.error());
        }
        return complete_platform(ctx, platform, std::move(*draft));
    }
    auto prompt = writer_prompt(PromptInputs{ctx.brief, ctx.sheet, structured(ctx)}, platform);
    if (!prompt) {
        return failed(platform, 0, prompt.error());
    }
    auto draft = ask(ctx, platform, *prompt, kWriterTemperature);
    if (!draft) {
        return failed(platform, 0, draft.error());
    }
    return complete_platform(ctx, platform, std::move(*draft));
}

PlatformResult complete_platform(const ModelWriterContext& ctx, Platform platform, Draft draft) {
    int rewrites = 0;
    while (!draft.problems.empty() && rewrites < ctx.max_rewrites) {
        const std::string previous = draft.item ? item_text(*draft.item) : draft.text;
        auto prompt = rewrite_prompt(PromptInputs{ctx.brief, ctx.sheet, structured(ctx)}, platform,
                                     draft.problems, previous);
        if (!prompt) {
            return failed(platform, rewrites, prompt.error());
        }
        auto next = ask(ctx, platform, *prompt, kRewriteTemperature);
        if (!next) {
            return failed(platform, rewrites, next.error());
        }
        ++rewrites;
        draft = std::move(*next);
    }
    PlatformResult out;
    out.platform = platform;
    out.rewrites = rewrites;
    if (draft.problems.empty() && draft.item) {
        out.item = std::move(draft.item);
    } else {
        out.reason = fmt::format("missing after {} rewrite(s): {}", rewrites,
                                 describe_problems(draft.problems));
    }
    return out;
}

Result<std::vector<Draft>> write_single_call(const ModelWriterContext& ctx) {
    // One text answer for every platform: the parser splits it, so no schema is requested.
    SWARM_TRY_ASSIGN(auto prompt, single_call_prompt(PromptInputs{ctx.brief, ctx.sheet, false}));
    LlmRequest request;
    request.system = prompt.system;
    request.messages.push_back(LlmMessage{LlmRole::kUser, prompt.user});
    request.max_tokens = kSingleCallMaxTokens;
    request.temperature = kWriterTemperature;
    request.agent = "writer";
    SWARM_TRY_ASSIGN(auto reply, ctx.session.call(ctx.client, std::move(request),
                                                  {"writer", std::nullopt, prompt.ids}));
    return read_multi_platform_reply(ctx.brief.platforms, reply.text, validation(ctx), ctx.sheet);
}

Result<Draft> revise_item(const ModelWriterContext& ctx, const ContentItem& item,
                          const RevisionNotes& notes) {
    SWARM_TRY_ASSIGN(auto prompt, revise_prompt(PromptInputs{ctx.brief, ctx.sheet, structured(ctx)},
                                                item.platform, notes, item_text(item)));
    return ask(ctx, item.platform, prompt, kRewriteTemperature);
}

}  // namespace swarm::core::agents
