#include "receiver_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <sstream>

#include "receiver_store/postgres_backend.hpp"
#include "receiver_store/sqlite_backend.hpp"
#include "support/postgres_server.hpp"
#include "util/canonical_json.hpp"

namespace kt::test {

namespace {

const std::string kProgram = "keukentafel-receiver";

PostgresServer& shared_postgres() {
    static std::unique_ptr<PostgresServer> server = [] {
        auto s = PostgresServer::start();
        if (!s) FAIL("PostgreSQL test server: " << s.error().detail);
        return std::move(s.value());
    }();
    return *server;
}

std::string line_value(const std::string& out, const std::string& prefix) {
    const auto at = out.find(prefix);
    if (at == std::string::npos) return "";
    const auto end = out.find('\n', at);
    return out.substr(at + prefix.size(), end - at - prefix.size());
}

// Reads the child's stdout until the "listening on https://127.0.0.1:PORT" line; the console's
// port, printed before it when it runs, goes to `console_port`.
int read_port(int fd, pid_t pid, int& console_port) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) > 0) {
            char buf[256];
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0) break;
            out.append(buf, std::size_t(n));
            const std::string port = line_value(out, "listening on https://127.0.0.1:");
            if (!port.empty() && out.find('\n', out.find("listening on")) != std::string::npos) {
                const std::string console = line_value(out, "console on https://127.0.0.1:");
                if (!console.empty()) console_port = std::stoi(console);
                return std::stoi(port);
            }
        }
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) break;
    }
    return 0;
}

}  // namespace

pid_t shared_postgres_pid() {
    return shared_postgres().pid();
}

std::string new_postgres_database() {
    static std::atomic<int> counter{0};
    auto info = shared_postgres().create_database("receiver_" + std::to_string(++counter));
    if (!info) FAIL("create database: " << info.error().detail);
    return info.value();
}

ReceiverData::ReceiverData(ReceiverDb kind) : dir(tmp / "receiver") {
    if (kind == ReceiverDb::postgres) db = new_postgres_database();
    std::vector<std::string> args{kProgram, "init", "--data", dir.string()};
    if (!db.empty()) args.insert(args.end(), {"--db", db});
    const auto r = run_program(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    pin = line_value(r.out, "tls pin: ");
    REQUIRE(pin.rfind("sha256//", 0) == 0);
}

void ReceiverData::set_config(const std::string& key, long long value) {
    auto v = json::parse(read_bytes(dir / "config.json"));
    REQUIRE(v.ok());
    for (auto& [k, member] : *v->object())
        if (k == key) member = json::Value(std::int64_t(value));
    auto text = json::canonical(v.value());
    REQUIRE(text.ok());
    write_bytes(dir / "config.json", text.value());
}

ProcessResult ReceiverData::run(std::vector<std::string> args) {
    args.insert(args.begin(), kProgram);
    args.insert(args.end(), {"--data", dir.string()});
    if (!db.empty()) args.insert(args.end(), {"--db", db});
    return run_program(args);
}

std::string ReceiverData::enroll(const std::string& device, const std::string& team) {
    const auto r = run({"enroll", "--device", device, "--team", team});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string code = line_value(r.out, "code: ");
    REQUIRE(code.size() == 19);
    return code;
}

int ReceiverData::revoke(const std::string& device) {
    return run({"revoke", "--device", device}).exit_code;
}

namespace {

// KT_RECEIVER_WRAPPER: words put before the receiver's command line, for profiling a run
// (e.g. "valgrind --tool=callgrind --callgrind-out-file=/tmp/receiver.%p.cg").
std::vector<std::string> wrapper() {
    std::vector<std::string> words;
    if (const char* w = std::getenv("KT_RECEIVER_WRAPPER")) {
        std::istringstream in(w);
        for (std::string word; in >> word;)
            words.push_back(word);
    }
    return words;
}

}  // namespace

ReceiverProcess::ReceiverProcess(const ReceiverData& data,
                                 const std::map<std::string, std::string>& env, int port)
    : m_stderr(data.tmp / "serve.stderr") {
    int out[2];
    REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
    const std::string program = std::string(KT_BIN_DIR) + "/" + kProgram;
    const std::vector<std::string> wrapper_words = wrapper();
    const pid_t parent = ::getpid();
    m_pid = ::fork();
    REQUIRE(m_pid >= 0);
    if (m_pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(9);
        for (const auto& [k, v] : env)
            ::setenv(k.c_str(), v.c_str(), 1);
        const int err = ::open(m_stderr.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        ::dup2(out[1], 1);
        if (err >= 0) ::dup2(err, 2);
        std::vector<std::string> args{program,    "serve",
                                      "--data",   data.dir.string(),
                                      "--listen", "127.0.0.1:" + std::to_string(port)};
        if (!data.db.empty()) args.insert(args.end(), {"--db", data.db});
        if (!data.console.empty()) args.insert(args.end(), {"--console", data.console});
        args.insert(args.begin(), wrapper_words.begin(), wrapper_words.end());
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    m_port = read_port(out[0], m_pid, m_console_port);
    ::close(out[0]);
    INFO(errors());
    REQUIRE(m_port > 0);
}

ReceiverProcess::~ReceiverProcess() {
    if (m_pid > 0) (void)kill();
}

bool ReceiverProcess::alive() {
    if (m_pid <= 0) return false;
    if (::waitpid(m_pid, &m_status, WNOHANG) == m_pid) {
        m_pid = -1;
        return false;
    }
    return true;
}

int ReceiverProcess::wait() {
    if (m_pid <= 0) return m_status;
    while (::waitpid(m_pid, &m_status, 0) < 0 && errno == EINTR) {
    }
    m_pid = -1;
    return m_status;
}

int ReceiverProcess::stop() {
    if (m_pid > 0) ::kill(m_pid, SIGTERM);
    return wait();
}

int ReceiverProcess::kill() {
    if (m_pid > 0) ::kill(m_pid, SIGKILL);
    return wait();
}

std::string ReceiverProcess::errors() const {
    std::error_code ec;
    return fs::exists(m_stderr, ec) ? read_bytes(m_stderr) : std::string();
}

namespace {

receiver::StoreConfig store_config_of(const ReceiverData& data) {
    receiver::StoreConfig c;
    c.postgres_conninfo = data.db;
    c.sqlite_path = data.dir / "receiver.db";
    c.sqlite_key_file = data.dir / "keys" / "store.key";
    c.postgres_pool_size = 2;
    return c;
}

}  // namespace

std::unique_ptr<receiver::Store> open_receiver_store(const ReceiverData& data) {
    auto s = receiver::open_store(store_config_of(data));
    if (!s) FAIL("open_store: " << s.error().detail);
    return std::move(s.value());
}

namespace {

std::unique_ptr<receiver::ConnectionSource> raw_source(const ReceiverData& data) {
    const auto c = store_config_of(data);
    auto source = data.db.empty() ? receiver::open_sqlite_source(c.sqlite_path, c.sqlite_key_file)
                                  : receiver::open_postgres_source(c.postgres_conninfo, 1);
    if (!source) FAIL("raw connection: " << source.error().detail);
    return std::move(source.value());
}

}  // namespace

std::vector<std::vector<std::string>> raw_receiver_query(const ReceiverData& data,
                                                         const std::string& sql, int columns,
                                                         const std::vector<std::string>& params) {
    const auto source = raw_source(data);
    auto lease = source->acquire();
    REQUIRE(lease);
    auto rows =
        (*lease)->conn().query(sql, receiver::Params(params.begin(), params.end()), columns);
    if (!rows) FAIL("raw query: " << rows.error().detail);
    std::vector<std::vector<std::string>> out;
    for (const auto& r : rows.value()) {
        out.emplace_back();
        for (const auto& cell : r)
            out.back().push_back(receiver::as_text(cell));
    }
    return out;
}

std::int64_t raw_receiver_execute(const ReceiverData& data, const std::string& sql,
                                  const std::vector<std::string>& params) {
    const auto source = raw_source(data);
    auto lease = source->acquire();
    REQUIRE(lease);
    auto n = (*lease)->conn().execute(sql, receiver::Params(params.begin(), params.end()));
    if (!n) FAIL("raw statement: " << n.error().detail);
    return n.value();
}

}  // namespace kt::test
