// The 13 domain rows of an assessment packed into four text columns of its assessments row
// (schema version 2), so the export reads one row per assessment. Internal to
// kt_receiver_store. One character per domain in ZRM matrix order:
//   levels  '0' no level, '1'..'5' the level
//   agrees  '-' not asked, '0' no, '1' yes
//   goals   '0' / '1'
// and `reasons` holds the 13 unscored reasons joined by '|', each with '%' written "%25" and
// '|' written "%7C" (so any text round-trips).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store.hpp"

namespace kt::receiver {

struct PackedDomains {
    std::string levels, agrees, goals, reasons;
};

/// `domains` must be valid (validate_structured): each of the 13 ids once, in any order.
PackedDomains pack_domains(const std::vector<DomainRow>& domains);

/// The 13 rows in matrix order. Errors: invalid_state (a column of the wrong form).
Result<std::vector<DomainRow>> unpack_domains(std::string_view levels, std::string_view agrees,
                                              std::string_view goals, std::string_view reasons);

/// SQL that packs the v1 assessment_domains rows of `assessments` into the four columns (the
/// migration to schema version 2; the same text for SQLite and PostgreSQL).
std::string pack_domains_sql();

}  // namespace kt::receiver
