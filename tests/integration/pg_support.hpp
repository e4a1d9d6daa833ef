// PostgreSQL helpers of the integration tests that run the server on a schema of their own.
#pragma once

#include <exception>
#include <string>

#include <pqxx/pqxx>

namespace swarm::test {

/// Runs one statement on its own connection; the error text, or "" when it worked.
inline std::string pg_exec(const std::string& url, const std::string& sql) {
    try {
        pqxx::connection connection(url);
        pqxx::nontransaction tx(connection);
        tx.exec(sql);
        return {};
    } catch (const std::exception& error) {
        return error.what();
    }
}

}  // namespace swarm::test
