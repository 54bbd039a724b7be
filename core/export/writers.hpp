// The export files: assessments.csv in two dialects, assessments.json with
// schema.json, changes.csv in two dialects. Column names, values and codes are listed in the
// README's "Monitoring export" data dictionary; the JSON uses the CSV's column names as keys.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "export/dataset.hpp"

namespace kt::monitoring {

/// excel_nl: UTF-8 BOM, ';', CRLF (Dutch Excel). comma: ',', no BOM, LF (R, pandas).
/// Both quote per RFC 4180 (a cell with the separator, '"', CR or LF is quoted, '"' doubled).
enum class CsvDialect { excel_nl, comma };

/// Receives output in chunks of about a megabyte; returns false on a write error.
using ChunkSink = std::function<bool(std::string_view)>;

/// The columns of assessments.csv, in order (also the keys of assessments.json).
std::vector<std::string> assessment_columns();
/// The columns of changes.csv, in order.
std::vector<std::string> change_columns();

/// A text cell as a spreadsheet may safely open it: a cell beginning with = + - @, a tab or a
/// CR gets a leading ' (OWASP CSV injection advice). Numbers we write are not passed through.
std::string neutralise_cell(std::string_view text);

/// The file contents, streamed. False when the sink failed.
bool write_assessments_csv(const Dataset& data, CsvDialect dialect, const ChunkSink& sink);
bool write_changes_csv(const Dataset& data, CsvDialect dialect, const ChunkSink& sink);
/// A JSON array with one object per row (values unneutralised: JSON is no spreadsheet; bytes
/// that are not UTF-8 become U+FFFD).
bool write_assessments_json(const Dataset& data, const ChunkSink& sink);
/// The JSON Schema (draft 2020-12) of assessments.json.
std::string assessments_schema_json();

/// The names write_tables writes.
inline constexpr const char* kExportFiles[] = {"assessments.csv",  "assessments_comma.csv",
                                               "assessments.json", "schema.json",
                                               "changes.csv",      "changes_comma.csv"};

/// Writes every file of kExportFiles into `dir` (created with mode 0700 when missing), each
/// mode 0600 and fsynced. Never overwrites: if any of the files exists nothing is written.
/// Errors: already_exists, io, disk_full, read_only (files written so far are removed).
Status write_tables(const Dataset& data, const std::filesystem::path& dir);

}  // namespace kt::monitoring
