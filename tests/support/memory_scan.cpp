#include "support/memory_scan.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "store/clients.hpp"
#include "store/vault.hpp"

namespace kt::test {

namespace {

constexpr std::uint8_t kMask = 0xA5;
constexpr std::size_t kChunk = 1u << 20;

struct Region {
    std::uintptr_t start = 0, end = 0;
};

std::vector<Region> writable_regions() {
    std::ifstream maps("/proc/self/maps");
    std::vector<Region> out;
    std::string line;
    while (std::getline(maps, line)) {
        std::istringstream in(line);
        std::string range, perms, offset, dev, inode, name;
        in >> range >> perms >> offset >> dev >> inode;
        std::getline(in, name);
        if (perms.size() < 2 || perms[0] != 'r' || perms[1] != 'w') continue;
        if (name.find("[stack]") != std::string::npos || name.find("[vvar") != std::string::npos ||
            name.find("[vsyscall]") != std::string::npos)
            continue;
        Region r;
        r.start = std::stoull(range.substr(0, range.find('-')), nullptr, 16);
        r.end = std::stoull(range.substr(range.find('-') + 1), nullptr, 16);
        out.push_back(r);
    }
    return out;
}

}  // namespace

Needle Needle::of(const std::uint8_t* bytes, std::size_t n) {
    Needle x;
    x.m_masked.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        x.m_masked[i] = bytes[i] ^ kMask;
    return x;
}

Needle Needle::utf16le() const {
    Needle x;
    for (const auto b : m_masked) {
        x.m_masked.push_back(b);
        x.m_masked.push_back(0 ^ kMask);
    }
    return x;
}

Needle Needle::hex() const {
    static const char* digits = "0123456789abcdef";
    Needle x;
    for (const auto b : m_masked) {
        const std::uint8_t v = b ^ kMask;
        x.m_masked.push_back(static_cast<std::uint8_t>(digits[v >> 4]) ^ kMask);
        x.m_masked.push_back(static_cast<std::uint8_t>(digits[v & 0xF]) ^ kMask);
    }
    return x;
}

std::vector<std::size_t> count_in_own_memory(const std::vector<Needle>& needles) {
    std::vector<std::size_t> hits(needles.size(), 0);
    std::size_t longest = 0;
    for (const auto& n : needles)
        longest = std::max(longest, n.size());
    // The buffer is a fresh private mapping, skipped below: copies of what we scan are not
    // counted twice.
    auto* buf = static_cast<std::uint8_t*>(::mmap(nullptr, kChunk + longest, PROT_READ | PROT_WRITE,
                                                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (buf == MAP_FAILED) return hits;
    const auto self = reinterpret_cast<std::uintptr_t>(buf);
    const int mem = ::open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
    for (const auto& r : writable_regions()) {
        if (r.start <= self && self < r.end) continue;
        for (std::uintptr_t at = r.start; at < r.end; at += kChunk) {
            const std::size_t want = std::min<std::uintptr_t>(kChunk + longest, r.end - at);
            const ssize_t got = ::pread(mem, buf, want, static_cast<off_t>(at));
            if (got <= 0) break;
            const std::size_t n = static_cast<std::size_t>(got);
            const std::size_t limit = std::min(n, kChunk);  // starts within this chunk only
            for (std::size_t k = 0; k < needles.size(); ++k) {
                const auto& m = needles[k].m_masked;
                if (m.empty() || n < m.size()) continue;
                for (std::size_t i = 0; i < limit && i + m.size() <= n; ++i) {
                    if ((buf[i] ^ kMask) != m[0]) continue;
                    std::size_t j = 1;
                    while (j < m.size() && (buf[i + j] ^ kMask) == m[j])
                        ++j;
                    hits[k] += j == m.size();
                }
            }
        }
    }
    if (mem >= 0) ::close(mem);
    ::munmap(buf, kChunk + longest);
    return hits;
}

ScrubReport run_scrub_scenario(const std::filesystem::path& dir) {
    ScrubReport report;
    const std::string pass = "Geheugen wissen 2026";
    std::vector<Needle> markers;
    std::vector<Needle> needles;
    {
        auto created = store::Vault::create(dir / "v.ktv", pass, crypto::KdfParams::test_fast());
        if (!created) return report;
        auto dek = store::Vault::unlock_data_key(dir / "v.ktv", pass);
        if (!dek) return report;
        const Needle key = Needle::of(dek->data(), dek->size());
        needles = {key, key.hex()};
        // 20 markers in two fields of ten clients, built from random hex so no copy of them
        // exists anywhere before they are stored (std::strings longer than the SSO buffer).
        for (int i = 0; i < 10; ++i) {
            model::Client c;
            unsigned char r[8];
            randombytes_buf(r, sizeof r);
            c.given_name = "Geheugenmarkeer-voornaam-";
            c.family_name = "Geheugenmarkeer-achternaam-";
            for (const unsigned char b : r) {
                c.given_name += "0123456789abcdef"[b >> 4];
                c.family_name += "0123456789abcdef"[b & 0xF];
                c.family_name += "0123456789abcdef"[b >> 4];
            }
            markers.push_back(Needle::of(c.given_name));
            markers.push_back(Needle::of(c.family_name));
            if (!store::add_client(created->db(), c, 1000 + i)) return report;
            sodium_memzero(c.given_name.data(), c.given_name.size());
            sodium_memzero(c.family_name.data(), c.family_name.size());
        }
        created->close();
        auto v = store::Vault::open_with_data_key(dir / "v.ktv", dek.value());
        if (!v) return report;
        auto list = store::list_clients(v->db());  // read back: page cache and strings
        if (!list || list->size() != 10) return report;
        for (const auto& c : list.value())
            if (!store::get_client(v->db(), c.id)) return report;
    }  // the vault closes, every string dies, the data key's memory is wiped and freed
    for (const auto& m : markers) {
        needles.push_back(m);
        needles.push_back(m.utf16le());
    }
    const auto hits = count_in_own_memory(needles);
    report.dek = hits[0];
    report.hex_key = hits[1];
    for (std::size_t i = 2; i < hits.size(); ++i)
        report.markers += hits[i];
    report.marker_count = markers.size();
    report.ok = true;
    return report;
}

}  // namespace kt::test
