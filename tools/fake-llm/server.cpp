// The listener, the keep-alive session loop (limits and timeouts on every read), the route table,
// and the small endpoints: /health, /v1/models and the /_fake control API.
#include "server.hpp"

#include "session.hpp"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace swarm::fake_llm {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using detail::Request;
using detail::Shared;
using detail::Stream;

namespace {

constexpr auto kTuple = net::as_tuple(net::use_awaitable);
using Parser = bhttp::request_parser<bhttp::string_body>;

HttpAnswer json_answer(int status, const nlohmann::json& body) {
    HttpAnswer answer;
    answer.status = status;
    answer.body = body.dump();
    return answer;
}

HttpAnswer control_error(int status, const std::string& message) {
    return json_answer(status, {{"error", message}});
}

std::string url_decode(std::string_view in) {
    std::string out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '%' && i + 2 < in.size()) {
            const auto hex = std::string(in.substr(i + 1, 2));
            char* end = nullptr;
            const auto value = std::strtol(hex.c_str(), &end, 16);
            if (end == hex.c_str() + 2) {
                out += static_cast<char>(value);
                i += 2;
                continue;
            }
        }
        out += in[i];
    }
    return out;
}

HttpAnswer replace_script(const Shared& shared, const std::string& body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded()) {
        return control_error(400, "the script is not valid JSON");
    }
    auto script = parse_script(json, shared.options.script_dir);
    if (!script) {
        return control_error(400, script.error());
    }
    const auto sequence = script->sequence.size();
    const auto replies = script->replies.size();
    shared.book.replace(std::move(*script));
    return json_answer(200, {{"status", "ok"}, {"sequence", sequence}, {"replies", replies}});
}

HttpAnswer models_answer(const Shared& shared) {
    auto data = nlohmann::json::array();
    for (const auto& id : shared.book.models()) {
        data.push_back({{"id", id}, {"object", "model"}, {"created", 0}, {"owned_by", "fake-llm"}});
    }
    return json_answer(200, {{"object", "list"}, {"data", std::move(data)}});
}

/// Routes that answer at once; nullopt for the model endpoints and unknown paths.
std::optional<HttpAnswer> small_route(const Shared& shared, const Request& req,
                                      std::string_view path) {
    const bool get = req.method() == bhttp::verb::get;
    const bool post = req.method() == bhttp::verb::post;
    if (path == "/health" && get) {
        return json_answer(200, {{"status", "ok"}});
    }
    if (path == "/v1/models" && get) {
        return models_answer(shared);
    }
    if (path == "/_fake/requests" && get) {
        return json_answer(200, shared.recorder.to_json());
    }
    if (path == "/_fake/script" && post) {
        return replace_script(shared, req.body());
    }
    if (path == "/_fake/reset" && post) {
        shared.recorder.clear();
        shared.book.reset_counters();
        return json_answer(200, {{"status", "ok"}});
    }
    return std::nullopt;
}

struct ModelRoute {
    Provider provider;
    std::string path_model;
    bool image = false;  // OpenAI images or Nova Canvas InvokeModel
};

std::optional<ModelRoute> model_route(std::string_view path) {
    if (path == "/v1/chat/completions" || path == "/chat/completions") {
        return ModelRoute{Provider::kOpenAi, {}};
    }
    if (path == "/v1/messages") {
        return ModelRoute{Provider::kAnthropic, {}};
    }
    if (path == "/v1/images/generations" || path == "/images/generations") {
        return ModelRoute{Provider::kOpenAi, {}, true};
    }
    constexpr std::string_view kPrefix = "/model/";
    constexpr std::string_view kSuffix = "/converse-stream";
    if (path.size() > kPrefix.size() + kSuffix.size() && path.starts_with(kPrefix) &&
        path.ends_with(kSuffix)) {
        const auto id = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
        return ModelRoute{Provider::kBedrock, url_decode(id)};
    }
    constexpr std::string_view kInvoke = "/invoke";
    if (path.size() > kPrefix.size() + kInvoke.size() && path.starts_with(kPrefix) &&
        path.ends_with(kInvoke)) {
        const auto id = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kInvoke.size());
        return ModelRoute{Provider::kBedrock, url_decode(id), true};
    }
    return std::nullopt;
}

/// Reads one request; answers limit errors (431/413) itself. nullopt: close the connection.
net::awaitable<std::optional<Request>> read_request(Stream& stream, const Shared& shared,
                                                    boost::beast::flat_buffer& buffer) {
    Parser parser;
    parser.header_limit(shared.options.header_limit);
    parser.body_limit(shared.options.body_limit);
    stream.expires_after(shared.options.header_timeout);
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
    if (ec == bhttp::error::header_limit) {
        co_await detail::write_answer(stream, shared, control_error(431, "headers too large"), 11,
                                      false);
        co_return std::nullopt;
    }
    if (ec) {
        co_return std::nullopt;
    }
    const auto length = parser.content_length();
    if (length && *length > shared.options.body_limit) {
        co_await detail::write_answer(stream, shared, control_error(413, "body too large"),
                                      parser.get().version(), false);
        co_return std::nullopt;
    }
    stream.expires_after(shared.options.body_timeout);
    auto [body_ec, m] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
    if (body_ec == bhttp::error::body_limit) {
        co_await detail::write_answer(stream, shared, control_error(413, "body too large"),
                                      parser.get().version(), false);
        co_return std::nullopt;
    }
    if (body_ec) {
        co_return std::nullopt;
    }
    stream.expires_never();
    co_return parser.release();
}

net::awaitable<void> run_session(Stream stream, const Shared& shared) {
    boost::beast::flat_buffer buffer;
    for (bool first = true;; first = false) {
        if (!first && buffer.size() == 0) {
            stream.expires_after(shared.options.idle_timeout);
            auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
            buffer.commit(n);
            if (ec) {
                break;
            }
        }
        auto req = co_await read_request(stream, shared, buffer);
        if (!req) {
            break;
        }
        const std::string_view target = req->target();
        const auto path = target.substr(0, target.find('?'));
        const bool keep_alive = req->keep_alive();
        bool usable = false;
        auto route = model_route(path);
        if (path.starts_with("/_fake/images/") && req->method() == bhttp::verb::get) {
            usable = co_await detail::write_answer(stream, shared,
                                                   detail::image_download(shared, *req, path),
                                                   req->version(), keep_alive);
        } else if (route && route->image && req->method() == bhttp::verb::post) {
            usable = co_await detail::serve_image(stream, shared, *req, route->provider,
                                                  std::move(route->path_model));
        } else if (auto answer = small_route(shared, *req, path)) {
            usable = co_await detail::write_answer(stream, shared, std::move(*answer),
                                                   req->version(), keep_alive);
        } else if (route && req->method() == bhttp::verb::post) {
            usable = co_await detail::serve_model(stream, shared, *req, route->provider,
                                                  std::move(route->path_model));
        } else {
            auto refusal = route ? control_error(405, "method not allowed: " + std::string(path))
                                 : control_error(404, "not found: " + std::string(path));
            usable = co_await detail::write_answer(stream, shared, std::move(refusal),
                                                   req->version(), keep_alive);
        }
        if (!usable || !keep_alive) {
            break;
        }
    }
    boost::beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

/// A session that threw (a bug, since failures are handled as values): say so on stderr.
void report_escape(const std::exception_ptr& e) {
    if (!e) {
        return;
    }
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        std::cerr << "fake-llm: session failed: " << ex.what() << '\n';
    } catch (...) {
        std::cerr << "fake-llm: session failed\n";
    }
}

}  // namespace

namespace detail {

net::awaitable<bool> write_answer(Stream& stream, const Shared& shared, HttpAnswer answer,
                                  unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(answer.status), version};
    res.set(bhttp::field::content_type, answer.content_type);
    for (const auto& [name, value] : answer.headers) {
        res.set(name, value);
    }
    res.body() = std::move(answer.body);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    stream.expires_after(shared.options.write_timeout);
    auto [ec, n] = co_await bhttp::async_write(stream, res, kTuple);
    stream.expires_never();
    co_return !ec;
}

}  // namespace detail

struct FakeLlmServer::Impl {
    Impl(ServerOptions opts, ScriptBook& book, Recorder& recorder)
        : options(std::move(opts)),
          shared{options, book, recorder},
          ioc(options.io_threads),
          acceptor(net::make_strand(ioc)),
          signals(ioc, SIGINT, SIGTERM) {}

    net::awaitable<void> accept_loop() {
        while (acceptor.is_open()) {
            tcp::socket socket(net::make_strand(ioc));
            auto [ec] = co_await acceptor.async_accept(socket, kTuple);
            if (ec == net::error::operation_aborted) {
                break;
            }
            if (ec) {  // typically EMFILE: back off instead of spinning
                net::steady_timer pause(acceptor.get_executor(), std::chrono::milliseconds(50));
                co_await pause.async_wait(kTuple);
                continue;
            }
            auto executor = socket.get_executor();
            net::co_spawn(executor, run_session(Stream(std::move(socket)), shared), report_escape);
        }
    }

    ServerOptions options;
    Shared shared;
    net::io_context ioc;
    tcp::acceptor acceptor;
    net::signal_set signals;
};

FakeLlmServer::FakeLlmServer(ServerOptions options, ScriptBook& book, Recorder& recorder)
    : impl_(std::make_unique<Impl>(std::move(options), book, recorder)) {}

FakeLlmServer::~FakeLlmServer() = default;

std::uint16_t FakeLlmServer::start() {
    auto& impl = *impl_;
    try {
        const tcp::endpoint endpoint{net::ip::make_address(impl.options.host), impl.options.port};
        impl.acceptor.open(endpoint.protocol());
        impl.acceptor.set_option(net::socket_base::reuse_address(true));
        impl.acceptor.bind(endpoint);
        impl.acceptor.listen(net::socket_base::max_listen_connections);
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error("cannot listen on " + impl.options.host + ":" +
                                 std::to_string(impl.options.port) + ": " + e.code().message());
    }
    impl.signals.async_wait([&impl](const boost::system::error_code& ec, int) {
        if (!ec) {
            impl.ioc.stop();
        }
    });
    net::co_spawn(impl.acceptor.get_executor(), impl.accept_loop(), net::detached);
    return impl.acceptor.local_endpoint().port();
}

void FakeLlmServer::run() {
    auto& impl = *impl_;
    std::vector<std::jthread> threads;
    for (int i = 1; i < impl.options.io_threads; ++i) {
        threads.emplace_back([&impl] { impl.ioc.run(); });
    }
    impl.ioc.run();
}

}  // namespace swarm::fake_llm
