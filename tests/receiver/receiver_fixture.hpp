// A running receiver with one enrolled test device whose key is a real vault's device key, so
// its sealed records pass the receiver's check.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "receiver_client.hpp"
#include "receiver_process.hpp"
#include "receiver_store/store.hpp"

namespace kt::test {

struct ApiFixture {
    /// `config` members are set in config.json before the server starts.
    explicit ApiFixture(ReceiverDb db, int sealed = 2,
                        const std::map<std::string, long long>& config = {});

    ReceiverData data;
    SealedSource source;
    std::unique_ptr<ReceiverProcess> server;
    std::unique_ptr<TestDevice> device;

    /// Another device, enrolled with its own new key.
    std::unique_ptr<TestDevice> enroll_other(const std::string& name);
    /// The receiver's store, opened beside the running server (for counting rows).
    std::unique_ptr<receiver::Store> open_store() const;
    /// Restarts the server (optionally with the crash hook's environment).
    void restart(const std::map<std::string, std::string>& env = {});
};

const char* db_name(ReceiverDb db);

}  // namespace kt::test
