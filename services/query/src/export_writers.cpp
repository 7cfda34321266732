#include "export_writers.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace auditrail::query {
namespace {

/// Excel's limit on the characters of one cell.
constexpr std::size_t kMaxCellChars = 32767;
/// Integers Excel (a double) holds exactly.
constexpr std::int64_t kMaxExactNumber = 1LL << 53;

/// The value of an export cell: times in RFC 3339, data as compact JSON, everything else verbatim.
std::string_view CellText(const EventRow& row, std::size_t column, std::string& scratch) {
    if (row.null[column]) return {};
    if (column == kOccurredAt || column == kReceivedAt) {
        scratch.clear();
        AppendRfc3339(scratch, row.value[column]);
        return scratch;
    }
    if (column == kData) {
        scratch.clear();
        AppendCompactJson(scratch, row.value[column]);
        return scratch;
    }
    return row.value[column];
}

class CsvWriter final : public ExportWriter {
public:
    std::string_view ContentType() const override { return "text/csv; charset=utf-8"; }
    std::string_view Extension() const override { return "csv"; }

    void Begin(std::string& out) override {
        for (std::size_t column = 0; column < kExportHeader.size(); ++column) {
            if (column) out.push_back(',');
            out += kExportHeader[column];
        }
        out += "\r\n";
    }

    bool Add(const EventRow& row, std::string& out) override {
        for (std::size_t column = 0; column < kExportHeader.size(); ++column) {
            if (column) out.push_back(',');
            AppendCsvField(out, CellText(row, column, scratch_));
        }
        out += "\r\n";
        ++rows_;
        return true;
    }

private:
    std::string scratch_;
};

class NdjsonWriter final : public ExportWriter {
public:
    std::string_view ContentType() const override { return "application/x-ndjson"; }
    std::string_view Extension() const override { return "ndjson"; }
    void Begin(std::string&) override {}

    bool Add(const EventRow& row, std::string& out) override {
        AppendEventJson(out, row);
        out.push_back('\n');
        ++rows_;
        return true;
    }
};

/// Does `text` start with OOXML's escape of one character, "_x" and four hex digits and "_"?
bool StartsWithXlsxEscape(std::string_view text) {
    const auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    return text.size() >= 7 && text.substr(0, 2) == "_x" && text[6] == '_' &&
           std::all_of(text.begin() + 2, text.begin() + 6, hex);
}

/// Ends a cell whose text was longer than a cell holds, so that a cut value (say half of a JSON object) is never
/// taken for the whole.
constexpr std::string_view kCutNotice =
    " [cut: longer than an Excel cell holds; the CSV and NDJSON exports have it all]";

/// `text` as a string cell must hold it, into `out`: a spreadsheet reads "_xHHHH_" in a cell as the escaped
/// character U+HHHH (libxlsxwriter escapes control characters that way), so a literal one keeps its text by
/// having its underscore escaped ("_x005F_"). Text longer than Excel's cell limit (counted on the result, which is
/// what libxlsxwriter checks) is cut at a UTF-8 character boundary and ends with kCutNotice.
void XlsxCellText(std::string_view text, std::string& out) {
    out.clear();
    std::size_t chars = 0;
    const auto fits = [&chars](std::size_t more) { return chars + more <= kMaxCellChars; };
    std::size_t cut_at = std::string_view::npos;  // out's size where the notice would go
    for (std::size_t i = 0; i < text.size();) {
        const bool escape = StartsWithXlsxEscape(text.substr(i));
        const std::size_t width = escape ? 7 : 1;
        if (cut_at == std::string_view::npos && !fits(width + kCutNotice.size())) cut_at = out.size();
        if (!fits(width)) {
            out.resize(cut_at);
            out += kCutNotice;
            return;
        }
        std::size_t end = i + 1;
        if (escape) {
            out += "_x005F_";
        } else {
            while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
            out.append(text.substr(i, end - i));
        }
        chars += width;
        i = end;
    }
}

class XlsxWriter final : public ExportWriter {
public:
    explicit XlsxWriter(const XlsxSettings& settings) : row_limit_(std::max<std::uint32_t>(settings.row_limit, 2)) {
        const std::string dir =
            settings.tmpdir.empty() ? std::filesystem::temp_directory_path().string() : settings.tmpdir;
        std::string path = dir + "/auditrail-export-XXXXXX.xlsx";
        const int fd = mkstemps(path.data(), 5);
        if (fd < 0) throw std::runtime_error("cannot create a temporary file in " + dir);
        ::close(fd);
        path_ = path;
        tmpdir_ = dir;
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        options.tmpdir = tmpdir_.data();
        options.use_zip64 = LXW_TRUE;
        workbook_ = workbook_new_opt(path_.c_str(), &options);
        if (workbook_) sheet_ = workbook_add_worksheet(workbook_, "events");
        if (!workbook_ || !sheet_) {
            Cleanup();
            throw std::runtime_error("cannot start an xlsx workbook");
        }
    }

    ~XlsxWriter() override { Cleanup(); }

    std::string_view ContentType() const override {
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    std::string_view Extension() const override { return "xlsx"; }

    void Begin(std::string&) override {
        for (std::size_t column = 0; column < kExportHeader.size(); ++column) {
            WriteString(0, column, kExportHeader[column]);
        }
        next_row_ = 1;
    }

    bool Add(const EventRow& row, std::string&) override {
        if (next_row_ + 1 >= row_limit_) {
            WriteString(next_row_, 0,
                        "export stopped: Excel's limit of " + std::to_string(row_limit_) +
                            " rows per sheet was reached; export as csv or ndjson for every event");
            ++next_row_;
            return false;
        }
        for (std::size_t column = 0; column < kExportHeader.size(); ++column) {
            if (row.null[column]) continue;
            if (column == kCustomerId || column == kStoreId) {
                const auto text = row.value[column];
                const std::int64_t value = std::stoll(std::string(text));
                if (value < kMaxExactNumber) {
                    worksheet_write_number(sheet_, next_row_, static_cast<lxw_col_t>(column),
                                           static_cast<double>(value), nullptr);
                    continue;
                }
            }
            WriteString(next_row_, column, CellText(row, column, scratch_));
        }
        ++next_row_;
        ++rows_;
        return true;
    }

    void Finish() override {
        const lxw_error error = workbook_close(workbook_);
        workbook_ = nullptr;
        if (error != LXW_NO_ERROR) {
            throw std::runtime_error(std::string("cannot write the xlsx workbook: ") + lxw_strerror(error));
        }
        file_ = std::fopen(path_.c_str(), "rb");
        std::filesystem::remove(path_);  // the open file stays readable; nothing is left behind
        path_.clear();
        if (!file_) throw std::runtime_error("cannot reopen the xlsx workbook");
    }

    bool Tail(std::string& out, std::size_t max_bytes) override {
        if (!file_) return false;
        const std::size_t start = out.size();
        out.resize(start + max_bytes);
        const std::size_t got = std::fread(out.data() + start, 1, max_bytes, file_);
        out.resize(start + got);
        if (got < max_bytes) {
            std::fclose(file_);
            file_ = nullptr;
            return false;
        }
        return true;
    }

private:
    void WriteString(lxw_row_t row, std::size_t column, std::string_view text) {
        if (text.empty()) return;
        XlsxCellText(text, cell_);
        // worksheet_write_string always writes a string cell: a leading '=' stays text, never a formula.
        worksheet_write_string(sheet_, row, static_cast<lxw_col_t>(column), cell_.c_str(), nullptr);
    }

    void Cleanup() {
        if (workbook_) lxw_workbook_free(workbook_);
        workbook_ = nullptr;
        if (file_) std::fclose(file_);
        file_ = nullptr;
        if (!path_.empty()) {
            std::error_code ignored;
            std::filesystem::remove(path_, ignored);
        }
    }

    std::uint32_t row_limit_;
    std::string path_;
    std::string tmpdir_;
    lxw_workbook* workbook_ = nullptr;
    lxw_worksheet* sheet_ = nullptr;
    std::FILE* file_ = nullptr;
    lxw_row_t next_row_ = 0;
    std::string cell_;
    std::string scratch_;
};

}  // namespace

bool CopyTextParser::Parse(std::string_view line, EventRow& row) {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    std::size_t column = 0;
    std::size_t start = 0;
    for (;;) {
        if (column >= kEventColumnCount) return false;
        std::size_t end = line.find('\t', start);
        if (end == std::string_view::npos) end = line.size();
        const auto field = line.substr(start, end - start);
        row.null[column] = field == "\\N";
        if (row.null[column]) {
            row.value[column] = {};
        } else if (field.find('\\') == std::string_view::npos) {
            row.value[column] = field;
        } else {
            std::string& out = unescaped_[column];
            out.clear();
            for (std::size_t i = 0; i < field.size(); ++i) {
                if (field[i] != '\\' || i + 1 == field.size()) {
                    out.push_back(field[i]);
                    continue;
                }
                const char c = field[++i];
                switch (c) {
                    case 'b':
                        out.push_back('\b');
                        break;
                    case 'f':
                        out.push_back('\f');
                        break;
                    case 'n':
                        out.push_back('\n');
                        break;
                    case 'r':
                        out.push_back('\r');
                        break;
                    case 't':
                        out.push_back('\t');
                        break;
                    case 'v':
                        out.push_back('\v');
                        break;
                    default:
                        out.push_back(c);
                        break;
                }
            }
            row.value[column] = out;
        }
        ++column;
        if (end == line.size()) break;
        start = end + 1;
    }
    return column == kEventColumnCount;
}

void AppendCsvField(std::string& out, std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += value;
        return;
    }
    out.push_back('"');
    for (char c : value) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

std::unique_ptr<ExportWriter> MakeCsvWriter() { return std::make_unique<CsvWriter>(); }
std::unique_ptr<ExportWriter> MakeNdjsonWriter() { return std::make_unique<NdjsonWriter>(); }
std::unique_ptr<ExportWriter> MakeXlsxWriter(const XlsxSettings& settings) {
    return std::make_unique<XlsxWriter>(settings);
}

std::unique_ptr<ExportWriter> MakeExportWriter(ExportFormat format, const XlsxSettings& xlsx) {
    switch (format) {
        case ExportFormat::kNdjson:
            return MakeNdjsonWriter();
        case ExportFormat::kXlsx:
            return MakeXlsxWriter(xlsx);
        case ExportFormat::kCsv:
            break;
    }
    return MakeCsvWriter();
}

}  // namespace auditrail::query
