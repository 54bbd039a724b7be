#include "crypto/secure_heap.hpp"

#include <malloc.h>
#include <sqlite3.h>
#include <unicode/uclean.h>

#include <climits>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>

namespace kt::crypto {

void* zeroing_malloc(std::size_t size) {
    return std::malloc(size == 0 ? 1 : size);
}

void zeroing_free(void* block) {
    if (block == nullptr) return;
    // explicit_bzero is not optimised away, unlike a memset before free.
    explicit_bzero(block, malloc_usable_size(block));
    std::free(block);
}

void* zeroing_realloc(void* block, std::size_t size) {
    if (block == nullptr) return zeroing_malloc(size);
    const std::size_t have = malloc_usable_size(block);
    if (size <= have) return block;  // shrinking in place: the tail is zeroed at free
    void* grown = zeroing_malloc(size);
    if (grown == nullptr) return nullptr;
    std::memcpy(grown, block, have);
    zeroing_free(block);
    return grown;
}

namespace {

// ---- SQLite (sqlite3_mem_methods) ----

void* sqlite_malloc(int n) {
    return n <= 0 ? nullptr : zeroing_malloc(static_cast<std::size_t>(n));
}
void sqlite_free(void* p) {
    zeroing_free(p);
}
void* sqlite_realloc(void* p, int n) {
    return n <= 0 ? nullptr : zeroing_realloc(p, static_cast<std::size_t>(n));
}
int sqlite_size(void* p) {
    const std::size_t n = p ? malloc_usable_size(p) : 0;
    return n > INT_MAX ? INT_MAX : static_cast<int>(n);
}
int sqlite_roundup(int n) {
    return (n + 7) & ~7;
}
int sqlite_init(void*) {
    return SQLITE_OK;
}
void sqlite_shutdown(void*) {}

const sqlite3_mem_methods kSqliteMethods = {sqlite_malloc,   sqlite_free,    sqlite_realloc,
                                            sqlite_size,     sqlite_roundup, sqlite_init,
                                            sqlite_shutdown, nullptr};

// ---- ICU (UMemAllocFn & co.) ----

void* U_CALLCONV icu_alloc(const void*, size_t n) {
    return zeroing_malloc(n);
}
void* U_CALLCONV icu_realloc(const void*, void* p, size_t n) {
    return zeroing_realloc(p, n);
}
void U_CALLCONV icu_free(const void*, void* p) {
    zeroing_free(p);
}

std::mutex g_install_mutex;
bool g_sqlite_installed = false;

}  // namespace

bool install_zeroing_allocators() {
    std::lock_guard<std::mutex> lock(g_install_mutex);
    // ICU's functions may be swapped at any time: blocks from before are plain malloc
    // blocks, which zeroing_free releases correctly too.
    UErrorCode status = U_ZERO_ERROR;
    u_setMemoryFunctions(nullptr, icu_alloc, icu_realloc, icu_free, &status);
    if (!g_sqlite_installed)
        g_sqlite_installed = sqlite3_config(SQLITE_CONFIG_MALLOC, &kSqliteMethods) == SQLITE_OK;
    return g_sqlite_installed && U_SUCCESS(status);
}

bool sqlite_uses_zeroing_allocator() {
    std::lock_guard<std::mutex> lock(g_install_mutex);
    return g_sqlite_installed;
}

}  // namespace kt::crypto

// ---- C++ operator new/delete for the whole program ----
// Every std::string holding a name ends here when it dies, so this is what keeps the
// record text of a locked session out of freed heap blocks.

void* operator new(std::size_t size) {
    if (void* p = kt::crypto::zeroing_malloc(size)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
    return ::operator new(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    return kt::crypto::zeroing_malloc(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    return kt::crypto::zeroing_malloc(size);
}
void* operator new(std::size_t size, std::align_val_t align) {
    const auto a = static_cast<std::size_t>(align);
    if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size, std::align_val_t align) {
    return ::operator new(size, align);
}
void operator delete(void* p) noexcept {
    kt::crypto::zeroing_free(p);
}
void operator delete[](void* p) noexcept {
    kt::crypto::zeroing_free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    kt::crypto::zeroing_free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    kt::crypto::zeroing_free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
    kt::crypto::zeroing_free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
    kt::crypto::zeroing_free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
    kt::crypto::zeroing_free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
    kt::crypto::zeroing_free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
    kt::crypto::zeroing_free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    kt::crypto::zeroing_free(p);
}
