// The client's copy of a sealed assessment: an A4 PDF in the client's language with the chart,
// the levels in plain words, the client's own view, goals, network, both signatures and the
// seal code, drawn from the view model present::ClientCopy. Written only to the path asked
// for, never over a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "present/client_copy.hpp"

namespace kt::report {

using present::ClientCopy;
using present::CopyDomain;
using present::CopySignature;

/// The PDF bytes of a copy: A4 pages, fonts embedded. Errors: internal (cairo failed).
Result<std::string> render_pdf(const ClientCopy& copy, std::int64_t now);

/// Writes the copy as PDF to `out` and nowhere else: the bytes are made in memory, written to
/// "<out>.tmp" beside it, synced and renamed to `out` only if no file is there (never
/// overwritten; nothing is drawn for a path already taken).
/// Errors: already_exists (a file at `out`), not_found (no such folder), io, disk_full,
/// read_only, internal.
Status write_client_copy(const ClientCopy& copy, const std::filesystem::path& out,
                         std::int64_t now);

}  // namespace kt::report
