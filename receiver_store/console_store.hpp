// The console's state in the receiver's store: accounts, activation tokens, sessions, login
// throttling, the device overview and the filtered audit log. Every bit lives in the database,
// so receivers sharing one PostgreSQL serve the console interchangeably. Secrets are stored
// only as hashes (activation tokens, session ids, recovery codes) or as libsodium password
// hashes; the TOTP secret is kept as is (the store is encrypted at rest with SQLCipher; on
// PostgreSQL it is the database's to protect).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store.hpp"
#include "util/result.hpp"

namespace kt::receiver {

struct ConsoleAccount {
    std::string name;
    std::string role;                   // beheer | teamleider | beleid
    std::vector<std::string> teams;     // team names (teamleider)
    std::string password_hash;          // crypto_pwhash_str, "" until activated
    std::string totp_secret;            // base32, "" until activation began
    std::int64_t totp_last_step = 0;    // the newest 30 s step a code was accepted for
    std::vector<std::string> recovery;  // SHA-256 hex of the unused recovery codes
    bool disabled = false;
    bool active = false;  // activation completed
    std::int64_t created_at = 0;
};

struct ConsoleSession {
    std::string account;
    std::int64_t created_at = 0;
    std::int64_t last_seen = 0;
};

/// A device with what its last checkin reported.
struct DeviceOverview {
    Device device;
    std::optional<std::int64_t> last_checkin;
    std::optional<std::int64_t> outbox;  // items waiting, as reported at the last checkin
    std::string app_version;
};

struct AuditFilter {
    std::string action;     // "" any
    std::string object;     // "" any (a device id)
    std::int64_t from = 0;  // 0: open; else time >= from
    std::int64_t to = 0;    // 0: open; else time < to
    std::int64_t limit = 200;
};

struct ThrottleState {
    std::int64_t failures = 0;
    std::int64_t last_failure = 0;
};

class ConsoleStore {
  public:
    virtual ~ConsoleStore() = default;

    /// Errors: already_exists (that name), usage (empty name or role).
    virtual Status add_account(const ConsoleAccount& a) = 0;
    virtual Result<std::optional<ConsoleAccount>> account(const std::string& name) = 0;
    /// Every account, by name.
    virtual Result<std::vector<ConsoleAccount>> accounts() = 0;
    /// Disabling also ends the account's sessions. Errors: not_found.
    virtual Status set_disabled(const std::string& name, bool disabled) = 0;
    /// Back to "not activated": password, TOTP and recovery codes cleared, sessions and
    /// activation tokens dropped. Errors: not_found.
    virtual Status reset_account(const std::string& name) = 0;

    /// A new activation token (its hash) for the account; older unused ones are dropped.
    virtual Status add_activation(const std::string& token_hash, const std::string& account,
                                  std::int64_t created_at, std::int64_t expires_at) = 0;
    /// The account of an unused token not expired at `now`, else nullopt.
    virtual Result<std::optional<std::string>> activation_account(const std::string& token_hash,
                                                                  std::int64_t now) = 0;
    /// The TOTP secret shown during activation (kept until activation completes).
    virtual Status set_pending_totp(const std::string& account, const std::string& secret) = 0;
    /// Uses the token and activates its account with this password hash, accepted TOTP step
    /// and recovery code hashes, atomically. False when the token is unknown, used (also by a
    /// concurrent call) or expired.
    virtual Result<bool> complete_activation(const std::string& token_hash,
                                             const std::string& password_hash,
                                             std::int64_t totp_step,
                                             const std::vector<std::string>& recovery,
                                             std::int64_t now) = 0;
    /// Accepts a TOTP step once: true when `step` is newer than every accepted one.
    virtual Result<bool> use_totp_step(const std::string& account, std::int64_t step) = 0;
    /// Uses a recovery code (its hash) once: true when it was unused.
    virtual Result<bool> use_recovery_code(const std::string& account,
                                           const std::string& code_hash) = 0;

    virtual Status create_session(const std::string& id_hash, const std::string& account,
                                  std::int64_t now) = 0;
    /// The session if it is known, idle for less than `idle` seconds, younger than `absolute`
    /// seconds and its account enabled; then its last_seen becomes `now`.
    virtual Result<std::optional<ConsoleSession>> touch_session(const std::string& id_hash,
                                                                std::int64_t now, std::int64_t idle,
                                                                std::int64_t absolute) = 0;
    virtual Status end_session(const std::string& id_hash) = 0;

    virtual Result<ThrottleState> throttle(const std::string& key) = 0;
    virtual Status record_failure(const std::string& key, std::int64_t now) = 0;
    virtual Status clear_failures(const std::string& key) = 0;

    /// Every device, newest enrollment first.
    virtual Result<std::vector<DeviceOverview>> devices() = 0;
    /// Notes a device's checkin (time, items waiting, app version). Errors: none for an unknown
    /// device (nothing changes).
    virtual Status record_checkin(const std::string& device_id, std::int64_t now,
                                  std::int64_t outbox, const std::string& app_version) = 0;
    /// Revokes that device if active; returns its name. Errors: not_found (unknown or revoked).
    virtual Result<std::string> revoke_device_id(const std::string& id, std::int64_t now) = 0;

    /// Audit rows matching the filter, newest first, at most filter.limit.
    virtual Result<std::vector<AuditEntry>> audit_page(const AuditFilter& filter) = 0;
};

}  // namespace kt::receiver
