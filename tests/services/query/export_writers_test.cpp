// Export formats and event JSON, from rows in PostgreSQL's text form, without a database.
#include <catch2/catch.hpp>
#include <src/event_json.hpp>
#include <src/export_writers.hpp>

#include "xlsx_reader.hpp"

namespace auditrail::query {
namespace {

/// A COPY text line with every column: quotes, commas, a newline, a tab and a backslash in the message.
const std::string kLine =
    "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21\t2026-11-23 10:30:00.12+00\t2026-11-23 10:30:01+00\tauthenticate\t"
    "user.login\tsuccess\tjdoe\tuser\tJane \"JD\" Doe, Jr.\t192.168.1.10\tMozilla/5.0\t5001\t\\N\tsession\ts-42\t"
    "line one\\nline two\\ttabbed \\\\ back\t{\"mfa\": true, \"browser\": \"Chrome, "
    "\\\\\"new\\\\\"\"}\tbilling\tacme\n";

EventRow ParsedRow(CopyTextParser& parser) {
    EventRow row;
    REQUIRE(parser.Parse(kLine, row));
    return row;
}

}  // namespace

TEST_CASE("COPY text lines are split and unescaped", "[query]") {
    CopyTextParser parser;
    const auto row = ParsedRow(parser);
    CHECK(row.value[kId] == "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21");
    CHECK(row.null[kStoreId]);
    CHECK(row.value[kMessage] == "line one\nline two\ttabbed \\ back");
    CHECK(row.value[kData] == R"({"mfa": true, "browser": "Chrome, \"new\""})");
    CHECK(row.value[kTenant] == "acme");
    EventRow short_row;
    CHECK_FALSE(parser.Parse("a\tb\n", short_row));
}

TEST_CASE("an event row becomes the API's event object", "[query]") {
    CopyTextParser parser;
    std::string json;
    AppendEventJson(json, ParsedRow(parser));
    CHECK(json ==
          R"({"id":"01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21","occurred_at":"2026-11-23T10:30:00.120000Z",)"
          R"("category":"authenticate","action":"user.login","outcome":"success","actor":{"id":"jdoe","type":"user",)"
          R"("name":"Jane \"JD\" Doe, Jr.","ip":"192.168.1.10","user_agent":"Mozilla/5.0"},"customer_id":5001,)"
          R"("resource":{"type":"session","id":"s-42"},"message":"line one\nline two\ttabbed \\ back",)"
          R"("data":{"mfa":true,"browser":"Chrome, \"new\""},"tenant":"acme",)"
          R"("received_at":"2026-11-23T10:30:01.000000Z","ingested_by":"billing"})");
}

TEST_CASE("CSV export: header, RFC 4180 quoting, CRLF", "[query]") {
    CopyTextParser parser;
    auto writer = MakeCsvWriter();
    std::string out;
    writer->Begin(out);
    REQUIRE(writer->Add(ParsedRow(parser), out));
    writer->Finish();
    CHECK_FALSE(writer->Tail(out, 1024));
    CHECK(out ==
          "id,occurred_at,received_at,category,action,outcome,actor_id,actor_type,actor_name,actor_ip,"
          "actor_user_agent,customer_id,store_id,resource_type,resource_id,message,data,ingested_by\r\n"
          "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21,2026-11-23T10:30:00.120000Z,2026-11-23T10:30:01.000000Z,"
          "authenticate,user.login,success,jdoe,user,\"Jane \"\"JD\"\" Doe, Jr.\",192.168.1.10,Mozilla/5.0,5001,,"
          "session,s-42,\"line one\nline two\ttabbed \\ back\","
          "\"{\"\"mfa\"\":true,\"\"browser\"\":\"\"Chrome, \\\"\"new\\\"\"\"\"}\",billing\r\n");
}

TEST_CASE("XLSX export: text stays text, a formula-looking value is a string, the row limit is said", "[query]") {
    XlsxSettings settings;
    settings.row_limit = 4;  // header, two events, the note
    auto writer = MakeXlsxWriter(settings);
    CopyTextParser parser;
    EventRow row = ParsedRow(parser);
    std::string message = "=HYPERLINK(\"http://evil\")";
    row.value[kMessage] = message;
    std::string out;
    writer->Begin(out);
    CHECK(writer->Add(row, out));
    CHECK(writer->Add(row, out));
    CHECK_FALSE(writer->Add(row, out));
    writer->Finish();
    while (writer->Tail(out, 1000)) {
    }
    CHECK(writer->Rows() == 2);
    const auto sheet = test::ReadZipEntry(out, "xl/worksheets/sheet1.xml");
    const auto rows = test::SheetRows(sheet);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].front() == "id");
    CHECK(rows[0].back() == "ingested_by");
    CHECK(rows[1][15] == message);
    CHECK(rows[1][11] == "5001");
    CHECK(rows[1][8] == "Jane \"JD\" Doe, Jr.");
    CHECK(rows[3][0].find("Excel's limit") != std::string::npos);
    CHECK(sheet.find("<f>") == std::string::npos);
}

TEST_CASE("XLSX export: a cell reads back as the text it was, escapes included, cut at Excel's limit", "[query]") {
    auto writer = MakeXlsxWriter(XlsxSettings{});
    CopyTextParser parser;
    EventRow row = ParsedRow(parser);
    std::string out;
    writer->Begin(out);
    // A literal "_xHHHH_" is text, not the escape of a character; a control character is escaped.
    const std::vector<std::string> messages = {"_x0041_ literal", "tab\x01 and _x005F_ and _x12_", "a\x01" "b",
                                               std::string(40000, 'm'), std::string(32765, 'm') + "_x0041_",
                                               std::string(32767, 'm')};
    for (const auto& message : messages) {
        row.value[kMessage] = message;
        REQUIRE(writer->Add(row, out));
    }
    writer->Finish();
    while (writer->Tail(out, 1 << 16)) {
    }
    const auto rows = test::SheetRows(test::ReadZipEntry(out, "xl/worksheets/sheet1.xml"));
    REQUIRE(rows.size() == 1 + messages.size());
    CHECK(rows[1][15] == messages[0]);
    CHECK(rows[2][15] == messages[1]);
    CHECK(rows[3][15] == messages[2]);
    // Longer than a cell holds: cut, and said so at the end, within the 32,767 characters.
    const std::string notice = " [cut: longer than an Excel cell holds; the CSV and NDJSON exports have it all]";
    CHECK(rows[4][15] == std::string(32767 - notice.size(), 'm') + notice);
    // The escape of the literal's underscore counts towards the limit: the text does not fit, and is cut.
    CHECK(rows[5][15] == std::string(32767 - notice.size(), 'm') + notice);
    // Exactly at the limit: whole, no notice.
    CHECK(rows[6][15] == messages[5]);
}

}  // namespace auditrail::query
