// Making a new vault so that a crash at any moment leaves either nothing or a complete vault:
// the vault and its key file are built under temporary names beside the target, then linked
// into place without ever replacing a file (the key file first, the vault file last: the
// vault's name appearing is the moment it exists). A crash in between leaves the temporary
// files, which the next start finds: what was not linked yet is undone. The same path serves
// the kiosk's first run, keukentafel-cli init and demo.
#pragma once

#include <filesystem>

#include "store/vault.hpp"
#include "util/result.hpp"

namespace kt::store {

/// What is at a vault's place.
enum class VaultPresence {
    none,               // neither the vault nor its key file: a first run may make one
    complete,           // both files
    key_without_vault,  // only "<vault>.key": never replaced, the worker is told
    vault_without_key,  // only the vault: it cannot be opened, and is never replaced
};

/// Looks at the two files (after recover_interrupted_create). Touches nothing.
VaultPresence vault_presence(const std::filesystem::path& vault);

/// Undoes what an interrupted create left behind: the temporary vault and key file, and a key
/// file that was linked into place from them before the vault was (it is the same file, so it
/// is known to be ours). Never removes a vault, or a key file that is not the temporary one.
/// Errors: io, read_only.
Status recover_interrupted_create(const std::filesystem::path& vault);

/// Vault::create without opening the result: returns the new vault's data key (for a session
/// that keeps it for the PIN). Same guarantees and errors as Vault::create.
Result<crypto::SecretBytes> create_vault_files(const std::filesystem::path& vault,
                                               std::string_view passphrase,
                                               const crypto::KdfParams& params,
                                               const Vault::Fill& fill = {});

/// The temporary name of a vault being made.
std::filesystem::path pending_vault_path(const std::filesystem::path& vault);

}  // namespace kt::store
