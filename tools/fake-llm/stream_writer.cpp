// Plays one streamed reply on the connection: the response head (chunked transfer encoding, as
// the providers send it), the encoder's events paced with a steady_timer, and the scripted fault.
#include "session.hpp"

#include <array>
#include <cstdio>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>

namespace swarm::fake_llm::detail {
namespace {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
constexpr auto kTuple = net::as_tuple(net::use_awaitable);

/// Writes body bytes, as HTTP/1.1 chunks when `chunked` (else raw, the connection then closes).
class BodyWriter {
public:
    BodyWriter(Stream& stream, const Shared& shared, bool chunked)
        : stream_(stream), shared_(shared), chunked_(chunked) {}

    net::awaitable<bool> head(const StreamEncoder& encoder, unsigned version, bool keep_alive) {
        bhttp::response<bhttp::empty_body> head{bhttp::status::ok, version};
        head.set(bhttp::field::content_type, encoder.content_type());
        for (const auto& [name, value] : encoder.headers()) {
            head.set(name, value);
        }
        head.keep_alive(keep_alive);
        head.chunked(chunked_);
        bhttp::response_serializer<bhttp::empty_body> serializer{head};
        stream_.expires_after(shared_.options.write_timeout);
        auto [ec, n] = co_await bhttp::async_write_header(stream_, serializer, kTuple);
        stream_.expires_never();
        co_return !ec;
    }

    net::awaitable<bool> write(std::string_view data) {
        if (data.empty()) {
            co_return true;
        }
        if (!chunked_) {
            co_return co_await raw(data);
        }
        std::array<char, 24> size{};
        const int len = std::snprintf(size.data(), size.size(), "%zx\r\n", data.size());
        std::string framed(size.data(), static_cast<std::size_t>(len));
        framed.append(data).append("\r\n");
        co_return co_await raw(framed);
    }

    /// The zero-size chunk that ends the body (nothing when not chunked).
    net::awaitable<bool> finish() {
        if (!chunked_) {
            co_return true;
        }
        co_return co_await raw("0\r\n\r\n");
    }

private:
    net::awaitable<bool> raw(std::string_view bytes) {
        stream_.expires_after(shared_.options.write_timeout);
        auto [ec, n] = co_await net::async_write(stream_, net::buffer(bytes), kTuple);
        stream_.expires_never();
        co_return !ec;
    }

    Stream& stream_;
    const Shared& shared_;
    bool chunked_;
};

std::chrono::steady_clock::duration token_interval(double tokens_per_second) {
    if (tokens_per_second <= 0) {
        return {};
    }
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(1.0 / tokens_per_second));
}

}  // namespace

net::awaitable<void> sleep_until(Stream& stream, std::chrono::steady_clock::time_point t) {
    if (t <= std::chrono::steady_clock::now()) {
        co_return;
    }
    net::steady_timer timer(stream.get_executor(), t);
    co_await timer.async_wait(kTuple);
}

net::awaitable<void> hold_open(Stream& stream, const Shared& shared) {
    using namespace net::experimental::awaitable_operators;  // NOLINT(google-build-using-namespace)
    net::steady_timer limit(stream.get_executor(), shared.options.stall_limit);
    // Readable means the client closed (or sent more): either way the stall is over.
    co_await (stream.socket().async_wait(tcp::socket::wait_read, kTuple) ||
              limit.async_wait(kTuple));
}

net::awaitable<bool> play_stream(Stream& stream, const Shared& shared, std::uint64_t seq,
                                 StreamEncoder& encoder, StreamPlan plan, unsigned version,
                                 bool keep_alive) {
    const bool chunked = version >= 11;
    keep_alive = keep_alive && chunked;
    BodyWriter out(stream, shared, chunked);
    shared.recorder.set_status(seq, 200);
    // GCC 12 miscompiles co_await inside && and ?:, hence the plain ifs below.
    bool ok = co_await out.head(encoder, version, keep_alive);
    if (ok) {
        ok = co_await out.write(encoder.begin());
    }
    const auto n = plan.pieces.size();
    const auto fault_at = std::min(plan.fault.after_tokens, n);
    const auto interval = token_interval(plan.tokens_per_second);
    auto due = std::chrono::steady_clock::now() + plan.ttft;
    std::size_t sent = 0;
    for (std::size_t i = 0; ok && i <= n; ++i) {
        if (i == fault_at) {
            switch (plan.fault.kind) {
                case FaultKind::kDisconnect: {
                    shared.recorder.finish(seq, sent);
                    boost::beast::error_code ec;
                    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
                    stream.socket().close(ec);
                    co_return false;
                }
                case FaultKind::kStall:
                    shared.recorder.finish(seq, sent);
                    co_await hold_open(stream, shared);
                    co_return false;
                case FaultKind::kMidStreamError:
                    ok = co_await out.write(encoder.mid_stream_error());
                    if (ok) {
                        ok = co_await out.finish();
                    }
                    shared.recorder.finish(seq, sent);
                    co_return ok&& keep_alive;
                case FaultKind::kMalformedChunk:
                    ok = co_await out.write(encoder.malformed());
                    break;
                case FaultKind::kBadCrc: {
                    // No ?: inside the co_await (see above): its std::string temporary was
                    // destroyed as garbage by GCC 12 and aborted the process.
                    std::string_view piece = " ";
                    if (i < n) {
                        piece = plan.pieces[i];
                    }
                    ok = co_await out.write(encoder.bad_crc(piece));
                    break;
                }
                default:
                    break;
            }
        }
        if (i == n || !ok) {
            break;
        }
        co_await sleep_until(stream, due);
        due += interval;
        ok = co_await out.write(encoder.token(plan.pieces[i]));
        sent += ok ? 1 : 0;
    }
    plan.usage.output_tokens = sent;
    if (ok) {
        ok = co_await out.write(encoder.end(plan.finish, plan.usage));
    }
    if (ok) {
        ok = co_await out.finish();
    }
    shared.recorder.finish(seq, sent);
    co_return ok&& keep_alive;
}

}  // namespace swarm::fake_llm::detail
