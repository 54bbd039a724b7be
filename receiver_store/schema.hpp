// Each backend's DDL for the same schema, as ordered patches (patch i makes version i + 1).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace kt::receiver {

struct Dialect {
    /// Statement run first inside the migration transaction to keep other processes out
    /// (empty when BEGIN already does, as SQLite's BEGIN IMMEDIATE).
    std::string_view migrate_lock;
    std::string_view version_table;
    std::vector<std::string_view> patches;
    /// The most parameters one statement may bind (SQLCipher's SQLite: 999; PostgreSQL: 65535).
    std::size_t max_params = 999;
    /// Whether WITH may hold UPDATE and INSERT (PostgreSQL): a submission is then stored in
    /// one statement, one round trip, instead of a transaction of five.
    bool modifying_with = false;
};

const Dialect& sqlite_dialect();
const Dialect& postgres_dialect();

}  // namespace kt::receiver
