#include "recorder.hpp"

#include <chrono>
#include <stdexcept>

namespace swarm::fake_llm {
namespace {

nlohmann::json record_json(const RequestRecord& r) {
    nlohmann::json out{
        {"seq", r.seq},         {"method", r.method},     {"path", r.path},
        {"agent", r.agent},     {"provider", r.provider}, {"model", r.model},
        {"headers", r.headers}, {"body", r.body},         {"status_sent", r.status_sent},
        {"fault", r.fault},     {"reply", r.reply},       {"tokens_sent", r.tokens_sent}};
    if (r.provider == "bedrock") {
        out["aws_security_token"] = r.aws_security_token;
    }
    return out;
}

}  // namespace

Recorder::Recorder(const std::filesystem::path& log_file) {
    if (!log_file.empty()) {
        log_.open(log_file, std::ios::app);
        if (!log_) {
            throw std::runtime_error("cannot open log file " + log_file.string());
        }
    }
}

std::uint64_t Recorder::add(RequestRecord record) {
    const std::lock_guard lock(mutex_);
    record.seq = next_seq_++;
    records_.push_back(std::move(record));
    if (records_.size() > kMaxRecords) {
        records_.pop_front();
    }
    return records_.back().seq;
}

RequestRecord* Recorder::find(std::uint64_t seq) {
    // Records are in seq order, so the distance from the back is direct.
    if (records_.empty() || seq < records_.front().seq || seq > records_.back().seq) {
        return nullptr;
    }
    return &records_[static_cast<std::size_t>(seq - records_.front().seq)];
}

void Recorder::set_reply(std::uint64_t seq, const std::string& reply, const std::string& model,
                         const std::string& fault) {
    const std::lock_guard lock(mutex_);
    if (auto* r = find(seq)) {
        r->reply = reply;
        r->model = model;
        r->fault = fault;
    }
}

void Recorder::set_status(std::uint64_t seq, int status) {
    const std::lock_guard lock(mutex_);
    if (auto* r = find(seq)) {
        r->status_sent = status;
    }
}

void Recorder::finish(std::uint64_t seq, std::size_t tokens_sent) {
    const std::lock_guard lock(mutex_);
    auto* r = find(seq);
    if (r == nullptr) {
        return;
    }
    r->tokens_sent = tokens_sent;
    if (log_.is_open()) {
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        log_ << nlohmann::json{{"ts_ms", now},
                               {"seq", r->seq},
                               {"path", r->path},
                               {"agent", r->agent},
                               {"provider", r->provider},
                               {"model", r->model},
                               {"status", r->status_sent},
                               {"fault", r->fault},
                               {"reply", r->reply},
                               {"tokens_sent", r->tokens_sent}}
                    .dump()
             << '\n'
             << std::flush;
    }
}

nlohmann::json Recorder::to_json() const {
    const std::lock_guard lock(mutex_);
    auto out = nlohmann::json::array();
    for (const auto& r : records_) {
        out.push_back(record_json(r));
    }
    return out;
}

void Recorder::clear() {
    const std::lock_guard lock(mutex_);
    records_.clear();  // seq goes on counting, so a stream still running never hits a new record
}

}  // namespace swarm::fake_llm
