// A small HTTPS server on 127.0.0.1 (cpp-httplib) for the transport's tests: the given
// identity, routes set by the test, run on a thread for the test's scope, counting requests.
#pragma once

#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <thread>

#include "support/test_support.hpp"
#include "support/test_tls.hpp"

namespace kt::test {

// An HTTPS server on 127.0.0.1 with the given identity, run on a thread for the test's scope.
class TestServer {
  public:
    TestServer(const TlsIdentity& id, const TempDir& dir, const char* stem)
        : m_cert(write_identity(id, dir.path(), stem)),
          m_server(m_cert.c_str(), (dir / (std::string(stem) + ".key")).c_str()) {
        REQUIRE(m_server.is_valid());
        m_server.set_pre_routing_handler([this](const httplib::Request&, httplib::Response&) {
            ++requests;
            return httplib::Server::HandlerResponse::Unhandled;
        });
    }
    ~TestServer() {
        m_server.stop();
        if (m_thread.joinable()) m_thread.join();
    }
    httplib::SSLServer& server() { return m_server; }
    std::string start() {
        const int port = m_server.bind_to_any_port("127.0.0.1");
        REQUIRE(port > 0);
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        return "https://127.0.0.1:" + std::to_string(port);
    }
    std::atomic<int> requests{0};

  private:
    std::filesystem::path m_cert;
    httplib::SSLServer m_server;
    std::thread m_thread;
};

}  // namespace kt::test
