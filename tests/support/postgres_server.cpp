#include "support/postgres_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace kt::test {

namespace fs = std::filesystem;

namespace {

struct Credentials {
    bool drop = false;
    uid_t uid = 0;
    gid_t gid = 0;
};

// A free TCP port on 127.0.0.1 (the kernel's pick; a start that loses a race is retried).
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

std::string random_hex(std::size_t bytes) {
    if (sodium_init() < 0) return {};
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
    hex.pop_back();
    return hex;
}

// Forks and execs `args` with a minimal environment, stdout and stderr into `log_fd`, as the
// postgres user when `cred.drop`. The child dies with this process (PR_SET_PDEATHSIG). Only
// async-signal-safe calls between fork and exec.
pid_t spawn(const std::vector<std::string>& args, int log_fd, const Credentials& cred) {
    std::vector<char*> argv;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    char env0[] = "LC_ALL=C";
    char env1[] = "PATH=/usr/bin:/bin";
    char env2[] = "TZ=UTC";
    char* envp[] = {env0, env1, env2, nullptr};
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid != 0) return pid;
    if (cred.drop &&
        (::setgroups(1, &cred.gid) != 0 || ::setgid(cred.gid) != 0 || ::setuid(cred.uid) != 0))
        ::_exit(126);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(125);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::execve(argv[0], argv.data(), envp);
    ::_exit(127);
}

int wait_status(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

Result<Credentials> credentials() {
    if (::geteuid() != 0) return Credentials{};
    std::vector<char> buf(16384);
    passwd pw{};
    passwd* found = nullptr;
    if (::getpwnam_r("postgres", &pw, buf.data(), buf.size(), &found) != 0 || found == nullptr)
        return make_error(ErrorCode::not_found, "running as root and no postgres user exists");
    return Credentials{true, pw.pw_uid, pw.pw_gid};
}

Result<fs::path> make_temp_dir(const Credentials& cred) {
    // Under root the directory must be reachable by the postgres user: /tmp, not $TMPDIR.
    const char* env = std::getenv("TMPDIR");
    const fs::path base = (cred.drop || env == nullptr || *env == '\0') ? "/tmp" : env;
    std::string tmpl = (base / "kt-pg-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr)
        return make_error(ErrorCode::io, "cannot create the PostgreSQL temp dir");
    if (cred.drop && ::chown(tmpl.c_str(), cred.uid, cred.gid) != 0) {
        fs::remove_all(tmpl);
        return make_error(ErrorCode::io, "cannot hand the temp dir to the postgres user");
    }
    return fs::path(tmpl);
}

Status write_owned(const fs::path& path, const std::string& text, const Credentials& cred) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return make_error(ErrorCode::io, "cannot create " + path.filename().string());
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    if (!ok || (cred.drop && ::chown(path.c_str(), cred.uid, cred.gid) != 0))
        return make_error(ErrorCode::io, "cannot write " + path.filename().string());
    return {};
}

int open_log(const fs::path& path) {
    return ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
}

}  // namespace

Result<std::unique_ptr<PostgresServer>> PostgresServer::start(const PostgresOptions& options) {
    std::error_code ec;
    if (!fs::exists(options.bin_dir / "postgres", ec))
        return make_error(ErrorCode::not_found,
                          "no PostgreSQL binaries in " + options.bin_dir.string());
    auto cred = credentials();
    if (!cred) return cred.error();
    auto dir = make_temp_dir(cred.value());
    if (!dir) return dir.error();
    std::unique_ptr<PostgresServer> server(new PostgresServer());
    server->m_dir = dir.value();
    server->m_bin = options.bin_dir;
    server->m_as_postgres_user = cred->drop;
    server->m_uid = cred->uid;
    server->m_gid = cred->gid;
    server->m_password = random_hex(16);
    if (auto s = server->init_cluster(options); !s) return s.error();
    Status launched = make_error(ErrorCode::io, "not started");
    for (int attempt = 0; attempt < 3 && !launched; ++attempt)
        launched = server->launch(options);
    if (!launched) return launched.error();
    auto db = server->create_database(options.database);
    if (!db) return db.error();
    server->m_conninfo = db.value();
    return server;
}

Status PostgresServer::init_cluster(const PostgresOptions&) {
    const Credentials cred{m_as_postgres_user, m_uid, m_gid};
    if (auto s = write_owned(m_dir / "pwfile", m_password + "\n", cred); !s) return s;
    if (auto s = write_owned(m_dir / "postgres.log", "", cred); !s) return s;
    const int log = open_log(m_dir / "postgres.log");
    if (log < 0) return make_error(ErrorCode::io, "cannot open the server log");
    const pid_t pid =
        spawn({(m_bin / "initdb").string(), "-D", (m_dir / "data").string(), "-U", "postgres",
               "--auth-local=trust", "--auth-host=scram-sha-256",
               "--pwfile=" + (m_dir / "pwfile").string(), "-E", "UTF8", "--locale=C", "--no-sync"},
              log, cred);
    ::close(log);
    if (pid < 0) return make_error(ErrorCode::io, "cannot fork initdb");
    const int status = wait_status(pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return make_error(ErrorCode::io, "initdb failed: " + log_tail());
    return {};
}

// Test settings: no fsync (the directory is thrown away), small shared memory, the socket in
// our 0700 directory, TCP on loopback only.
Status PostgresServer::launch(const PostgresOptions& options) {
    m_port = free_port();
    if (m_port == 0) return make_error(ErrorCode::io, "no free port");
    const int log = open_log(m_dir / "postgres.log");
    if (log < 0) return make_error(ErrorCode::io, "cannot open the server log");
    const std::vector<std::string> args = {
        (m_bin / "postgres").string(),
        "-D",
        (m_dir / "data").string(),
        "-p",
        std::to_string(m_port),
        "-k",
        m_dir.string(),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "shared_buffers=32MB",
        "-c",
        "max_connections=" + std::to_string(options.max_connections)};
    m_pid = spawn(args, log, Credentials{m_as_postgres_user, m_uid, m_gid});
    ::close(log);
    if (m_pid < 0) return make_error(ErrorCode::io, "cannot fork postgres");
    return wait_ready();
}

Status PostgresServer::wait_ready() {
    const std::string info = conninfo_for("postgres");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            return make_error(ErrorCode::io, "postgres exited at start: " + log_tail());
        }
        if (PQping(info.c_str()) == PQPING_OK) return {};
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    stop();
    return make_error(ErrorCode::io, "postgres did not become ready: " + log_tail());
}

std::string PostgresServer::conninfo_for(const std::string& database) const {
    return "host=127.0.0.1 port=" + std::to_string(m_port) + " dbname=" + database +
           " user=postgres password=" + m_password + " connect_timeout=10";
}

Result<std::string> PostgresServer::create_database(const std::string& name) {
    if (name.empty() ||
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
        return make_error(ErrorCode::usage, "database names are [a-z0-9_]+");
    PGconn* conn = PQconnectdb(conninfo_for("postgres").c_str());
    std::string error;
    if (PQstatus(conn) != CONNECTION_OK) {
        error = PQerrorMessage(conn);
    } else {
        PGresult* r = PQexec(conn, ("CREATE DATABASE " + name).c_str());
        if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
        PQclear(r);
    }
    PQfinish(conn);
    if (!error.empty()) return make_error(ErrorCode::io, "create database: " + error);
    return conninfo_for(name);
}

void PostgresServer::stop() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGQUIT);  // immediate shutdown: the postmaster ends its backends first
        int status = 0;
        for (int i = 0; i < 200 && ::waitpid(m_pid, &status, WNOHANG) == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (::waitpid(m_pid, &status, WNOHANG) == 0) {
            ::kill(m_pid, SIGKILL);
            (void)wait_status(m_pid);
        }
        m_pid = -1;
    }
    if (!m_dir.empty()) {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
        m_dir.clear();
    }
}

PostgresServer::~PostgresServer() {
    stop();
}

std::string PostgresServer::log_tail() const {
    std::ifstream in(m_dir / "postgres.log");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string all = ss.str();
    return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
}

}  // namespace kt::test
