#include "support/test_support.hpp"

#include "store/demo_data.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sodium.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>

#include "crypto/secret.hpp"

extern char** environ;

namespace kt::test {

namespace {
// Before any test touches SQLite: the zeroing allocators can only be installed first
// (crypto::init), exactly as the kiosk and the CLI do at start.
const bool g_security_initialised = crypto::init();
}  // namespace

bool security_initialised() {
    return g_security_initialised;
}

// ---- TempDir ----

TempDir::TempDir() {
    (void)crypto::init();
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/kt-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) FAIL("mkdtemp failed for " << pattern);
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

std::set<std::string> TempDir::entries() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(m_path))
        out.insert(e.path().filename().string());
    return out;
}

// ---- Programs ----

namespace {

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// Reads both pipes until each reaches EOF, so a child filling one pipe never blocks.
void drain(int out_fd, int err_fd, std::string& out, std::string& err) {
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&out, &err};
    int open_count = 2;
    while (open_count > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            FAIL("poll failed");
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            char buf[4096];
            const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[i]->append(buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                --open_count;
            }
        }
    }
}

}  // namespace

ProcessResult run_program(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env,
                          const fs::path& stdin_file) {
    REQUIRE(!args.empty());
    const std::string program =
        args[0].front() == '/' ? args[0] : std::string(KT_BIN_DIR) + "/" + args[0];
    std::map<std::string, std::string> vars;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string kv = *e;
        const auto eq = kv.find('=');
        if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    vars["KEUKENTAFEL_DATA_DIR"] = i18n_dir().parent_path().string();
    for (const auto& [k, v] : env)
        vars[k] = v;
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : vars)
        env_strings.push_back(k + "=" + v);
    std::vector<char*> envp, argv;
    for (auto& s : env_strings)
        envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> arg_copy = args;
    arg_copy[0] = program;
    for (auto& s : arg_copy)
        argv.push_back(s.data());
    argv.push_back(nullptr);

    int out_pipe[2], err_pipe[2];
    REQUIRE(::pipe2(out_pipe, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(err_pipe, O_CLOEXEC) == 0);
    Fd out_r{out_pipe[0]}, out_w{out_pipe[1]}, err_r{err_pipe[0]}, err_w{err_pipe[1]};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, stdin_file.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_w.fd, 1);
    posix_spawn_file_actions_adddup2(&actions, err_w.fd, 2);
    pid_t pid = 0;
    const int rc =
        ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
    ::close(std::exchange(out_w.fd, -1));
    ::close(std::exchange(err_w.fd, -1));
    ProcessResult r;
    drain(out_r.fd, err_r.fd, r.out, r.err);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        REQUIRE(errno == EINTR);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

void use_fast_kdf_for_children() {
    ::setenv("KEUKENTAFEL_TEST_FAST_KDF", "1", 1);
}

// ---- Files ----

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) FAIL("cannot read " << path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_bytes(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) FAIL("cannot write " << path);
}

std::string file_sha256(const fs::path& path) {
    const std::string bytes = read_bytes(path);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[2 * sizeof digest + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

std::string random_bytes(std::size_t n) {
    (void)crypto::init();
    std::string out(n, '\0');
    randombytes_buf(out.data(), out.size());
    return out;
}

// ---- Marker search ----

namespace {

std::string utf8_of(UChar32 cp) {
    std::string out;
    icu::UnicodeString(cp).toUTF8String(out);
    return out;
}

std::string utf16le_of(UChar32 cp) {
    const icu::UnicodeString s(cp);
    std::string out;
    for (int32_t i = 0; i < s.length(); ++i) {
        out.push_back(static_cast<char>(s.charAt(i) & 0xFF));
        out.push_back(static_cast<char>(s.charAt(i) >> 8));
    }
    return out;
}

// Each code point of the marker as the set of its case variants, in one encoding.
using Pattern = std::vector<std::set<std::string>>;

Pattern make_pattern(std::string_view marker, std::string (*encode)(UChar32)) {
    const auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(marker.data(), marker.size()));
    Pattern p;
    for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
        const UChar32 cp = text.char32At(i);
        p.push_back(
            {encode(cp), encode(u_tolower(cp)), encode(u_toupper(cp)), encode(u_totitle(cp))});
    }
    return p;
}

// UTF-8 and UTF-16 are prefix-free, so at most one variant matches at a position.
std::size_t count_pattern(std::string_view bytes, const Pattern& p) {
    std::size_t count = 0;
    for (std::size_t start = 0; start < bytes.size();) {
        std::size_t pos = start;
        bool ok = !p.empty();
        for (const auto& variants : p) {
            bool hit = false;
            for (const auto& v : variants) {
                if (bytes.compare(pos, v.size(), v) == 0) {
                    pos += v.size();
                    hit = true;
                    break;
                }
            }
            if (!hit) {
                ok = false;
                break;
            }
        }
        if (ok) {
            ++count;
            start = pos;
        } else {
            ++start;
        }
    }
    return count;
}

}  // namespace

std::size_t count_in_bytes(std::string_view bytes, std::string_view marker_utf8) {
    return count_pattern(bytes, make_pattern(marker_utf8, utf8_of)) +
           count_pattern(bytes, make_pattern(marker_utf8, utf16le_of));
}

std::size_t count_occurrences(const fs::path& file, std::string_view marker_utf8) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return 0;
    return count_in_bytes(read_bytes(file), marker_utf8);
}

// ---- Vaults and databases ----

store::Vault create_test_vault(const fs::path& path, std::string_view passphrase) {
    REQUIRE(crypto::init());
    auto v = store::Vault::create(path, passphrase, crypto::KdfParams::test_fast());
    if (!v) FAIL("creating a test vault failed: " << v.error().detail);
    return std::move(v).value();
}

fs::path create_demo_vault(const fs::path& path, std::string_view passphrase) {
    auto v = create_test_vault(path, passphrase);
    REQUIRE(store::fill_demo(v, 1'790'000'000).ok());
    return path;
}

void create_plain_sqlite(const fs::path& path, const std::vector<std::string>& texts) {
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, flags, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> guard(db, sqlite3_close);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE note (text TEXT NOT NULL)", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    for (const auto& t : texts) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO note VALUES (?)", -1, &st, nullptr) ==
                SQLITE_OK);
        sqlite3_bind_text(st, 1, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
        const int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        REQUIRE(rc == SQLITE_DONE);
    }
}

// ---- Bundles ----

namespace {

void walk_keys(UResourceBundle* table, const std::string& prefix, std::set<std::string>& out) {
    ures_resetIterator(table);
    while (ures_hasNext(table)) {
        UErrorCode st = U_ZERO_ERROR;
        UResourceBundle* child = ures_getNextResource(table, nullptr, &st);
        if (U_FAILURE(st)) return;
        const std::string path =
            prefix.empty() ? ures_getKey(child) : prefix + "." + ures_getKey(child);
        if (ures_getType(child) == URES_TABLE)
            walk_keys(child, path, out);
        else
            out.insert(path);
        ures_close(child);
    }
}

}  // namespace

std::set<std::string> bundle_keys(const fs::path& dir, const std::string& name) {
    UErrorCode st = U_ZERO_ERROR;
    const std::string base = dir.string() + "/";
    UResourceBundle* b = ures_openDirect(base.c_str(), name.c_str(), &st);
    if (U_FAILURE(st) || b == nullptr) FAIL("no compiled bundle " << name << " in " << dir);
    std::set<std::string> out;
    walk_keys(b, "", out);
    ures_close(b);
    return out;
}

fs::path i18n_dir() {
    return KT_I18N_DIR;
}

const std::vector<std::string>& demo_markers() {
    static const std::vector<std::string> markers = {"IJsbrand", "Wójcik", "Yılmaz", "Özlem"};
    return markers;
}

}  // namespace kt::test
