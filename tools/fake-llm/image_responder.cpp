// Image requests end to end: OpenAI /images/generations and Bedrock Nova Canvas InvokeModel, their
// validation (the real services' size rules), script matching, faults, and real PNG answers (as
// base64 or as a link to GET /_fake/images/...).
#include "llm/base64.hpp"
#include "png_writer.hpp"
#include "session.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace swarm::fake_llm::detail {
namespace {

namespace net = boost::asio;
using Json = nlohmann::json;

constexpr std::size_t kOversizeBytes = (std::size_t{20} << 20) + (std::size_t{1} << 20);
constexpr std::string_view kImagePath = "/_fake/images/";

struct ImageAsk {
    std::string model;
    std::string prompt;
    int width = 1024;
    int height = 1024;
    bool url = false;  // OpenAI: answer with a link instead of base64
};

std::optional<std::pair<int, int>> parse_size(std::string_view text) {
    const auto x = text.find('x');
    int w = 0;
    int h = 0;
    if (x == std::string_view::npos ||
        std::from_chars(text.data(), text.data() + x, w).ptr != text.data() + x ||
        std::from_chars(text.data() + x + 1, text.data() + text.size(), h).ptr !=
            text.data() + text.size() ||
        w < 1 || h < 1 || w > 8192 || h > 8192) {
        return std::nullopt;
    }
    return std::pair{w, h};
}

bool allowed_openai_size(std::string_view model, std::string_view size) {
    const auto any_of = [size](std::initializer_list<std::string_view> sizes) {
        return std::find(sizes.begin(), sizes.end(), size) != sizes.end();
    };
    if (model.starts_with("gpt-image-")) {
        return any_of({"1024x1024", "1536x1024", "1024x1536", "auto"});
    }
    if (model.starts_with("dall-e-3")) {
        return any_of({"1024x1024", "1792x1024", "1024x1792"});
    }
    if (model.starts_with("dall-e-2")) {
        return any_of({"256x256", "512x512", "1024x1024"});
    }
    return true;
}

/// The OpenAI request, or the 400 the real API would give.
tl::expected<ImageAsk, HttpAnswer> read_openai(const Json& body) {
    const auto refuse_with = [](const std::string& message) {
        return tl::unexpected(openai_error(400, "invalid_request_error", "", message));
    };
    ImageAsk ask;
    if (!body.contains("prompt") || !body["prompt"].is_string() ||
        body["prompt"].get<std::string>().empty()) {
        return refuse_with("'prompt' is a required property");
    }
    ask.prompt = body["prompt"].get<std::string>();
    ask.model = body.value("model", std::string("dall-e-2"));
    if (body.contains("n") && (!body["n"].is_number_integer() || body["n"].get<int>() != 1)) {
        return refuse_with("the fake answers n=1 only");
    }
    const std::string size = body.value("size", std::string("1024x1024"));
    if (!allowed_openai_size(ask.model, size)) {
        return refuse_with("Invalid value: '" + size + "'. Supported values depend on the model.");
    }
    const auto dims = parse_size(size == "auto" ? "1024x1024" : size);
    if (!dims) {
        return refuse_with("Invalid value for size: '" + size + "'.");
    }
    ask.width = dims->first;
    ask.height = dims->second;
    const bool gpt_image = ask.model.starts_with("gpt-image-");
    if (body.contains("response_format")) {
        if (gpt_image) {
            return refuse_with("Unknown parameter: 'response_format'.");
        }
        const auto format = body["response_format"].get<std::string>();
        if (format != "url" && format != "b64_json") {
            return refuse_with("Invalid value for response_format: '" + format + "'.");
        }
        ask.url = format == "url";
    } else {
        ask.url = !gpt_image;  // dall-e defaults to url; gpt-image always sends base64
    }
    return ask;
}

bool valid_nova_size(int w, int h) {
    const auto side_ok = [](int side) {
        return side >= 320 && side <= 4096 && side % 16 == 0;
    };
    return side_ok(w) && side_ok(h) && std::int64_t{w} * h <= 4'194'304 &&
           std::int64_t{w} <= 4 * std::int64_t{h} && std::int64_t{h} <= 4 * std::int64_t{w};
}

/// The Nova Canvas TEXT_IMAGE request, or the ValidationException the service would give.
tl::expected<ImageAsk, HttpAnswer> read_nova(const Json& body, const std::string& path_model) {
    const auto refuse_with = [](const std::string& message) {
        return tl::unexpected(bedrock_error(400, "ValidationException", message));
    };
    ImageAsk ask;
    ask.model = path_model;
    if (body.value("taskType", std::string()) != "TEXT_IMAGE") {
        return refuse_with("taskType: the fake supports TEXT_IMAGE only");
    }
    const auto params = body.find("textToImageParams");
    if (params == body.end() || !params->is_object() || !params->contains("text") ||
        !(*params)["text"].is_string()) {
        return refuse_with("textToImageParams.text is required");
    }
    ask.prompt = (*params)["text"].get<std::string>();
    const auto characters = std::count_if(ask.prompt.begin(), ask.prompt.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    });
    if (characters < 1 || characters > 1024) {
        return refuse_with("textToImageParams.text: length must be 1 to 1024 characters");
    }
    const auto config = body.value("imageGenerationConfig", Json::object());
    ask.width = config.value("width", 1024);
    ask.height = config.value("height", 1024);
    if (config.value("numberOfImages", 1) != 1) {
        return refuse_with("the fake answers numberOfImages=1 only");
    }
    if (!valid_nova_size(ask.width, ask.height)) {
        return refuse_with(
            "The provided [inputDimensions] does not meet the required format or "
            "standards. (" +
            std::to_string(ask.width) + "x" + std::to_string(ask.height) + ")");
    }
    return ask;
}

/// The payload bytes for a fault (or the real image).
std::string payload_for(const ImageAsk& ask, FaultKind kind, std::uint64_t seq) {
    if (kind == FaultKind::kNotImage) {
        return "<html><body>not an image</body></html>";
    }
    auto png = encode_png(ask.width, ask.height, static_cast<std::uint32_t>(seq));
    return kind == FaultKind::kOversize ? pad_png(png, kOversizeBytes) : png;
}

std::string base64_payload(const ImageAsk& ask, FaultKind kind, std::uint64_t seq) {
    if (kind == FaultKind::kMalformedBase64) {
        return "iVBORw0KGgo*not+base64!";
    }
    return llm::base64_encode(payload_for(ask, kind, seq));
}

std::string link_for(const Request& req, const ImageAsk& ask, FaultKind kind, std::uint64_t seq) {
    std::string name =
        std::to_string(seq) + "-" + std::to_string(ask.width) + "x" + std::to_string(ask.height);
    name += kind == FaultKind::kOversize   ? "-oversize.png"
            : kind == FaultKind::kNotImage ? ".txt"
                                           : ".png";
    return "http://" + std::string(req[boost::beast::http::field::host]) + std::string(kImagePath) +
           name;
}

constexpr std::string_view kB64Slot = "@@b64@@";

/// `document` dumped with the string kB64Slot replaced by `b64` (base64 needs no JSON escaping,
/// and a 28 MB string through the JSON writer takes seconds in debug builds).
std::string with_base64(const Json& document, const std::string& b64) {
    std::string text = document.dump();
    const auto at = text.find(kB64Slot);
    return at == std::string::npos ? text : text.replace(at, kB64Slot.size(), b64);
}

HttpAnswer success_answer(Provider provider, const Request& req, const ImageAsk& ask,
                          const Plan& plan, std::uint64_t seq) {
    HttpAnswer answer;
    const FaultKind kind = plan.fault.kind;
    if (provider == Provider::kBedrock) {
        if (kind == FaultKind::kContentFilter) {
            answer.body = Json{{"images", Json::array()},
                               {"error", "This request has been blocked by our content filters."}}
                              .dump();
            return answer;
        }
        answer.body = with_base64(Json{{"images", {kB64Slot}}}, base64_payload(ask, kind, seq));
        return answer;
    }
    if (kind == FaultKind::kContentFilter) {
        return openai_error(400, "image_generation_user_error", "content_policy_violation",
                            "Your request was rejected as a result of our safety system.");
    }
    const bool url =
        plan.image_as ? *plan.image_as == "url" : ask.url && kind != FaultKind::kMalformedBase64;
    Json item = url ? Json{{"url", link_for(req, ask, kind, seq)}} : Json{{"b64_json", kB64Slot}};
    item["revised_prompt"] = ask.prompt;
    const Json document = {{"created", std::chrono::duration_cast<std::chrono::seconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count()},
                           {"data", Json::array({std::move(item)})}};
    answer.body = url ? document.dump() : with_base64(document, base64_payload(ask, kind, seq));
    return answer;
}

}  // namespace

net::awaitable<bool> serve_image(Stream& stream, const Shared& shared, const Request& req,
                                 Provider provider, std::string path_model) {
    const auto headers = header_json(req);
    const auto seq = shared.recorder.add(make_record(req, provider, headers));
    if (provider == Provider::kBedrock) {
        if (auto denied = check_bedrock(headers)) {
            co_return co_await refuse(stream, shared, seq, req, std::move(*denied));
        }
    }
    const auto body = Json::parse(req.body(), nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        co_return co_await refuse(stream, shared, seq, req,
                                  request_error(provider, 400, "the body is not a JSON object"));
    }
    tl::expected<ImageAsk, HttpAnswer> ask = tl::unexpected(HttpAnswer{});
    try {
        ask = provider == Provider::kBedrock ? read_nova(body, path_model) : read_openai(body);
    } catch (const Json::exception& e) {
        ask = tl::unexpected(
            request_error(provider, 400, std::string("invalid request: ") + e.what()));
    }
    if (!ask) {
        co_return co_await refuse(stream, shared, seq, req, std::move(ask.error()));
    }
    const auto agent = header(headers, "x-content-swarm-agent");
    const auto plan = shared.book.choose({provider, agent, ask->model, ask->prompt, "image"});
    shared.recorder.set_reply(seq, plan.source, ask->model, plan.fault.name);
    co_await sleep_until(stream, std::chrono::steady_clock::now() + plan.ttft);
    const FaultKind kind = plan.fault.kind;
    if (kind == FaultKind::kStatus || kind == FaultKind::kInsufficientQuota ||
        kind == FaultKind::kMidStreamError) {
        Fault fault = plan.fault;
        if (kind == FaultKind::kMidStreamError) {
            fault = Fault{FaultKind::kStatus, 500, fault.name, 0, std::nullopt};
        }
        co_return co_await refuse(stream, shared, seq, req, fault_answer(provider, fault));
    }
    if (kind == FaultKind::kDisconnect || kind == FaultKind::kStall) {
        if (kind == FaultKind::kStall) {
            co_await hold_open(stream, shared);
        }
        shared.recorder.finish(seq, 0);
        co_return false;
    }
    auto answer = success_answer(provider, req, *ask, plan, seq);
    if (kind == FaultKind::kMalformedChunk || kind == FaultKind::kBadCrc) {
        answer.body.resize(answer.body.size() / 2);  // a body cut in the middle
    }
    co_return co_await refuse(stream, shared, seq, req, std::move(answer));
}

HttpAnswer image_download(const Shared& shared, const Request& req, std::string_view path) {
    RequestRecord record;
    record.method = std::string(req.method_string());
    record.path = std::string(req.target());
    record.provider = "openai";
    record.headers = header_json(req);
    record.reply = "download";
    const auto seq = shared.recorder.add(std::move(record));
    const std::string_view name = path.substr(kImagePath.size());
    const auto dash = name.find('-');
    const auto dot = name.find('.');
    std::uint64_t image_seq = 0;
    std::optional<std::pair<int, int>> size;
    if (dash != std::string_view::npos && dot != std::string_view::npos && dash < dot) {
        std::from_chars(name.data(), name.data() + dash, image_seq);
        const auto dims = name.substr(dash + 1, dot - dash - 1);
        size = parse_size(dims.substr(0, dims.find('-')));
    }
    HttpAnswer answer;
    if (!size) {
        answer = openai_error(404, "invalid_request_error", "", "no such image");
    } else if (name.ends_with(".txt")) {
        answer.content_type = "text/html";
        answer.body = payload_for(ImageAsk{}, FaultKind::kNotImage, image_seq);
    } else {
        ImageAsk ask;
        ask.width = size->first;
        ask.height = size->second;
        answer.content_type = "image/png";
        answer.body = payload_for(
            ask, name.ends_with("-oversize.png") ? FaultKind::kOversize : FaultKind::kNone,
            image_seq);
    }
    shared.recorder.set_status(seq, answer.status);
    shared.recorder.finish(seq, 0);
    return answer;
}

}  // namespace swarm::fake_llm::detail
