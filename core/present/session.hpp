// Session: one worker's open vault plus the flow state. Screens emit intents (intent.hpp) and
// dispatch() applies each through the methods below; each change is written to the vault at
// once, then the cached model is re-read from it.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/passphrase_rule.hpp"
#include "crypto/secret.hpp"
#include "flow/flow.hpp"
#include "model/assessment.hpp"
#include "model/client.hpp"
#include "model/network.hpp"
#include "model/review.hpp"
#include "present/client_copy.hpp"
#include "present/intent.hpp"
#include "present/sync_runner.hpp"
#include "store/seal.hpp"
#include "store/settings.hpp"
#include "store/unlock_guard.hpp"
#include "store/vault.hpp"
#include "store/vault_create.hpp"
#include "store/worker.hpp"
#include "util/clock.hpp"

namespace kt::present {

class Session {
  public:
    Session(std::filesystem::path vault_path, const Clock& clock);

    /// Applies a screen's intent to the vault and the flow and returns what came of it (also
    /// kept as outcome() for the views). A flow action a screen may not take (the ones that
    /// follow a passphrase, a PIN or a save) is ignored; handing over checks the assessment.
    Outcome dispatch(const Intent& intent);
    /// The last intent's outcome; the settings' save and passphrase change set it also when
    /// called directly.
    const Outcome& outcome() const { return m_outcome; }

    // ---- access (session_access.cpp) ----
    /// Opens the vault. On failure the error key says why and the step stays unlock. A wrong
    /// passphrase is counted (store::UnlockGuard); from the sixth the next try must wait.
    void unlock(std::string_view passphrase);
    /// Closes the vault, drops the data key and forgets everything shown.
    void lock();
    /// Locks the screen and closes the vault; the data key stays (in locked memory) so the
    /// PIN can reopen it and resume where the worker was.
    void idle_lock();
    /// Resumes after an idle lock. The fifth wrong PIN locks fully (passphrase needed).
    void enter_pin(std::string_view pin);
    /// Chooses the PIN at first unlock. Error when it is not 6 digits or the two differ.
    void choose_pin(std::string_view pin, std::string_view repeated);
    /// Re-wraps the data key under a new passphrase (settings). A wrong old passphrase counts
    /// as a failed unlock. Sets passphrase_changed() on success; its outcome belongs to the
    /// passphrase section.
    void change_passphrase(std::string_view old_passphrase, std::string_view new_passphrase,
                           std::string_view repeated);
    /// Seconds before the next passphrase try is allowed (T-15); 0 when allowed now.
    double unlock_wait_seconds() const;
    int pin_failures() const { return m_pin_failures; }
    bool passphrase_changed() const { return m_passphrase_changed; }
    /// The audit row where the chain was found broken at unlock (0 when intact).
    std::int64_t audit_break_seq() const { return m_audit_break_seq; }
    /// The shortest new passphrase accepted (crypto/passphrase_rule.hpp holds the whole rule).
    static constexpr std::size_t kMinPassphraseLength = crypto::kMinPassphraseChars;

    // ---- first run (session_first_run.cpp): no vault at its place yet ----
    /// The setup's pages, in order; the vault is made when the PIN is chosen.
    enum class SetupPage { welcome, worker, passphrase, pin };
    struct FirstRun {
        SetupPage page = SetupPage::welcome;
        store::Worker worker;
        std::optional<crypto::SecretBytes> passphrase;  // chosen, kept until the vault exists
    };
    const FirstRun& first_run() const { return m_first_run; }
    /// What is at the vault's place at start (after undoing an interrupted create).
    store::VaultPresence presence() const { return m_presence; }
    const std::filesystem::path& vault_path() const { return m_path; }
    /// Welcome -> name and team.
    void setup_start();
    /// One page back (the passphrase chosen is forgotten when leaving its page backwards).
    void setup_back();
    /// Name and team -> passphrase, when the name is there and both fit.
    void setup_worker(const store::Worker& worker);
    /// Passphrase -> PIN, when it meets the rule (crypto/passphrase_rule.hpp) and both agree.
    void setup_passphrase(std::string_view passphrase, std::string_view repeated);
    /// Checks the PIN, then makes the vault (worker, PIN) in one go, opens it and moves on to
    /// first_enroll. On failure (not writable, disk full, a file in the way) the page stays,
    /// nothing is left behind and the worker can try again.
    void setup_create(std::string_view pin, std::string_view repeated);
    /// The worker as stored in the vault (empty fields when never set, or while locked).
    const store::Worker& worker() const { return m_worker; }

    // ---- navigation (session.cpp) ----
    void navigate(const flow::Action& action);

    // ---- records (session_records.cpp) ----
    /// Adds or updates the client in the form (an empty id adds), then shows the client.
    void save_client(const model::Client& client);
    /// Goes to the setup step for a new assessment of this kind.
    void begin_assessment(model::AssessmentKind kind);
    /// Creates the assessment with who is present and opens the matrix (from step setup).
    void start_assessment(const std::vector<model::Participant>& present);
    /// From the client page: starts an assessment of this kind with the client present.
    void start_assessment(model::AssessmentKind kind);
    void open_client(const std::string& client_id) { navigate(flow::OpenClient{client_id}); }
    /// Opens an unfinished assessment at its first domain without score or reason.
    void resume_assessment(const std::string& assessment_id);
    /// Stores a level for the domain on screen, durably, in one transaction.
    void score(int level);
    /// Stores the details of the domain on screen.
    void set_detail(const model::DomainDetail& detail);
    /// Finishes when every domain is scored or has a reason, then returns to the client.
    void finish();
    /// Stores the interval, idle lock and wijk list; the PIN verifier stays the session's own
    /// (settings.pin_hash is ignored). Its outcome is "settings.saved" only once written.
    void save_settings(const store::Settings& settings);

    // ---- network map (session_network.cpp), from step network; each stored at once ----
    /// Adds a person; returns the new id ("" on failure, with the error key set).
    std::string add_person(const model::NetworkPerson& person);
    void update_person(const model::NetworkPerson& person);
    /// Moves a person to ring 0 (closest) .. 2 (farthest): the finger's drag.
    void move_person(const std::string& person_id, int ring);
    void remove_person(const std::string& person_id);
    void set_network_reasons(unsigned reasons, const std::string& other_reason);
    void set_network_note(const std::string& note);

    // ---- client mode (session_review.cpp): review, signatures, seal ----
    /// Hands the tablet to the client for a finished, unsealed assessment of this client.
    void hand_over(const std::string& assessment_id);
    /// The language the client reads (model::kReviewLocales); stored with the review.
    void set_client_locale(std::string_view locale);
    /// The client's answer for the domain on screen.
    void answer(const model::DomainAnswer& answer);
    void agree_network(model::Agreement a);
    void agree_goals(model::Agreement a);
    void sign(const model::Signature& signature);
    void clear_signature(model::Signer signer);
    /// Seals when both signed (or the client refused with a reason); the seal stays in view.
    void seal();
    /// A sealed assessment opened for change as its next version (worker mode, client page):
    /// unsealed and without signatures until signed again; earlier versions stay verifiable.
    void reopen(const std::string& assessment_id);
    /// Back to the worker's screens: only with the worker's PIN; the fifth wrong one locks.
    void return_to_worker(std::string_view pin);
    const model::Review& review() const { return m_review; }

    // ---- sync to the municipality (session_sync.cpp); network work runs off this thread ----
    /// What the sync indicator and the settings show; refreshed after every job and change.
    struct SyncPanel {
        bool enrolled = false, running = false, enrolling = false;
        std::string url, device_name, team;
        int pending = 0;                   // sealed versions without a verified receipt
        std::int64_t last_success = 0;     // 0: never
        std::int64_t next_attempt_at = 0;  // 0: nothing waiting
        std::string message_key;           // the last outcome ("" when there is nothing to say)
        bool failed = false;               // message_key is a failure
        bool blocked = false;              // vault rolled back (T-09): sending has stopped
        bool wiped = false;                // revoked: the key file is destroyed (T-37)
    };
    /// Once per frame: takes a finished job's outcome (a revoked device locks at once) and
    /// starts an automatic pass when one is due (enrolled, something waiting, backoff over).
    void tick_sync();
    /// The worker asked to send now (the backoff between passes is skipped).
    void sync_now();
    /// Settings: enrolls the device with the receiver's address and one-time code.
    void enroll(const std::string& url, const std::string& code);
    const SyncPanel& sync_panel() const { return m_sync; }
    /// Blocks until a running sync or enrollment has ended and its outcome is taken (tests,
    /// headless scripts, program exit).
    void wait_for_sync();
    /// The client's copy of a sealed assessment of the client on screen, in the language the
    /// client reviewed in (worker mode, the client's page only; else invalid_state).
    Result<ClientCopy> client_copy(const std::string& assessment_id);
    /// The copy was written where the worker chose: the audit row for it.
    void copy_saved(const std::string& assessment_id);
    /// The newest seal of the open assessment, once sealed.
    const std::optional<store::SealInfo>& seal_info() const { return m_seal; }

    const flow::State& state() const { return m_state; }
    const std::string& error_key() const { return m_error_key; }
    void clear_error() { m_error_key.clear(); }
    /// Shows the message `key` where errors show (until the next intent), unless an error is
    /// already there: a notice at start, e.g. that the kiosk fell back to Dutch. It is the
    /// outcome of the step shown now.
    void note(const std::string& key) {
        if (!m_error_key.empty()) return;
        m_error_key = key;
        m_outcome = Outcome{key, true, m_state.step};
    }
    /// True while the data key is held: worker mode, or an idle lock the PIN can lift.
    bool is_unlocked() const { return m_dek.has_value(); }
    /// True while the vault file is open (worker mode only; an idle lock closes it).
    bool vault_open() const { return m_vault.has_value(); }

    const std::vector<model::Client>& clients() const { return m_clients; }
    const model::Client* client() const { return m_client ? &*m_client : nullptr; }
    const std::vector<model::Assessment>& client_assessments() const { return m_assessments; }
    const model::Assessment* assessment() const { return m_assessment ? &*m_assessment : nullptr; }
    const model::Assessment* previous() const { return m_previous ? &*m_previous : nullptr; }
    /// The open assessment's network map (empty map when nobody was added yet).
    const model::NetworkMap& network() const { return m_network; }
    const store::Settings& settings() const { return m_settings; }
    const Clock& clock() const { return m_clock; }

  private:
    bool fail(const Error& e);
    /// The outcome of a settings write: its error, or `success_key` ("" for nothing to say).
    void report(Area area, std::string_view success_key);
    /// A flow action from a screen: locks, hand-over with its check, or plain navigation.
    void go(const flow::Action& action);
    void try_change_passphrase(std::string_view old_passphrase, std::string_view new_passphrase,
                               std::string_view repeated);
    void reload();
    void apply(const flow::Action& action);
    void forget();
    bool open_vault();
    void audit(std::string_view action, std::string_view result);
    void count_failed_passphrase();
    bool network_step() const;
    /// After a write: its error (or none) becomes the error key, then the view is re-read.
    void after_change(const Status& s);
    bool client_step() const;

    std::filesystem::path m_path;
    const Clock& m_clock;
    store::VaultPresence m_presence = store::VaultPresence::complete;
    FirstRun m_first_run;
    void setup_failed(const Error& e);  // the message for a create that left nothing
    store::Worker m_worker;
    std::optional<crypto::SecretBytes> m_dek;
    std::optional<store::Vault> m_vault;
    store::UnlockGuard m_guard;
    std::int64_t m_audit_break_seq = 0;
    bool m_passphrase_changed = false;
    flow::State m_state;
    std::string m_error_key;
    Outcome m_outcome;
    int m_pin_failures = 0;
    store::Settings m_settings;
    std::vector<model::Client> m_clients;
    std::optional<model::Client> m_client;
    std::vector<model::Assessment> m_assessments;
    std::optional<model::Assessment> m_assessment;
    std::optional<model::Assessment> m_previous;
    model::NetworkMap m_network;
    model::Review m_review;
    std::optional<store::SealInfo> m_seal;
    bool m_unlocked_by_pin = false;
    void refresh_sync_panel();
    void take_sync_outcome(const SyncOutcome& outcome);
    SyncPanel m_sync;
    std::unique_ptr<SyncRunner> m_sync_runner = std::make_unique<SyncRunner>();
    std::optional<double> m_last_auto_sync;  // monotonic() of the last automatic pass
};

}  // namespace kt::present
