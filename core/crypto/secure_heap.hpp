// Heap memory that is zeroed when it is freed, for every library that holds record text:
// SQLite (sqlite3_config), ICU (u_setMemoryFunctions) and C++ operator new/delete (replaced
// for every program linking kt_core, KeePassXC's src/core/Alloc.cpp approach). Freed blocks
// would otherwise keep names and notes readable in the process (security-tests.md finding 6,
// T-17). Dear ImGui gets the same functions in app/kiosk/platform/window.cpp.
#pragma once

#include <cstddef>

namespace kt::crypto {

/// malloc that returns memory for zeroing_free. nullptr when out of memory.
void* zeroing_malloc(std::size_t size);
/// realloc whose old block is zeroed before it is released.
void* zeroing_realloc(void* block, std::size_t size);
/// Zeroes the whole block (its usable size) and frees it. nullptr is ignored.
void zeroing_free(void* block);

/// Installs the zeroing allocator in SQLite and ICU. SQLite accepts it only before its first
/// use in the process; returns false when SQLite was used before and so keeps its default
/// allocator. Idempotent. Called by crypto::init().
bool install_zeroing_allocators();

/// True when SQLite allocates through zeroing_malloc in this process.
bool sqlite_uses_zeroing_allocator();

}  // namespace kt::crypto
