// Picks the provider's encoder, and maps scripted faults and refused requests to each provider's
// real status and error type (OpenAI error objects, Anthropic error types, AWS exception names).
#include "provider.hpp"

#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace swarm::fake_llm {
namespace {

constexpr std::string_view kOpenAiServerError =
    "The server had an error while processing your request. Sorry about that!";

HttpAnswer openai_status(int status, std::optional<double> retry_after) {
    switch (status) {
        case 400:
            return openai_error(400, "invalid_request_error", "", "Invalid request (scripted).");
        case 401:
            return openai_error(401, "invalid_request_error", "invalid_api_key",
                                "Incorrect API key provided: sk-fake****. You can find your API "
                                "key at https://platform.openai.com/account/api-keys.");
        case 404:
            return openai_error(404, "invalid_request_error", "model_not_found",
                                "The model does not exist or you do not have access to it.");
        case 429:
            return openai_error(429, "requests", "rate_limit_exceeded",
                                "Rate limit reached for requests per min (RPM). Please try again "
                                "later.",
                                retry_after);
        case 503:
        case 529:
            return openai_error(status, "server_error", "",
                                "The engine is currently overloaded, please try again later.",
                                retry_after);
        default:
            break;
    }
    if (status >= 500) {
        return openai_error(status, "server_error", "", kOpenAiServerError, retry_after);
    }
    return openai_error(status, "invalid_request_error", "", "Request refused (scripted).",
                        retry_after);
}

std::string_view anthropic_type(int status) {
    switch (status) {
        case 401:
            return "authentication_error";
        case 402:
            return "billing_error";
        case 403:
            return "permission_error";
        case 404:
            return "not_found_error";
        case 413:
            return "request_too_large";
        case 429:
            return "rate_limit_error";
        case 504:
            return "timeout_error";
        case 529:
            return "overloaded_error";
        default:
            return status >= 500 ? "api_error" : "invalid_request_error";
    }
}

std::string_view anthropic_message(int status) {
    switch (status) {
        case 401:
            return "invalid x-api-key";
        case 429:
            return "Number of request tokens has exceeded your per-minute rate limit.";
        case 529:
            return "Overloaded";
        default:
            return status >= 500 ? "Internal server error" : "Request refused (scripted).";
    }
}

HttpAnswer bedrock_status(int status, std::optional<double> retry_after) {
    switch (status) {
        case 400:
            return bedrock_error(400, "ValidationException", "Invalid request (scripted).");
        case 401:  // AWS answers bad credentials with 403
            return bedrock_error(403, "UnrecognizedClientException",
                                 "The security token included in the request is invalid.");
        case 403:
            return bedrock_error(403, "AccessDeniedException",
                                 "You don't have access to the model with the specified model ID.");
        case 404:
            return bedrock_error(404, "ResourceNotFoundException", "Model not found (scripted).");
        case 408:
            return bedrock_error(408, "ModelTimeoutException", "Model timed out (scripted).");
        case 424:
            return bedrock_error(424, "ModelErrorException", "Model error (scripted).");
        case 429:
            return bedrock_error(429, "ThrottlingException",
                                 "Too many requests, please wait before trying again.",
                                 retry_after);
        case 503:
        case 529:  // Bedrock has no 529: its overload answer is 503
            return bedrock_error(503, "ServiceUnavailableException",
                                 "Bedrock is unable to process your request.", retry_after);
        default:
            break;
    }
    if (status >= 500) {
        return bedrock_error(status, "InternalServerException", "Internal server error (scripted).",
                             retry_after);
    }
    return bedrock_error(status, "ValidationException", "Request refused (scripted).", retry_after);
}

}  // namespace

void add_retry_after(HeaderList& headers, std::optional<double> seconds) {
    if (!seconds) {
        return;
    }
    const auto ms = static_cast<long long>(std::llround(*seconds * 1000.0));
    headers.emplace_back("retry-after", std::to_string((ms + 999) / 1000));
    headers.emplace_back("retry-after-ms", std::to_string(ms));
}

JsonTemplate::JsonTemplate(const std::string& dumped) {
    const std::string slot = nlohmann::json(std::string(kSlot)).dump();
    const auto at = dumped.find(slot);
    if (at == std::string::npos) {
        throw std::logic_error("JsonTemplate: no slot in " + dumped);
    }
    prefix_ = dumped.substr(0, at);
    suffix_ = dumped.substr(at + slot.size());
}

std::string JsonTemplate::fill(std::string_view value) const {
    return prefix_ + nlohmann::json(std::string(value)).dump() + suffix_;
}

std::string sse_event(std::string_view event, std::string_view data) {
    std::string out;
    out.reserve(event.size() + data.size() + 16);
    if (!event.empty()) {
        out.append("event: ").append(event).append("\n");
    }
    return out.append("data: ").append(data).append("\n\n");
}

std::unique_ptr<StreamEncoder> make_stream_encoder(Provider provider, ReplyContext context) {
    switch (provider) {
        case Provider::kAnthropic:
            return make_anthropic_encoder(std::move(context));
        case Provider::kBedrock:
            return make_bedrock_encoder(std::move(context));
        case Provider::kOpenAi:
            break;
    }
    return make_openai_encoder(std::move(context));
}

HttpAnswer complete_answer(Provider provider, const ReplyContext& context, std::string_view text,
                           Finish finish, Usage usage) {
    if (provider == Provider::kAnthropic) {
        return anthropic_complete(context, text, finish, usage);
    }
    return openai_complete(context, text, finish, usage);  // Bedrock here only streams
}

HttpAnswer late_fault_answer(Provider provider, const ReplyContext& context, const Fault& fault,
                             std::string_view text) {
    if (fault.kind == FaultKind::kMidStreamError) {
        return fault_answer(provider,
                            Fault{FaultKind::kStatus, provider == Provider::kAnthropic ? 529 : 500,
                                  fault.name, 0, std::nullopt});
    }
    // Malformed: a body cut in the middle, as a broken proxy would deliver it.
    auto answer = complete_answer(provider, context, text, Finish::kStop, Usage{1, 1});
    answer.body.resize(answer.body.size() / 2);
    return answer;
}

HttpAnswer fault_answer(Provider provider, const Fault& fault) {
    const auto retry = fault.retry_after_s;
    if (fault.kind == FaultKind::kInsufficientQuota) {
        switch (provider) {
            case Provider::kOpenAi:
                return openai_error(429, "insufficient_quota", "insufficient_quota",
                                    "You exceeded your current quota, please check your plan and "
                                    "billing details.");
            case Provider::kAnthropic:
                return anthropic_error(402, "billing_error",
                                       "Your credit balance is too low to access the Anthropic "
                                       "API. Please go to Plans & Billing to upgrade or purchase "
                                       "credits.");
            case Provider::kBedrock:
                return bedrock_error(400, "ServiceQuotaExceededException",
                                     "Your request exceeds the service quota for your account.");
        }
    }
    switch (provider) {
        case Provider::kAnthropic:
            return anthropic_error(fault.status, anthropic_type(fault.status),
                                   anthropic_message(fault.status), retry);
        case Provider::kBedrock:
            return bedrock_status(fault.status, retry);
        case Provider::kOpenAi:
            break;
    }
    return openai_status(fault.status, retry);
}

HttpAnswer request_error(Provider provider, int status, std::string_view message,
                         std::string_view aws_error_type) {
    switch (provider) {
        case Provider::kAnthropic:
            return anthropic_error(status, anthropic_type(status), message);
        case Provider::kBedrock:
            return bedrock_error(
                status, aws_error_type.empty() ? "ValidationException" : aws_error_type, message);
        case Provider::kOpenAi:
            break;
    }
    return openai_error(status, "invalid_request_error", "", message);
}

}  // namespace swarm::fake_llm
