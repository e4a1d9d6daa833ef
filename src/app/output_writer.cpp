#include "app/output_writer.hpp"

#include "codec/result_json.hpp"
#include "core/agents/scheduler.hpp"

#include <fstream>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::app {
namespace {

using core::ErrorCode;
using core::fail;
namespace fs = std::filesystem;

constexpr const char* kResultFile = "result.json";
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

}  // namespace

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
    }
    return {};
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

core::Result<std::vector<fs::path>> write_outputs(const fs::path& dir, const core::Job& job,
                                                  const OutputOptions& options) {
    std::vector<fs::path> written;
    for (const auto& item : job.items) {
        const fs::path path = dir / fmt::format("{}.md", core::to_string(item.platform));
        if (auto ok = write_atomically(path, render_markdown(item)); !ok) {
            return tl::unexpected(ok.error());
        }
        written.push_back(path);
    }
    const auto ics = core::to_icalendar(
        job.items, core::CalendarOptions{job.id, options.stamp, options.product_name});
    if (auto ok = write_atomically(dir / kCalendarFile, ics); !ok) {
        return tl::unexpected(ok.error());
    }
    written.push_back(dir / kCalendarFile);
    const std::string result = codec::encode_result(job).dump(2) + "\n";
    if (auto ok = write_atomically(dir / kResultFile, result); !ok) {
        return tl::unexpected(ok.error());
    }
    written.push_back(dir / kResultFile);
    return written;
}

}  // namespace swarm::app
