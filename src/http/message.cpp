#include "http/message.hpp"

#include "codec/json_read.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

std::optional<std::string_view> Request::header(std::string_view name) const {
    const auto it = headers.find(core::text::ascii_lower(name));
    if (it == headers.end()) {
        return std::nullopt;
    }
    return std::string_view(it->second);
}

std::optional<std::string_view> Response::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name)) {
            return std::string_view(value);
        }
    }
    return std::nullopt;
}

void Response::set_header(std::string name, std::string value) {
    for (auto& [key, old] : headers) {
        if (iequals(key, name)) {
            old = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

Response json_response(int status, const nlohmann::json& body) {
    Response res;
    res.status = status;
    res.body = body.dump();
    return res;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            const int hi = hex_value(text[i + 1]);
            const int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) {
                return std::nullopt;
            }
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

core::Result<void> parse_request_target(std::string_view target, std::string& path,
                                        std::map<std::string, std::string>& query) {
    const auto bad = [](std::string message, std::string field) {
        return core::fail(core::ErrorCode::kInvalidArgument, std::move(message), std::move(field));
    };
    const auto qpos = target.find('?');
    auto decoded = percent_decode(target.substr(0, qpos), false);
    if (!decoded) {
        return bad("malformed percent-escape in the request target", "target");
    }
    if (!codec::is_valid_utf8(*decoded)) {
        return bad("the decoded path is not valid UTF-8", "path");
    }
    path = std::move(*decoded);
    if (qpos == std::string_view::npos) {
        return {};
    }
    std::string_view rest = target.substr(qpos + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const auto pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        if (pair.empty()) {
            continue;
        }
        const auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq), true);
        auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
        if (!key || !value) {
            return bad("malformed percent-escape in the request target", "target");
        }
        if (!codec::is_valid_utf8(*key)) {
            return bad("a decoded query parameter name is not valid UTF-8", "query");
        }
        if (!codec::is_valid_utf8(*value)) {
            return bad("the decoded value is not valid UTF-8", "query." + *key);
        }
        query.emplace(std::move(*key), std::move(*value));
    }
    return {};
}

bool parse_target(std::string_view target, std::string& path,
                  std::map<std::string, std::string>& query) {
    return parse_request_target(target, path, query).has_value();
}

}  // namespace swarm::http
