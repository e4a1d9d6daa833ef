#include "app/output_writer.hpp"

#include "codec/result_json.hpp"
#include "core/agents/scheduler.hpp"

#include <cctype>
#include <fstream>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::app {
namespace {

using core::ErrorCode;
using core::fail;
namespace fs = std::filesystem;

constexpr const char* kResultFile = kResultFileName;
constexpr const char* kMediaDir = "media";
constexpr const char* kCalendarFile = "schedule.ics";

/// Writes to a temporary name in the same folder, then renames: readers never see half a file.
core::Result<void> write_atomically(const fs::path& path, std::string_view content) {
    const fs::path tmp = path.string() + fmt::format(".tmp-{}", ::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            std::error_code ignored;
            fs::remove(tmp, ignored);
            return fail(ErrorCode::kIo, fmt::format("cannot write \"{}\"", path.string()), "--out");
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return fail(ErrorCode::kIo,
                    fmt::format("cannot write \"{}\": {}", path.string(), ec.message()), "--out");
    }
    return {};
}

void append_parts(std::string& md, const core::ContentItem& item) {
    const auto shape = core::spec(item.platform).shape;
    for (std::size_t i = 0; i < item.parts.size(); ++i) {
        const auto& part = item.parts[i];
        if (shape == core::OutputShape::kDeck) {
            md += fmt::format("### Slide {}: {}\n\n", i + 1, part.title);
            for (const auto& b : part.bullets) {
                md += fmt::format("- {}\n", b);
            }
            if (!part.notes.empty()) {
                md += fmt::format("\n> Notes: {}\n", part.notes);
            }
            md += "\n";
        } else {
            md += fmt::format("### Post {}\n\n{}\n\n", i + 1, part.body);
        }
    }
}

/// The file name of one media entry: media/<platform>-card.png, media/<platform>-slide-03.png,
/// <platform>.pdf and <platform>.pptx at the top.
std::string media_file_name(const core::ContentItem& item, const core::Media& m,
                            std::size_t slide) {
    const auto platform = core::to_string(item.platform);
    if (m.kind == "deck_pdf") {
        return fmt::format("{}.pdf", platform);
    }
    if (m.kind == "deck_pptx") {
        return fmt::format("{}.pptx", platform);
    }
    if (m.kind == "slide") {
        return fmt::format("{}/{}-slide-{:02}.png", kMediaDir, platform, slide);
    }
    return fmt::format("{}/{}-{}.png", kMediaDir, platform, m.kind);
}

}  // namespace

core::Result<void> write_media_files(const fs::path& dir, core::MediaStore& store,
                                     std::vector<core::ContentItem>& items,
                                     std::vector<fs::path>& written) {
    std::error_code ec;
    for (auto& item : items) {
        std::size_t slide = 0;
        for (auto& m : item.media) {
            const std::string prefix = "/media/";
            if (m.url.rfind(prefix, 0) != 0) {
                continue;  // already a file path (re-rendered result) or an outside URL
            }
            auto object = store.get(m.url.substr(prefix.size()));
            if (!object || !*object) {
                return fail(ErrorCode::kInternal,
                            fmt::format("{} media {} is not in the media store",
                                        core::to_string(item.platform), m.url));
            }
            slide += m.kind == "slide" ? 1U : 0U;
            const std::string name = media_file_name(item, m, slide);
            const fs::path path = dir / name;
            fs::create_directories(path.parent_path(), ec);
            SWARM_TRY(write_atomically(path, (*object)->bytes));
            written.push_back(path);
            m.url = name;
        }
    }
    return {};
}

void remove_media_files(const fs::path& dir, core::Platform platform) {
    std::error_code ec;
    const auto name = std::string(core::to_string(platform));
    fs::remove(dir / (name + ".pdf"), ec);
    fs::remove(dir / (name + ".pptx"), ec);
    for (const auto& entry : fs::directory_iterator(dir / kMediaDir, ec)) {
        if (entry.path().filename().string().rfind(name + "-", 0) == 0) {
            fs::remove(entry.path(), ec);
        }
    }
}

core::Result<void> write_file_atomically(const fs::path& path, std::string_view content) {
    return write_atomically(path, content);
}

core::Result<void> prepare_output_dir(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("cannot create the output folder \"{}\"{}", dir.string(),
                                ec ? ": " + ec.message() : ""),
                    "--out");
    }
    const fs::path probe = dir / fmt::format(".content-swarm-probe-{}", ::getpid());
    {
        std::ofstream out(probe);
        out << "probe";
        if (!out) {
            return fail(ErrorCode::kInvalidArgument,
                        fmt::format("the output folder \"{}\" is not writable", dir.string()),
                        "--out");
        }
    }
    fs::remove(probe, ec);
    // A previous run's result must not be mistaken for this run's.
    fs::remove(dir / kResultFile, ec);
    fs::remove(dir / kCalendarFile, ec);
    for (const auto& s : core::all_platforms()) {
        fs::remove(dir / fmt::format("{}.md", s.id), ec);
        fs::remove(dir / fmt::format("{}.pdf", s.id), ec);
        fs::remove(dir / fmt::format("{}.pptx", s.id), ec);
    }
    fs::remove_all(dir / kMediaDir, ec);
    return {};
}

std::string result_document(const core::Job& job) {
    return codec::encode_result(job).dump(2) + "\n";
}

std::string render_markdown(const core::ContentItem& item) {
    const auto& s = core::spec(item.platform);
    std::string md = fmt::format("# {}\n\n", s.display_name);
    if (s.shape == core::OutputShape::kPost || item.parts.empty()) {
        md += item.body + "\n\n";
    } else {
        append_parts(md, item);
    }
    md += "---\n\n";
    if (!item.hashtags.empty()) {
        md += fmt::format("Hashtags: {}\n\n", fmt::join(item.hashtags, " "));
    }
    if (item.schedule) {
        md += fmt::format("Suggested time: {} ({}). {}\n\n", item.schedule->suggested_at,
                          item.schedule->timezone, item.schedule->reason);
    }
    for (const auto& m : item.media) {
        if (m.kind == "deck_pdf" || m.kind == "deck_pptx") {
            md += fmt::format("Download: [{}]({})\n\n", m.kind == "deck_pdf" ? "PDF" : "PowerPoint",
                              m.url);
        } else {
            md += fmt::format("![{}]({})\n\n", m.alt, m.url);
        }
    }
    md += fmt::format("Quality score: {:.2f}\n", item.quality.score);
    for (const auto& issue : item.quality.issues) {
        md += fmt::format("- {} `{}` at {}: {}\n", core::to_string(issue.severity), issue.code,
                          issue.location, issue.message);
    }
    if (!item.sources.empty()) {
        md += "\nSources:\n";
        for (const auto& src : item.sources) {
            md += fmt::format("- {} ({})\n", src.document, src.heading);
        }
    }
    return md;
}

/// raw/NNN-<agent>.txt per model output plus raw/index.json naming each file's agent, prompt
/// versions and platform (the agent field carries them).
namespace {

core::Result<void> write_raw_outputs(const fs::path& dir,
                                     const std::vector<core::RawOutputRecord>& records,
                                     std::vector<fs::path>& written) {
    std::error_code ec;
    fs::remove_all(dir / "raw", ec);  // outputs of an earlier run into the same folder
    if (records.empty()) {
        return {};
    }
    fs::create_directories(dir / "raw", ec);
    if (ec) {
        return core::fail(core::ErrorCode::kIo,
                          fmt::format("cannot create {}: {}", (dir / "raw").string(), ec.message()),
                          "--out");
    }
    nlohmann::json index = nlohmann::json::array();
    for (const auto& record : records) {
        std::string name = record.agent.substr(0, record.agent.find(' '));
        for (char& c : name) {
            const bool plain = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' ||
                               c == '_' || c == '.';
            c = plain ? c : '-';
        }
        const auto file = fmt::format("{:03}-{}.txt", record.id, name);
        SWARM_TRY(write_atomically(dir / "raw" / file, record.text));
        written.push_back(dir / "raw" / file);
        index.push_back({{"file", file},
                         {"agent", record.agent},
                         {"platform", record.platform ? nlohmann::json(std::string(
                                                            core::to_string(*record.platform)))
                                                      : nlohmann::json(nullptr)},
                         {"bytes", record.text.size()}});
    }
    SWARM_TRY(write_atomically(dir / "raw" / "index.json", index.dump(2) + "\n"));
    written.push_back(dir / "raw" / "index.json");
    return {};
}

}  // namespace

core::Result<std::vector<fs::path>> write_outputs(const fs::path& dir, const core::Job& stored_job,
                                                  const OutputOptions& options) {
    std::vector<fs::path> written;
    SWARM_TRY(write_raw_outputs(dir, options.raw_outputs, written));
    core::Job job = stored_job;
    if (options.media != nullptr) {
        SWARM_TRY(write_media_files(dir, *options.media, job.items, written));
    }
    for (const auto& item : job.items) {
        const fs::path path = dir / fmt::format("{}.md", core::to_string(item.platform));
        SWARM_TRY(write_atomically(path, render_markdown(item)));
        written.push_back(path);
    }
    const auto ics = core::to_icalendar(
        job.items, core::CalendarOptions{job.id, options.stamp, options.product_name});
    SWARM_TRY(write_atomically(dir / kCalendarFile, ics));
    written.push_back(dir / kCalendarFile);
    SWARM_TRY(write_atomically(dir / kResultFile, result_document(job)));
    written.push_back(dir / kResultFile);
    return written;
}

}  // namespace swarm::app
