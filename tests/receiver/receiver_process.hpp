// The real keukentafel-receiver for tests: a data dir made by `init` (SQLite, or a database on
// a throw-away PostgreSQL server), `enroll`/`revoke` runs, and `serve` as a child process on
// 127.0.0.1 at a free port, killed when the handle dies.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "receiver_store/store.hpp"
#include "support/test_support.hpp"
#include "util/result.hpp"

namespace kt::test {

enum class ReceiverDb { sqlite, postgres };

/// A fresh database on one PostgreSQL server shared by the test process (started on first use).
std::string new_postgres_database();
/// The postmaster of that shared server (its backends are its children), for CPU figures.
pid_t shared_postgres_pid();

/// A data dir made by `keukentafel-receiver init` (fails the test on error). Receiver settings
/// can be changed in config.json before the server starts.
struct ReceiverData {
    explicit ReceiverData(ReceiverDb db = ReceiverDb::sqlite);

    TempDir tmp;
    fs::path dir;
    std::string db;       // conninfo for PostgreSQL, "" for SQLite
    std::string pin;      // printed by init
    std::string console;  // serve --console HOST:PORT when not empty

    /// Sets one numeric member of config.json.
    void set_config(const std::string& key, long long value);
    /// `enroll` for a device; returns the printed code.
    std::string enroll(const std::string& device, const std::string& team = "Oost");
    /// `revoke`; returns the exit code.
    int revoke(const std::string& device);
    /// Runs the receiver with `args` plus --data (and --db).
    ProcessResult run(std::vector<std::string> args);
};

/// The receiver's store (SQLite in DIR or its PostgreSQL database), opened beside `serve`.
/// Fails the test when it cannot be opened.
std::unique_ptr<receiver::Store> open_receiver_store(const ReceiverData& data);
/// One query on the receiver's database beside `serve`: `columns` columns of every row as
/// text, what the database alone shows. Fails the test on error.
std::vector<std::vector<std::string>> raw_receiver_query(
    const ReceiverData& data, const std::string& sql, int columns,
    const std::vector<std::string>& params = {});
/// One statement (UPDATE, DELETE) on the receiver's database beside `serve`; the rows changed.
std::int64_t raw_receiver_execute(const ReceiverData& data, const std::string& sql,
                                  const std::vector<std::string>& params = {});

class ReceiverProcess {
  public:
    /// Starts `serve --listen 127.0.0.1:PORT` (0: a free port) and waits (at most 30 s) for its
    /// "listening on" line. `env` adds environment variables (the crash hook).
    explicit ReceiverProcess(const ReceiverData& data,
                             const std::map<std::string, std::string>& env = {}, int port = 0);
    ~ReceiverProcess();
    ReceiverProcess(const ReceiverProcess&) = delete;
    ReceiverProcess& operator=(const ReceiverProcess&) = delete;

    int port() const { return m_port; }
    /// The console's port (0 when the data has no console address).
    int console_port() const { return m_console_port; }
    pid_t pid() const { return m_pid; }
    /// True while the process runs.
    bool alive();
    /// SIGTERM and wait; the wait status.
    int stop();
    /// SIGKILL and wait; the wait status.
    int kill();
    /// Waits for the process to end by itself; the wait status.
    int wait();
    /// What it wrote on stderr so far (for failure messages).
    std::string errors() const;

  private:
    pid_t m_pid = -1;
    int m_port = 0;
    int m_console_port = 0;
    int m_status = 0;
    fs::path m_stderr;
};

}  // namespace kt::test
