// ConsoleStore over the same connections and SQL surface as SqlStore.
#pragma once

#include "console_store.hpp"
#include "sql.hpp"

namespace kt::receiver {

class SqlConsoleStore final : public ConsoleStore {
  public:
    /// `source` outlives this object (SqlStore owns both).
    explicit SqlConsoleStore(ConnectionSource& source) : m_source(&source) {}

    Status add_account(const ConsoleAccount& a) override;
    Result<std::optional<ConsoleAccount>> account(const std::string& name) override;
    Result<std::vector<ConsoleAccount>> accounts() override;
    Status set_disabled(const std::string& name, bool disabled) override;
    Status reset_account(const std::string& name) override;

    Status add_activation(const std::string& token_hash, const std::string& account,
                          std::int64_t created_at, std::int64_t expires_at) override;
    Result<std::optional<std::string>> activation_account(const std::string& token_hash,
                                                          std::int64_t now) override;
    Status set_pending_totp(const std::string& account, const std::string& secret) override;
    Result<bool> complete_activation(const std::string& token_hash,
                                     const std::string& password_hash, std::int64_t totp_step,
                                     const std::vector<std::string>& recovery,
                                     std::int64_t now) override;
    Result<bool> use_totp_step(const std::string& account, std::int64_t step) override;
    Result<bool> use_recovery_code(const std::string& account,
                                   const std::string& code_hash) override;

    Status create_session(const std::string& id_hash, const std::string& account,
                          std::int64_t now) override;
    Result<std::optional<ConsoleSession>> touch_session(const std::string& id_hash,
                                                        std::int64_t now, std::int64_t idle,
                                                        std::int64_t absolute) override;
    Status end_session(const std::string& id_hash) override;

    Result<ThrottleState> throttle(const std::string& key) override;
    Status record_failure(const std::string& key, std::int64_t now) override;
    Status clear_failures(const std::string& key) override;

    Result<std::vector<DeviceOverview>> devices() override;
    Status record_checkin(const std::string& device_id, std::int64_t now, std::int64_t outbox,
                          const std::string& app_version) override;
    Result<std::string> revoke_device_id(const std::string& id, std::int64_t now) override;

    Result<std::vector<AuditEntry>> audit_page(const AuditFilter& filter) override;

  private:
    /// Runs one statement on a lent connection; returns the rows changed.
    Result<std::int64_t> execute(std::string_view sql, const Params& params);
    Result<Rows> query(std::string_view sql, const Params& params, int columns);

    ConnectionSource* m_source;
};

}  // namespace kt::receiver
