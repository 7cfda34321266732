#include "customer_page_parameters.hpp"

#include <auditrail/http/query_string.hpp>

#include "../health_parameters.hpp"
#include <set>

namespace auditrail::query {

CustomerPageParse ParseCustomerPageParameters(std::string_view query, events::TimeUs now) {
    CustomerPageParse parse;
    parse.parameters.as_of = now;
    const auto params = http::ParseQuery(query);
    if (!params) {
        parse.error = "The address has a malformed percent escape.";
        return parse;
    }
    std::set<std::string> seen;
    for (const auto& [name, value] : *params) {
        if (!seen.insert(name).second) {
            parse.error = "The parameter " + name + " is given more than once.";
        } else if (name == "as_of") {
            const auto time = ParseAsOf(value);
            if (!time) {
                parse.error = "as_of " + std::string(kAsOfRule) + ".";
            } else {
                parse.parameters.as_of = *time;
                parse.parameters.as_of_given = value;
            }
        } else if (name == "cursor") {
            if (value.empty()) parse.error = "cursor is empty.";
            parse.parameters.cursor = value;
        } else {
            parse.error = "The parameter " + name + " is not one this page takes.";
        }
        if (parse.error) return parse;
    }
    return parse;
}

}  // namespace auditrail::query
