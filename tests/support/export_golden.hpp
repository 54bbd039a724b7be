// The export's golden outputs: a fixed synthetic population, a fixed secret and purpose, and
// the SHA-256 of every file the export wrote for them before its speed-up. The report test
// (in process, every file) and the CLI test (through the receiver's store, SQLite and
// PostgreSQL) compare against the same list, so an optimisation that changes one byte fails.
// KT_GOLDEN_PRINT=1 prints the list a run computed (to regenerate it after a deliberate change
// of the output, which then needs saying in the commit).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "export/synthetic.hpp"
#include "support/test_support.hpp"

namespace kt::test::golden {

/// 3 000 clients in 8 wijken with 3 measurements each: k-anonymity generalises and
/// suppresses, l-diversity blanks, some assessments were reopened.
inline monitoring::SynthOptions population() {
    monitoring::SynthOptions o;
    o.clients = 3000;
    o.wijken = 8;
    o.measurements = 3;
    o.seed = 17;
    return o;
}

inline constexpr const char* kPurpose = "golden-2026";
/// 48 bytes: the pseudonyms' secret.
inline constexpr const char* kSecret = "keukentafel golden export secret, 48 bytes long!";
/// "Gemaakt op" of the in-process report: 2026-12-04 12:00 UTC.
inline constexpr std::int64_t kReportTime = 1796385600;

/// The expected SHA-256 of every file, by path relative to the export directory.
inline const std::map<std::string, std::string>& expected() {
    static const std::map<std::string, std::string> files = {
#include "support/export_golden.inc"
    };
    return files;
}

/// SHA-256 of every regular file under `dir`, by relative path.
inline std::map<std::string, std::string> hashes(const std::filesystem::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& f : std::filesystem::recursive_directory_iterator(dir))
        if (f.is_regular_file())
            out[std::filesystem::relative(f.path(), dir).generic_string()] = file_sha256(f.path());
    if (const char* print = std::getenv("KT_GOLDEN_PRINT"); print && std::string(print) == "1")
        for (const auto& [name, sha] : out)
            std::printf("{\"%s\", \"%s\"},\n", name.c_str(), sha.c_str());
    return out;
}

}  // namespace kt::test::golden
