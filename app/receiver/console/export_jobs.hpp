// The console's export jobs: the pseudonymised export set (core/export, the same code as
// `keukentafel-cli export`) for the overview's filters and a purpose, written as one ZIP (libzip)
// under DIR/exports/. A job runs on a thread of its own with its own store connection, so the
// device API and the console keep answering; its progress is in the store, so any receiver on
// the same database shows it. Jobs and their files are deleted 24 hours after they started.
#pragma once

#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "overview.hpp"
#include "pages.hpp"

namespace kt::receiver::console {

inline constexpr std::int64_t kJobLifetime = 24 * 3600;

/// The running jobs' threads; the destructor asks them to stop and waits.
class JobThreads {
  public:
    JobThreads() = default;
    JobThreads(const JobThreads&) = delete;
    JobThreads& operator=(const JobThreads&) = delete;
    ~JobThreads();
    void start(std::function<void(const std::atomic<bool>& stop)> work);

  private:
    std::mutex m_mutex;
    std::vector<std::thread> m_threads;
    std::atomic<bool> m_stop{false};
};

/// What a job exports: the purpose and the selection's period, wijk and team.
struct JobRequest {
    std::string id, purpose, account, lang;
    Selection selection;
};

/// Runs the job (called on its own thread): reads, builds, writes the files and the ZIP,
/// records progress and the outcome in the store. Never throws.
void run_export_job(Site& site, const JobRequest& request, const std::atomic<bool>& stop);

/// Deletes jobs older than kJobLifetime and their files.
void sweep_jobs(Site& site, std::int64_t now);

/// The export form for the overview (purposes to choose, the selection as hidden fields).
Data export_form(Site& site, const Visit& v, const Selection& s);

/// Writes `files` (names in `dir`) into a new ZIP at `zip` (mode 0600). Errors: io.
Status write_zip(const std::filesystem::path& dir, const std::vector<std::string>& files,
                 const std::filesystem::path& zip);

/// Selection of the overview, or the answer to give instead (no data, refused team).
std::optional<HttpAnswer> monitoring_selection(Site& site, Visit& v, Selection& s);

}  // namespace kt::receiver::console
