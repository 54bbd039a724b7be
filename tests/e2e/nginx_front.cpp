#include "nginx_front.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

namespace kt::test {

namespace {

sockaddr_in loopback(int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(std::uint16_t(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

bool accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in a = loopback(port);
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// packaging/nginx-receivers.conf with the test's ports, inside a minimal main config.
std::string config(const fs::path& dir, int port, const std::vector<int>& upstreams) {
    std::string stream = read_bytes(fs::path(KT_SOURCE_DIR) / "packaging/nginx-receivers.conf");
    REQUIRE((upstreams.size() == 1 || upstreams.size() == 2));
    replace_all(stream, "listen 8443;", "listen 127.0.0.1:" + std::to_string(port) + ";");
    replace_all(stream, "127.0.0.1:8444", "127.0.0.1:" + std::to_string(upstreams[0]));
    if (upstreams.size() == 2) {
        replace_all(stream, "127.0.0.1:8445", "127.0.0.1:" + std::to_string(upstreams[1]));
    } else {  // one receiver: the second `server` line goes
        const auto line = stream.find("        server 127.0.0.1:8445");
        REQUIRE(line != std::string::npos);
        stream.erase(line, stream.find('\n', line) + 1 - line);
    }
    return "load_module /usr/lib/nginx/modules/ngx_stream_module.so;\n"
           "daemon off;\nmaster_process off;\nworker_processes 1;\n"
           "pid " +
           (dir / "nginx.pid").string() +
           ";\n"
           "error_log " +
           (dir / "error.log").string() +
           " warn;\n"
           "events { worker_connections 2048; }\n" +
           stream;
}

}  // namespace

int free_loopback_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a = loopback(0);
    socklen_t size = sizeof a;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &size) == 0);
    ::close(fd);
    return ntohs(a.sin_port);
}

NginxFront::NginxFront(int port, const std::vector<int>& upstreams) : m_port(port) {
    const fs::path conf = m_dir / "nginx.conf";
    write_bytes(conf, config(m_dir.path(), port, upstreams));
    const std::string prefix = m_dir.path().string() + "/", conf_s = conf.string(),
                      errors = prefix + "error.log";
    const pid_t parent = ::getpid();
    m_pid = ::fork();
    REQUIRE(m_pid >= 0);
    if (m_pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(9);
        ::execl("/usr/sbin/nginx", "nginx", "-p", prefix.c_str(), "-e", errors.c_str(), "-c",
                conf_s.c_str(), nullptr);
        ::_exit(127);
    }
    for (int i = 0; i < 100 && !accepts(port); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    INFO(read_bytes(m_dir / "error.log"));
    REQUIRE(accepts(port));
}

NginxFront::~NginxFront() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
}

}  // namespace kt::test
