// Small helpers shared by the end-to-end sync tests (T-09, T-23, T-26, T-37, the kiosk): the
// receiver's store opened beside the running process, its request log, and a test vault
// enrolled with the real receiver.
#pragma once

#include <catch2/catch.hpp>
#include <fstream>
#include <memory>
#include <string>

#include "receiver_process.hpp"
#include "receiver_store/store.hpp"
#include "support/test_support.hpp"
#include "sync/config.hpp"
#include "sync/enroll.hpp"

namespace kt::test {

/// Lines in DIR/receiver.log: one per request the receiver read (0 when there is no log yet).
inline int receiver_log_lines(const ReceiverData& data) {
    std::ifstream in(data.dir / "receiver.log");
    int n = 0;
    for (std::string line; std::getline(in, line);)
        n += !line.empty();
    return n;
}

inline std::string loopback_url(int port) {
    return "https://127.0.0.1:" + std::to_string(port);
}

/// Enrolls `vault` with the receiver at `port` using a fresh code for `device`.
inline void enroll_vault(store::Vault& vault, ReceiverData& data, int port,
                         const std::string& device = "tablet-e2e") {
    const std::string code = data.enroll(device);
    const auto r =
        sync::enroll_device(vault, loopback_url(port), code, 1'000'000, {5, 10, 1 << 20});
    INFO(r.detail);
    REQUIRE(r.ok());
}

/// Points the enrolled vault at another URL (a restarted receiver, a proxy).
inline void set_receiver_url(store::Database& db, const std::string& url) {
    auto c = sync::load_config(db);
    REQUIRE(c.ok());
    c->url = url;
    REQUIRE(sync::save_config(db, c.value()).ok());
}

}  // namespace kt::test
