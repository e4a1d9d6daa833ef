#include "codec/json_read.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::codec {

using core::ErrorCode;
using core::fail;
using nlohmann::json;

namespace {

/// Length of the UTF-8 sequence at text[i], or 0 when it is not well-formed.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) {
        return static_cast<unsigned char>(text[k]);
    };
    const unsigned char c = byte(i);
    if (c < 0x80) {
        return 1;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
        hi = c == 0xED ? 0x9F : 0xBF;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
    } else {
        return 0;
    }
    if (i + len > text.size() || byte(i + 1) < lo || byte(i + 1) > hi) {
        return 0;
    }
    for (std::size_t k = 2; k < len; ++k) {
        if ((byte(i + k) & 0xC0U) != 0x80U) {
            return 0;
        }
    }
    return len;
}

/// Checks what nlohmann accepts silently (duplicate keys: the last one wins) or reports as an
/// exception the callers did not expect (number overflow), and tracks the path for the message.
class CheckingSax final : public nlohmann::json_sax<json> {
public:
    explicit CheckingSax(std::string root) : root_(std::move(root)) {}

    bool null() override { return element_done(); }

    bool boolean(bool /*val*/) override { return element_done(); }

    bool number_integer(number_integer_t /*val*/) override { return element_done(); }

    bool number_unsigned(number_unsigned_t /*val*/) override { return element_done(); }

    bool number_float(number_float_t val, const string_t& /*s*/) override {
        if (!std::isfinite(val)) {
            return refuse("is a number too large for a double", path());
        }
        return element_done();
    }

    bool string(string_t& /*val*/) override { return element_done(); }

    bool binary(binary_t& /*val*/) override { return element_done(); }

    bool start_object(std::size_t /*elements*/) override { return open(false); }

    bool key(string_t& val) override {
        auto& frame = frames_.back();
        frame.key = val;
        if (!frame.keys.insert(val).second) {
            return refuse("is given twice (duplicate key)", path());
        }
        return true;
    }

    bool end_object() override { return close(); }

    bool start_array(std::size_t /*elements*/) override { return open(true); }

    bool end_array() override { return close(); }

    bool parse_error(std::size_t position, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& ex) override {
        if (ex.id == 406) {  // out_of_range.406: number overflow
            return refuse("is a number too large for a double", path());
        }
        std::string what = ex.what();
        // The token in the message may end inside a UTF-8 sequence: keep ASCII only.
        std::replace_if(
            what.begin(), what.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; },
            '?');
        return refuse(fmt::format("not valid JSON (byte {}): {}", position, what), root_);
    }

    const core::Error* error() const { return error_ ? &*error_ : nullptr; }

private:
    struct Frame {
        bool array = false;
        std::size_t index = 0;
        std::string key;
        std::set<std::string, std::less<>> keys;
    };

    bool open(bool array) {
        if (frames_.size() >= kMaxJsonDepth) {
            return refuse(fmt::format("nests arrays and objects deeper than {}", kMaxJsonDepth),
                          path());
        }
        frames_.push_back(Frame{array, 0, {}, {}});
        return true;
    }

    bool close() {
        frames_.pop_back();
        return element_done();
    }

    bool element_done() {
        if (!frames_.empty() && frames_.back().array) {
            ++frames_.back().index;
        }
        return true;
    }

    std::string path() const {
        std::string out;
        for (const auto& f : frames_) {
            if (f.array) {
                out += fmt::format("[{}]", f.index);
            } else if (!f.key.empty() || !f.keys.empty()) {
                out += (out.empty() ? "" : ".") + f.key;
            }
        }
        return out.empty() ? root_ : out;
    }

    bool refuse(std::string message, std::string field) {
        if (!error_) {
            error_ =
                core::Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
        }
        return false;
    }

    std::string root_;
    std::vector<Frame> frames_;
    std::optional<core::Error> error_;
};

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = utf8_sequence(text, i);
        if (len == 0) {
            return false;
        }
        i += len;
    }
    return true;
}

core::Result<json> parse_json(std::string_view text, const std::string& field) {
    if (!is_valid_utf8(text)) {
        return fail(ErrorCode::kInvalidArgument, "is not valid UTF-8", field);
    }
    CheckingSax sax(field);
    if (!json::sax_parse(text, &sax) || sax.error() != nullptr) {
        if (const auto* e = sax.error()) {
            return tl::unexpected(*e);
        }
        return fail(ErrorCode::kInvalidArgument, "not valid JSON", field);
    }
    auto doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        return fail(ErrorCode::kInvalidArgument, "not valid JSON", field);
    }
    return doc;
}

}  // namespace swarm::codec

namespace swarm::codec::detail {

using core::ErrorCode;
using core::fail;
using nlohmann::json;

core::Result<void> first_error(std::initializer_list<Step> steps) {
    for (const auto& step : steps) {
        if (auto r = step(); !r) {
            return r;
        }
    }
    return {};
}

std::string join(std::span<const std::string_view> names) {
    std::string out;
    for (const auto n : names) {
        if (n.front() == '$') {
            continue;
        }
        out += out.empty() ? "" : ", ";
        out += n;
    }
    return out;
}

core::Result<void> check_fields(const json& object, std::span<const std::string_view> allowed,
                                const std::string& prefix) {
    for (const auto& [key, value] : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            return fail(ErrorCode::kInvalidArgument,
                        fmt::format("unknown field; allowed: {}", join(allowed)), prefix + key);
        }
    }
    return {};
}

core::Result<void> check_length(const std::string& value, const std::string& field,
                                std::size_t max_bytes) {
    if (max_bytes != 0 && value.size() > max_bytes) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("is {} bytes; at most {} allowed", value.size(), max_bytes), field);
    }
    return {};
}

core::Result<void> read_string(const json& object, const char* key, const std::string& field,
                               std::string& out, Limit limit) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return {};
    }
    if (!it->is_string()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("must be a string, got {}", it->type_name()), field);
    }
    SWARM_TRY(check_length(it->get_ref<const std::string&>(), field, limit.max_bytes));
    out = it->get<std::string>();
    return {};
}

core::Result<void> read_strings(const json& object, const char* key, const std::string& field,
                                std::vector<std::string>& out, Limit limit) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return {};
    }
    if (!it->is_array()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("must be an array of strings, got {}", it->type_name()), field);
    }
    if (limit.max_items != 0 && it->size() > limit.max_items) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("has {} elements; at most {} allowed", it->size(), limit.max_items),
                    field);
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& v = (*it)[i];
        const auto element = fmt::format("{}[{}]", field, i);
        if (!v.is_string()) {
            return fail(ErrorCode::kInvalidArgument,
                        fmt::format("must be a string, got {}", v.type_name()), element);
        }
        SWARM_TRY(check_length(v.get_ref<const std::string&>(), element, limit.max_bytes));
        out.push_back(v.get<std::string>());
    }
    return {};
}

}  // namespace swarm::codec::detail
