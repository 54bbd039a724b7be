// Where `export --from` reads and `synth --out` writes: a vault file, a receiver's data dir or
// a PostgreSQL database of the receiver's store. The receiver's store is an app library
// (kt_receiver_store), so its monitoring source lives here and not in core.
#pragma once

#include <memory>
#include <string>

#include "export/measurement.hpp"
#include "receiver_store/monitoring_source.hpp"
#include "receiver_store/store.hpp"

namespace kt::cli {

enum class TargetKind { vault, receiver_dir, postgres };

struct StoreTarget {
    TargetKind kind = TargetKind::vault;
    std::string where;  // the vault path, the data dir, or the libpq conninfo (a URI)
};

/// "vault:PATH", "receiver:DIR", "postgresql://..." or "postgres://...". Errors: usage.
Result<StoreTarget> parse_target(const std::string& text);

/// The receiver's store of a receiver target: DIR/config.json's database (SQLite in DIR when
/// it has none or there is no config.json), or the conninfo. With `create`, an absent or empty
/// DIR becomes a new SQLite store (DIR/receiver.db, key in DIR/keys/store.key, mode 0700);
/// without it, a SQLite store that does not exist is not_found (never an empty new one).
/// Errors: usage (a vault target, a bad config.json), not_found, the store's open errors.
Result<std::unique_ptr<receiver::Store>> open_receiver_store(const StoreTarget& target,
                                                             bool create);

/// The store's monitoring source (shared with the console's export jobs).
using receiver::fill_measurement;
using receiver::store_source;

}  // namespace kt::cli
