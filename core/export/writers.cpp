// write_tables: the export files in a private directory, never overwriting anything.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <iterator>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "export/writers.hpp"
#include "util/files.hpp"

namespace kt::monitoring {

namespace fs = std::filesystem;

namespace {

Error errno_error(const char* what) {
    const int err = errno;
    return make_error(error_code_from_errno(err),
                      std::string(what) + " failed: errno " + std::to_string(err));
}

Status ensure_dir(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_directory(dir, ec)) return {};
    if (::mkdir(dir.c_str(), 0700) != 0) return errno_error("creating the export directory");
    return {};
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(std::size_t(n));
    }
    return true;
}

// Creates `path` (O_EXCL, 0600), lets `produce` stream into it, fsyncs it.
Status write_new_file(const fs::path& path, const std::function<bool(const ChunkSink&)>& produce) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return make_error(ErrorCode::already_exists, "an export file exists");
        return errno_error("creating an export file");
    }
    const bool ok = produce([fd](std::string_view chunk) { return write_all(fd, chunk); });
    Status st = ok && ::fsync(fd) == 0 ? Status() : Status(errno_error("writing an export file"));
    ::close(fd);
    return st;
}

Status write_one(const Dataset& data, const fs::path& dir, std::string_view name) {
    const fs::path path = dir / std::string(name);
    if (name == "assessments.csv" || name == "assessments_comma.csv") {
        const auto d = name == "assessments.csv" ? CsvDialect::excel_nl : CsvDialect::comma;
        return write_new_file(
            path, [&](const ChunkSink& s) { return write_assessments_csv(data, d, s); });
    }
    if (name == "changes.csv" || name == "changes_comma.csv") {
        const auto d = name == "changes.csv" ? CsvDialect::excel_nl : CsvDialect::comma;
        return write_new_file(path,
                              [&](const ChunkSink& s) { return write_changes_csv(data, d, s); });
    }
    if (name == "assessments.json")
        return write_new_file(path,
                              [&](const ChunkSink& s) { return write_assessments_json(data, s); });
    return write_new_file(path, [](const ChunkSink& s) { return s(assessments_schema_json()); });
}

// The files by expected cost, largest first: two writers take the next one as they finish,
// so neither waits long for the other (assessments.json is about half of the bytes).
constexpr const char* kByCost[] = {"assessments.json", "changes.csv",           "changes_comma.csv",
                                   "assessments.csv",  "assessments_comma.csv", "schema.json"};
static_assert(std::size(kByCost) == std::size(kExportFiles));

// The files both writers share: the next to take, what was written, the first failure.
class FileQueue {
  public:
    std::optional<std::string_view> next() {
        std::lock_guard lock(m_mutex);
        if (m_failed || m_next == std::size(kByCost)) return std::nullopt;
        return kByCost[m_next++];
    }
    void done(const fs::path& path, Status status) {
        std::lock_guard lock(m_mutex);
        if (status) {
            m_written.push_back(path);
            return;
        }
        // A file that exists already is not ours to remove.
        if (status.error().code != ErrorCode::already_exists) m_written.push_back(path);
        if (!m_failed) m_failed = std::move(status);
    }
    // After both writers: the first failure, with every file of this run removed.
    Status finish() {
        if (!m_failed) return {};
        std::error_code ec;
        for (const fs::path& p : m_written)
            fs::remove(p, ec);
        return *m_failed;
    }

  private:
    std::mutex m_mutex;
    std::size_t m_next = 0;
    std::vector<fs::path> m_written;
    std::optional<Status> m_failed;
};

void writer(const Dataset& data, const fs::path& dir, FileQueue& queue) {
    while (const auto name = queue.next())
        queue.done(dir / std::string(*name), write_one(data, dir, *name));
}

}  // namespace

Status write_tables(const Dataset& data, const fs::path& dir) {
    if (Status st = ensure_dir(dir); !st) return st;
    std::error_code ec;
    for (const char* name : kExportFiles)
        if (fs::exists(dir / name, ec) || fs::is_symlink(dir / name, ec))
            return make_error(ErrorCode::already_exists, "an export file exists in the directory");
    FileQueue queue;
    std::thread second([&] { writer(data, dir, queue); });
    writer(data, dir, queue);
    second.join();
    if (Status st = queue.finish(); !st) return st;
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

}  // namespace kt::monitoring
