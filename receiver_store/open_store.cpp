#include "crypto/secret.hpp"
#include "postgres_backend.hpp"
#include "sql_store.hpp"
#include "sqlite_backend.hpp"
#include "store.hpp"

namespace kt::receiver {

Result<std::unique_ptr<Store>> open_store(const StoreConfig& config) {
    const bool postgres = !config.postgres_conninfo.empty();
    if (!postgres) {
        // Best effort: zeroing allocators for SQLite before its first use (false once SQLite
        // ran already, which a second store in one process does not change).
        (void)crypto::init();
    }
    auto source = postgres
                      ? open_postgres_source(config.postgres_conninfo, config.postgres_pool_size)
                      : open_sqlite_source(config.sqlite_path, config.sqlite_key_file);
    if (!source) return source.error();
    auto store = std::make_unique<SqlStore>(std::move(source.value()),
                                            postgres ? postgres_dialect() : sqlite_dialect());
    if (auto s = store->migrate(); !s) return s.error();
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kt::receiver
