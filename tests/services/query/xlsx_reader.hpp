#pragma once

// Just enough of ZIP and SpreadsheetML to read an exported workbook back in tests.
#include <zlib.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::test {

inline std::uint64_t LittleEndian(std::string_view data, std::size_t at, int bytes) {
    if (at + bytes > data.size()) throw std::runtime_error("zip: truncated");
    std::uint64_t value = 0;
    for (int i = bytes - 1; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(data[at + i]);
    return value;
}

/// The uncompressed content of `name` in the zip archive `zip` (stored or deflated, ZIP64 sizes too).
inline std::string ReadZipEntry(std::string_view zip, std::string_view name) {
    const auto end = zip.rfind(std::string_view("PK\x05\x06", 4));
    if (end == std::string_view::npos) throw std::runtime_error("zip: no end of central directory");
    std::uint64_t entries = LittleEndian(zip, end + 10, 2);
    std::uint64_t at = LittleEndian(zip, end + 16, 4);
    if (at == 0xFFFFFFFFu || entries == 0xFFFF) {
        const auto locator = zip.rfind(std::string_view("PK\x06\x06", 4));
        if (locator == std::string_view::npos) throw std::runtime_error("zip: no zip64 end record");
        entries = LittleEndian(zip, locator + 32, 8);
        at = LittleEndian(zip, locator + 48, 8);
    }
    for (std::uint64_t i = 0; i < entries; ++i) {
        if (LittleEndian(zip, at, 4) != 0x02014b50) throw std::runtime_error("zip: bad central directory");
        const auto method = LittleEndian(zip, at + 10, 2);
        std::uint64_t compressed = LittleEndian(zip, at + 20, 4);
        std::uint64_t size = LittleEndian(zip, at + 24, 4);
        const auto name_length = LittleEndian(zip, at + 28, 2);
        const auto extra_length = LittleEndian(zip, at + 30, 2);
        const auto comment_length = LittleEndian(zip, at + 32, 2);
        std::uint64_t local = LittleEndian(zip, at + 42, 4);
        const auto entry_name = zip.substr(at + 46, name_length);
        // ZIP64 extra field: the 8-byte values of the fields that say 0xFFFFFFFF, in this order.
        for (std::uint64_t x = at + 46 + name_length; x + 4 <= at + 46 + name_length + extra_length;) {
            const auto id = LittleEndian(zip, x, 2);
            const auto length = LittleEndian(zip, x + 2, 2);
            if (id == 1) {
                std::uint64_t field = x + 4;
                if (size == 0xFFFFFFFFu) size = LittleEndian(zip, field, 8), field += 8;
                if (compressed == 0xFFFFFFFFu) compressed = LittleEndian(zip, field, 8), field += 8;
                if (local == 0xFFFFFFFFu) local = LittleEndian(zip, field, 8);
            }
            x += 4 + length;
        }
        at += 46 + name_length + extra_length + comment_length;
        if (entry_name != name) continue;
        const auto data_at = local + 30 + LittleEndian(zip, local + 26, 2) + LittleEndian(zip, local + 28, 2);
        const auto data = zip.substr(data_at, compressed);
        if (method == 0) return std::string(data);
        std::string out(size, '\0');
        z_stream stream{};
        inflateInit2(&stream, -15);
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        stream.avail_in = static_cast<uInt>(data.size());
        stream.next_out = reinterpret_cast<Bytef*>(out.data());
        stream.avail_out = static_cast<uInt>(out.size());
        const int status = inflate(&stream, Z_FINISH);
        inflateEnd(&stream);
        if (status != Z_STREAM_END) throw std::runtime_error("zip: cannot inflate " + std::string(name));
        return out;
    }
    throw std::runtime_error("zip: no entry " + std::string(name));
}

inline std::string XmlText(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '&') {
            out.push_back(text[i]);
            continue;
        }
        const auto semicolon = text.find(';', i);
        const auto entity = text.substr(i, semicolon - i + 1);
        if (entity == "&amp;")
            out.push_back('&');
        else if (entity == "&lt;")
            out.push_back('<');
        else if (entity == "&gt;")
            out.push_back('>');
        else if (entity == "&quot;")
            out.push_back('"');
        else if (entity == "&apos;")
            out.push_back('\'');
        else
            out += entity;
        i = semicolon;
    }
    return out;
}

/// A cell's text as a spreadsheet reads it: "_xHHHH_" is the character U+HHHH (OOXML's escape; BMP only here).
inline std::string XlsxUnescape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto hex = i + 6 < text.size() ? text.substr(i + 2, 4) : std::string_view();
        if (text.substr(i, 2) == "_x" && !hex.empty() && text[i + 6] == '_' &&
            hex.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos) {
            const auto code = std::stoul(std::string(hex), nullptr, 16);
            if (code < 0x80) {
                out.push_back(static_cast<char>(code));
            } else if (code < 0x800) {
                out.push_back(static_cast<char>(0xC0 | (code >> 6)));
                out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
            } else {
                out.push_back(static_cast<char>(0xE0 | (code >> 12)));
                out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
                out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
            }
            i += 6;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

/// The cells of every row of a worksheet's XML, by column (missing cells are "").
inline std::vector<std::vector<std::string>> SheetRows(std::string_view xml) {
    std::vector<std::vector<std::string>> rows;
    std::size_t at = 0;
    while ((at = xml.find("<row ", at)) != std::string_view::npos) {
        const auto row_end = xml.find("</row>", at);
        const auto row_xml = xml.substr(at, row_end - at);
        at = row_end;
        std::vector<std::string> cells;
        std::size_t c = 0;
        while ((c = row_xml.find("<c r=\"", c)) != std::string_view::npos) {
            std::size_t column = 0;
            std::size_t k = c + 6;
            while (row_xml[k] >= 'A' && row_xml[k] <= 'Z') column = column * 26 + (row_xml[k++] - 'A' + 1);
            const auto cell_end = row_xml.find("</c>", c);
            const auto cell = row_xml.substr(c, cell_end - c);
            c = cell_end;
            std::string value;
            auto open = cell.find("<t");
            if (open == std::string_view::npos) open = cell.find("<v");
            if (open != std::string_view::npos) {
                const auto start = cell.find('>', open) + 1;
                value = XlsxUnescape(XmlText(cell.substr(start, cell.find("</", start) - start)));
            }
            if (cells.size() < column) cells.resize(column);
            cells[column - 1] = value;
        }
        rows.push_back(std::move(cells));
    }
    return rows;
}

}  // namespace auditrail::test
