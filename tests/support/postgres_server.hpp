// A throw-away PostgreSQL 15 server for tests and benchmarks: initdb into a fresh temp
// directory, listening on 127.0.0.1 at a free port (password login) and on a unix socket
// inside that directory; stopped and removed when the object dies. Under root it runs as the
// `postgres` system user, as PostgreSQL refuses root. Needs no Catch2.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>

#include "util/result.hpp"

namespace kt::test {

struct PostgresOptions {
    std::filesystem::path bin_dir = "/usr/lib/postgresql/15/bin";
    std::string database = "kt_test";  // created once the server is up
    int max_connections = 100;
};

class PostgresServer {
  public:
    /// initdb, start, wait until it answers (at most 60 s), create `options.database`.
    /// Errors: not_found (no PostgreSQL binaries or no `postgres` user under root), io (a step
    /// failed; the detail ends with the tail of the server log).
    static Result<std::unique_ptr<PostgresServer>> start(const PostgresOptions& options = {});

    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    /// libpq keyword/value string for the default database (TCP, password).
    const std::string& conninfo() const { return m_conninfo; }
    std::string conninfo_for(const std::string& database) const;
    /// Creates another database (name: letters, digits, '_'); returns its conninfo.
    Result<std::string> create_database(const std::string& name);

    int port() const { return m_port; }
    pid_t pid() const { return m_pid; }
    const std::filesystem::path& dir() const { return m_dir; }
    /// Immediate shutdown (SIGQUIT, SIGKILL after 10 s), reaps the postmaster, removes the
    /// directory. Idempotent; the destructor calls it.
    void stop();

  private:
    PostgresServer() = default;
    Status init_cluster(const PostgresOptions& options);
    Status launch(const PostgresOptions& options);
    Status wait_ready();
    std::string log_tail() const;

    std::filesystem::path m_dir;
    std::filesystem::path m_bin;
    std::string m_password;
    std::string m_conninfo;
    int m_port = 0;
    pid_t m_pid = -1;
    bool m_as_postgres_user = false;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
};

}  // namespace kt::test
