// The storage contract suite's backend seam: each backend provides a factory that opens fresh,
// empty stores and can reopen them on the same data (a restart). PostgreSQL adds one factory.
#pragma once

#include "core/ports/access_store.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/brand_profile_store.hpp"
#include "core/ports/content_store.hpp"
#include "core/ports/document_library.hpp"
#include "core/ports/event_store.hpp"
#include "core/ports/job_store.hpp"
#include "core/ports/knowledge_base.hpp"
#include "core/ports/people_store.hpp"
#include "core/ports/raw_output_store.hpp"
#include "core/ports/share_link_store.hpp"
#include "core/ports/workspace_settings_store.hpp"
#include "core/result.hpp"
#include "support/fakes.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::test {

inline constexpr std::chrono::sys_days kContractEpoch{std::chrono::year{2026} / 1 / 1};

class StorageBackend {
public:
    virtual ~StorageBackend() = default;

    /// Closes every store and opens them again on the same data, as a restarted process would.
    virtual void reopen() = 0;

    virtual core::JobStore& jobs() = 0;
    virtual core::EventStore& events() = 0;
    virtual core::ContentStore& content() = 0;
    virtual core::BrandProfileStore& profiles() = 0;
    virtual core::RawOutputStore& raw_outputs() = 0;
    /// The knowledge base and its documents (one object behind both ports).
    virtual core::KnowledgeBase& knowledge() = 0;
    virtual core::DocumentLibrary& documents() = 0;
    /// Workspaces and API keys (stores that check their workspace exists need its row).
    virtual core::AccessStore& access() = 0;
    virtual core::AuditLog& audit() = 0;
    virtual core::PeopleStore& people() = 0;

    /// Runs one SQL statement on the database itself, past every store: for what the database
    /// must refuse on its own (the audit log's triggers). The database's error when it fails.
    virtual core::Result<void> execute_sql(const std::string& sql) = 0;
    /// The first column of the first row of one query, past every store, as text ("" when there
    /// is no row): for what a store keeps in its tables.
    virtual core::Result<std::string> query_text(const std::string& sql) = 0;
    virtual core::WorkspaceSettingsStore& settings() = 0;
    virtual core::ShareLinkStore& share_links() = 0;

    /// The clock every store reads; tests advance it (never concurrently with store calls).
    FakeClock& clock() { return clock_; }

private:
    FakeClock clock_{kContractEpoch};
};

struct BackendFactory {
    std::string name;
    std::function<std::unique_ptr<StorageBackend>()> make;
    std::string skip_reason;  // non-empty: the backend is not available here; its cases skip
};

/// gtest prints a parameter by its backend name (it finds the hook by this exact name).
inline void PrintTo(const BackendFactory& factory,  // NOLINT(readability-identifier-naming)
                    std::ostream* out) {
    *out << factory.name;
}

/// Every backend the contract runs on: SQLite in storage_contract_tests, PostgreSQL in
/// storage_contract_pg_tests (built with SWARM_CONTRACT_POSTGRES).
std::vector<BackendFactory> all_backends();

/// The fixture every contract test derives from: a fresh backend per test.
class StorageContract : public ::testing::TestWithParam<BackendFactory> {
public:
    static std::string backend_name(const ::testing::TestParamInfo<BackendFactory>& info) {
        return info.param.name;
    }

protected:
    void SetUp() override {
        if (!GetParam().skip_reason.empty()) {
            GTEST_SKIP() << GetParam().skip_reason;
        }
        backend_ = GetParam().make();
    }

    StorageBackend& backend() { return *backend_; }

    /// Creates a queued job (platforms linkedin, twitter) and returns its id.
    std::string add_job(const std::string& id);

private:
    std::unique_ptr<StorageBackend> backend_;
};

}  // namespace swarm::test

/// Runs a fixture derived from StorageContract on every backend.
#define SWARM_CONTRACT_SUITE(Fixture)                                            \
    INSTANTIATE_TEST_SUITE_P(Backends, Fixture,                                  \
                             ::testing::ValuesIn(::swarm::test::all_backends()), \
                             ::swarm::test::StorageContract::backend_name)
