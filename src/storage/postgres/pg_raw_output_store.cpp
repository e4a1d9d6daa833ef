#include "storage/postgres/pg_raw_output_store.hpp"

#include "storage/postgres/pg_codec.hpp"

namespace swarm::storage {

core::Result<std::int64_t> PgRawOutputStore::append(const std::string& job_id,
                                                    const std::string& agent,
                                                    std::optional<core::Platform> platform,
                                                    const std::string& text) {
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::int64_t> {
        // The identity column gives increasing ids; a missing job fails the foreign key.
        return pg_int(
            tx.exec_params1("INSERT INTO raw_outputs (job_id, agent, platform, text, created_at) "
                            "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                            job_id, agent, platform_name(platform), text, now)[0]);
    });
}

core::Result<std::vector<core::RawOutputRecord>> PgRawOutputStore::list(const std::string& job_id) {
    using Records = std::vector<core::RawOutputRecord>;
    return db_->transact([&](pqxx::work& tx) -> core::Result<Records> {
        Records records;
        for (const auto& row :
             tx.exec_params("SELECT id, agent, platform, text, created_at FROM raw_outputs "
                            "WHERE job_id = $1 ORDER BY id",
                            job_id)) {
            auto platform = pg_platform(row[2]);
            if (!platform) {
                return tl::unexpected(std::move(platform.error()));
            }
            records.push_back({pg_int(row[0]), job_id, pg_text(row[1]), *platform, pg_text(row[3]),
                               from_millis(pg_int(row[4]))});
        }
        return records;
    });
}

}  // namespace swarm::storage
