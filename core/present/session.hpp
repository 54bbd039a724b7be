// Session: one worker's open vault plus the flow state. Screens call these methods; each
// change is written to the vault at once, then the cached model is re-read from it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "flow/flow.hpp"
#include "model/assessment.hpp"
#include "model/client.hpp"
#include "store/vault.hpp"
#include "util/clock.hpp"

namespace kt::present {

class Session {
  public:
    Session(std::filesystem::path vault_path, const Clock& clock);

    /// Opens the vault. On failure the error key says why and the step stays unlock.
    void unlock(std::string_view passphrase);
    /// Closes the vault and forgets everything shown.
    void lock();
    void open_client(const std::string& client_id);
    void start_assessment(model::AssessmentKind kind);
    void resume_assessment(const std::string& assessment_id);
    /// Stores a level for the domain on screen, durably, in one transaction.
    void score(int level);
    /// Finishes the assessment when all 13 domains are scored, then returns to the client.
    void finish();
    void navigate(const flow::Action& action);

    const flow::State& state() const { return m_state; }
    const std::string& error_key() const { return m_error_key; }
    void clear_error() { m_error_key.clear(); }
    bool is_unlocked() const { return m_vault.has_value(); }

    const std::vector<model::Client>& clients() const { return m_clients; }
    const model::Client* client() const { return m_client ? &*m_client : nullptr; }
    const std::vector<model::Assessment>& client_assessments() const { return m_assessments; }
    const model::Assessment* assessment() const { return m_assessment ? &*m_assessment : nullptr; }
    const model::Assessment* previous() const { return m_previous ? &*m_previous : nullptr; }
    const Clock& clock() const { return m_clock; }

  private:
    bool fail(const Error& e);
    void reload();
    void apply(const flow::Action& action);

    std::filesystem::path m_path;
    const Clock& m_clock;
    std::optional<store::Vault> m_vault;
    flow::State m_state;
    std::string m_error_key;
    std::vector<model::Client> m_clients;
    std::optional<model::Client> m_client;
    std::vector<model::Assessment> m_assessments;
    std::optional<model::Assessment> m_assessment;
    std::optional<model::Assessment> m_previous;
};

}  // namespace kt::present
