// build_dataset's working form of a row (internal to core/export): about 100 bytes, no
// strings, so a million measurements fit in little memory and sort quickly.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "export/dataset.hpp"
#include "export/generalise.hpp"
#include "export/pseudonym.hpp"

namespace kt::monitoring::detail {

struct WorkRow {
    PseudonymBytes pseudonym{};
    std::array<std::uint8_t, 16> uuid_key{};  // BLAKE2b-128 of the assessment uuid
    std::int64_t sealed_at = 0;
    std::int32_t version = 0;
    QuarterIndex quarter = 0;
    std::uint32_t wijk = 0, team = 0;  // ids into the interned names
    std::uint8_t kind = 0, age_band = 0, household = 0;
    bool wijk_generalised = false, year_only = false, dropped = false;
    std::array<std::uint8_t, kDomainCount> levels{};  // 0 = no level
    std::array<LevelReason, kDomainCount> reasons{};
    std::array<std::int8_t, kDomainCount> agrees{};  // -1 not asked, 0 nee, 1 ja
    std::uint16_t goals = 0;                         // bit d: a goal for domain d
    std::array<std::int32_t, 4> network{};
};

/// A pseudonym as two big-endian words: sorts like its hex form without a memcmp call.
struct PseudonymKey {
    std::uint64_t high = 0;
    std::uint32_t low = 0;
    auto operator<=>(const PseudonymKey&) const = default;
};
PseudonymKey pseudonym_key(const PseudonymBytes& p);

/// The quasi-identifier class of a row as one number: age band, household, wijk, team and
/// period (a quarter, or the year when generalised).
std::uint64_t class_key(const WorkRow& row, std::uint32_t whole_municipality);

/// Local recoding to k distinct pseudonyms per class: rows in smaller classes get the wijk
/// "gemeente", then the year instead of the quarter, then are dropped. Counts in `report`.
void enforce_k(std::vector<WorkRow>& rows, int k, std::uint32_t whole_municipality,
               ExportReport& report);

/// Per final class and sensitive domain: fewer than l distinct levels → those levels blanked
/// with LevelReason::l_diversity. Dropped rows are ignored.
void enforce_l(std::vector<WorkRow>& rows, int l, std::uint32_t whole_municipality,
               ExportReport& report);

}  // namespace kt::monitoring::detail

namespace kt::monitoring::detail {

/// Interned wijk or team names: one id per distinct name.
class Names {
  public:
    std::uint32_t intern(const std::string& name);
    /// The id of `name`, or nullopt when no row holds it.
    std::optional<std::uint32_t> find(const std::string& name) const;
    const std::string& name(std::uint32_t id) const { return m_names[id]; }
    std::size_t size() const { return m_names.size(); }

  private:
    std::unordered_map<std::string, std::uint32_t> m_ids;
    std::vector<std::string> m_names;
};

/// The kinds in their written form; kind_code gives nullopt for anything else.
std::optional<std::uint8_t> kind_code(std::string_view kind);
std::string_view kind_name(std::uint8_t code);

/// A measurement's working row with its pseudonym: generalised, levels checked (a level
/// outside 1..5 counts as missing). Names are interned into `wijken` and `teams`.
WorkRow to_work_row(const Measurement& m, std::uint8_t kind, const PseudonymBytes& pseudonym,
                    Names& wijken, Names& teams);

/// The pseudonym of a client, the HMAC computed once per run of the same client (sources give
/// a client's measurements together, so most rows need none).
class PseudonymCache {
  public:
    explicit PseudonymCache(const Pseudonymiser& p) : m_pseudonyms(p) {}
    const PseudonymBytes& of(const std::string& client_ref) {
        if (!m_valid || client_ref != m_client) {
            m_bytes = m_pseudonyms.bytes(client_ref);
            m_client.assign(client_ref);
            m_valid = true;
        }
        return m_bytes;
    }
    ~PseudonymCache() { m_client.assign(m_client.size(), '\0'); }
    PseudonymCache(const PseudonymCache&) = delete;
    PseudonymCache& operator=(const PseudonymCache&) = delete;

  private:
    const Pseudonymiser& m_pseudonyms;
    std::string m_client;
    PseudonymBytes m_bytes{};
    bool m_valid = false;
};

/// The exported form of a working row.
ExportRow to_export_row(const WorkRow& row, const Names& wijken, const Names& teams);

}  // namespace kt::monitoring::detail
