// Form posts only from this origin's own pages: what Origin and Sec-Fetch-Site let through.
#include <src/same_origin.hpp>

#include <catch2/catch.hpp>

namespace auditrail::query {
namespace {

http::Request Post(std::vector<std::pair<std::string, std::string>> headers) {
    http::Request request;
    request.method = "POST";
    request.path = "/login";
    request.headers = std::move(headers);
    return request;
}

bool Allowed(std::vector<std::pair<std::string, std::string>> headers) { return CrossOriginProblem(Post(std::move(headers))).empty(); }

}  // namespace

TEST_CASE("a form post is taken only from this origin's own pages", "[pages]") {
    CHECK(Allowed({{"host", "127.0.0.1:8081"}, {"origin", "http://127.0.0.1:8081"}}));
    CHECK(Allowed({{"host", "Audit.Example.com"}, {"origin", "https://audit.example.com"}}));  // behind a TLS proxy
    CHECK(Allowed({{"host", "audit.example.com:443"}, {"origin", "https://audit.example.com"}}));
    CHECK(Allowed({{"host", "127.0.0.1:8081"}, {"sec-fetch-site", "same-origin"}}));
    CHECK(Allowed({{"host", "127.0.0.1:8081"}, {"sec-fetch-site", "none"}}));  // typed or bookmarked
    CHECK(Allowed({{"host", "127.0.0.1:8081"}}));                              // curl: no browser, no one's cookie

    // Another port of the same host is the same site (SameSite lets its cookies through) but another origin.
    CHECK_FALSE(Allowed({{"host", "127.0.0.1:8081"}, {"origin", "http://127.0.0.1:56520"}}));
    CHECK_FALSE(Allowed({{"host", "127.0.0.1:8081"}, {"origin", "http://evil.example"}}));
    CHECK_FALSE(Allowed({{"host", "127.0.0.1:8081"}, {"origin", "null"}}));  // a sandboxed or file: page
    CHECK_FALSE(Allowed({{"host", "127.0.0.1:8081"}, {"sec-fetch-site", "same-site"}}));
    CHECK_FALSE(Allowed({{"host", "127.0.0.1:8081"}, {"sec-fetch-site", "cross-site"}}));
    CHECK(CrossOriginProblem(Post({{"host", "a"}, {"origin", "http://b"}})) ==
          "this form was sent from http://b, not from this site");
}

}  // namespace auditrail::query
