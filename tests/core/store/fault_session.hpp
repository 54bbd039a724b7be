// The realistic session the fault sweeps (T-02, T-03, T-04) run through the fault-injecting
// VFS (store/fault_vfs.hpp): the Session calls the kiosk makes for one conversation (unlock,
// a new client, an intake with 13 scores, the network map, finish, the client's review, both
// signatures, the seal, back with the PIN), then the sync job's outbox bookkeeping on a
// connection of its own. Every step that commits has a check that finds its effect in a vault,
// so a sweep can tell whether an acknowledged commit survived.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "crypto/secret.hpp"
#include "present/session.hpp"
#include "support/test_support.hpp"

namespace kt::test {

inline constexpr const char* kFaultPass = "Stroom valt uit 2026";

/// Ids the steps learn as they go (a later step needs the client and the assessment).
struct SessionIds {
    std::string client, assessment, person;
};

struct FaultStep {
    std::string name;
    /// Does what the worker or the sync job does; returns the error key shown ("" when fine).
    std::function<std::string(present::Session&, SessionIds&)> act;
    /// True when the step's change is in the vault; empty for steps that only navigate.
    std::function<bool(store::Database&, const SessionIds&)> stored;
};

/// A demo vault made once, copied for every run; its data key, unwrapped once.
class VaultTemplate {
  public:
    VaultTemplate();
    /// Copies the vault and its key file to `vault` (replacing what is there).
    void copy_to(const fs::path& vault) const;
    const crypto::SecretBytes& dek() const { return m_dek; }

  private:
    TempDir m_dir;
    fs::path m_vault;
    crypto::SecretBytes m_dek;
};

/// The steps, in order. The sync job's steps open their own connection to `vault`.
std::vector<FaultStep> realistic_session(const fs::path& vault, const crypto::SecretBytes& dek);

/// What a vault looks like after a fault, opened the way the kiosk opens it.
struct Verdict {
    bool opens = false;
    std::string open_error;  // developer English when it does not open
    bool integrity_ok = false;
    bool audit_intact = false;
    int seals_broken = 0;
    int missing = 0;  // acknowledged steps whose change is not there
    std::vector<std::string> missing_steps;
};

/// Opens `vault` with `dek` (normal open: audit chain, migrations), runs integrity_check,
/// verifies every seal, and runs the check of every step in `acked`.
Verdict verify_vault(const fs::path& vault, const crypto::SecretBytes& dek,
                     const std::vector<FaultStep>& steps, const std::vector<std::size_t>& acked,
                     const SessionIds& ids);

}  // namespace kt::test
