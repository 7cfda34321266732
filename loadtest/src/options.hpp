#pragma once

#include "generator.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace auditrail::load {

/// One run of auditrail-load, as the flags and AUDITRAIL_* variables describe it.
struct LoadOptions {
    /// Where the ingest service listens (loopback in practice); see Target.
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    /// Keep-alive connections, and the I/O threads they are spread over.
    int connections = 16;
    int threads = 1;
    /// Requests per second offered (open loop, latency from the intended send time); 0: closed loop.
    double rate = 0;
    /// The run ends after `duration` or `max_requests` requests, whichever comes first (0: no such bound).
    std::chrono::milliseconds duration{10000};
    std::uint64_t max_requests = 0;
    /// Requests sent during the first `warmup` are not measured (their events are still verified).
    std::chrono::milliseconds warmup{0};
    /// A request without an answer by then is an error ("timeout") and its connection is reopened.
    std::chrono::milliseconds timeout{30000};
    GeneratorSettings generator;
    /// The bearer token; empty: minted with `jwt_secret` for `tenant`.
    std::string token;
    std::string jwt_secret;
    std::string issuer = "auditrail";
    std::string audience = "auditrail";
    /// The tenant written to; default a fresh "load-<random>" per run, so that verification is exact.
    std::string tenant;
    /// Check afterwards through `database_url` that every acknowledged event is stored exactly once.
    bool verify = false;
    std::string database_url;
    /// Print the report as one JSON object instead of text.
    bool json = false;
    /// Send every body gzip-compressed (`Content-Encoding: gzip`, zlib level 1).
    bool gzip = false;
};

/// Where the ingest service listens: `host` as the resolver takes it (an IPv6 literal without its brackets).
struct Target {
    std::string host;
    std::uint16_t port = 0;
};

/// Reads `host:port`, or `[ipv6]:port` for an IPv6 literal such as `[::1]:8080`.
/// @throws common::OptionError naming --target when `text` is neither.
Target ParseTarget(const std::string& text);

/// `host:port` again, with an IPv6 literal in brackets: for the Host header and the report.
std::string FormatTarget(const std::string& host, std::uint16_t port);

/// Returns nothing when --help was printed.
/// @throws common::OptionError with one clear line for a bad setting.
std::optional<LoadOptions> ParseLoadOptions(int argc, char** argv);

}  // namespace auditrail::load
