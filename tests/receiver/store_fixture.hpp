// Opens a fresh receiver store on either backend: SQLCipher in a temp dir, or a new database
// on one PostgreSQL server shared by the test process. Builders for submissions.
#pragma once

#include <memory>
#include <string>

#include "receiver_store/store.hpp"
#include "support/test_support.hpp"

namespace kt::test {

enum class Backend { sqlite, postgres };

const char* backend_name(Backend b);

struct StoreUnderTest {
    Backend backend = Backend::sqlite;
    std::unique_ptr<TempDir> dir;
    receiver::StoreConfig config;
    std::unique_ptr<receiver::Store> store;

    receiver::Store& operator*() { return *store; }
    receiver::Store* operator->() { return store.get(); }
    /// Closes and opens the same store again (for migrate and key tests).
    void reopen();
};

/// Where a fresh store of backend `b` goes (a file in `dir`, or a new PostgreSQL database);
/// nothing is created yet for SQLite.
receiver::StoreConfig new_store_config(Backend b, const TempDir& dir);

/// A fresh, migrated, empty store. Fails the current test on error.
StoreUnderTest open_test_store(Backend b);

/// Enrolls a device through a code; returns its id.
std::string enroll_device(receiver::Store& s, const std::string& name, const std::string& id,
                          std::int64_t now = 1000);

receiver::Submission make_submission(const std::string& uuid, std::int64_t version,
                                     const std::string& device_id, std::int64_t seq,
                                     const std::string& payload_sha = "aa");
/// A complete structured assessment; `marker` goes into wijk and client_ref.
receiver::StructuredAssessment make_assessment(const std::string& marker = "Centrum");

}  // namespace kt::test
