#include "present/sync_runner.hpp"

#include <cstring>

#include "store/vault.hpp"

namespace kt::present {

namespace {

crypto::SecretBytes copy_of(const crypto::SecretBytes& key) {
    crypto::SecretBytes out(key.size());
    std::memcpy(out.data(), key.data(), key.size());
    return out;
}

SyncOutcome storage_failure(bool enrollment, const std::string& detail) {
    SyncOutcome out;
    out.enrollment = enrollment;
    out.report.status = sync::SyncStatus::storage_error;
    out.report.detail = detail;
    out.enroll.status = sync::SyncStatus::storage_error;
    out.enroll.detail = detail;
    return out;
}

}  // namespace

SyncRunner::~SyncRunner() {
    wait();
}

void SyncRunner::wait() {
    if (m_thread.joinable()) m_thread.join();
}

bool SyncRunner::start(const std::filesystem::path& vault, const crypto::SecretBytes& dek,
                       bool enrollment, Job job) {
    if (m_running) return false;
    wait();  // the previous thread has ended; reap it
    m_running = true;
    m_thread =
        std::thread([this, vault, key = copy_of(dek), job = std::move(job), enrollment]() mutable {
            SyncOutcome out;
            auto v = store::Vault::open_with_data_key(vault, key);
            key.wipe();
            if (!v)
                out = storage_failure(enrollment, v.error().detail);
            else
                out = job(v.value());
            {
                std::lock_guard lock(m_mutex);
                m_outcome = std::move(out);
            }
            m_running = false;
        });
    return true;
}

bool SyncRunner::start_sync(const std::filesystem::path& vault, const crypto::SecretBytes& dek,
                            std::function<std::int64_t()> now, bool manual) {
    return start(vault, dek, false, [now = std::move(now), manual](store::Vault& v) {
        sync::SyncOptions options;
        options.now = now;
        options.manual = manual;
        SyncOutcome out;
        out.report = sync::sync_now(v, options);
        return out;
    });
}

bool SyncRunner::start_enroll(const std::filesystem::path& vault, const crypto::SecretBytes& dek,
                              std::string url, std::string code, std::int64_t now) {
    return start(vault, dek, true,
                 [url = std::move(url), code = std::move(code), now](store::Vault& v) {
                     SyncOutcome out;
                     out.enrollment = true;
                     out.enroll = sync::enroll_device(v, url, code, now);
                     return out;
                 });
}

std::optional<SyncOutcome> SyncRunner::take() {
    std::lock_guard lock(m_mutex);
    auto out = std::move(m_outcome);
    m_outcome.reset();
    return out;
}

}  // namespace kt::present
