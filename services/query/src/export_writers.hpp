#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "event_json.hpp"
#include "search_filter.hpp"

namespace auditrail::query {

/// Splits COPY's text-format output (one line per row, tab-separated, `\N` for NULL, backslash escapes) into
/// EventRows. The views stay valid until the next Parse.
class CopyTextParser {
public:
    /// False when the line does not hold kEventColumnCount fields.
    bool Parse(std::string_view line, EventRow& row);

private:
    std::array<std::string, kEventColumnCount> unescaped_;
};

struct XlsxSettings {
    /// Where the workbook is assembled before it is streamed ("" : the system's temporary directory).
    std::string tmpdir;
    /// Rows per sheet including the header (Excel's limit); the last one says that the export stopped.
    std::uint32_t row_limit = 1048576;
};

/// Turns event rows into one export format, piece by piece, so that memory stays flat.
class ExportWriter {
public:
    virtual ~ExportWriter() = default;
    virtual std::string_view ContentType() const = 0;
    virtual std::string_view Extension() const = 0;
    /// Appends what comes before the rows (a header).
    virtual void Begin(std::string& out) = 0;
    /// Appends one row; false when the writer takes no more rows (the caller then stops the query).
    virtual bool Add(const EventRow& row, std::string& out) = 0;
    /// After the last row.
    virtual void Finish() {}
    /// After Finish: appends up to `max_bytes` of what remains; false once nothing remains.
    virtual bool Tail(std::string& out, std::size_t max_bytes) { return false; }
    /// Rows taken by Add.
    std::uint64_t Rows() const { return rows_; }

protected:
    std::uint64_t rows_ = 0;
};

/// RFC 4180 CSV: header row, CRLF line ends, fields quoted when they hold `,` `"` CR or LF.
std::unique_ptr<ExportWriter> MakeCsvWriter();
/// One event object (as in search) a line.
std::unique_ptr<ExportWriter> MakeNdjsonWriter();
/// An .xlsx workbook through libxlsxwriter's constant-memory mode; text cells are always strings.
/// @throws std::runtime_error when the temporary file cannot be made.
std::unique_ptr<ExportWriter> MakeXlsxWriter(const XlsxSettings& settings);

std::unique_ptr<ExportWriter> MakeExportWriter(ExportFormat format, const XlsxSettings& xlsx);

/// Appends `value` as one CSV field.
void AppendCsvField(std::string& out, std::string_view value);

}  // namespace auditrail::query
