#pragma once

#include <auditrail/health/report.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::query {

/// `<span class="band band-watch">watch</span>`; `id` added when not empty.
std::string BandHtml(health::Band band, std::string_view id = {});

/// The signals as `<ul>` of `<li class="sev-…" data-code="…">`, severity then sentence; `id` added when not
/// empty. An empty list is still a `<ul>` (a stable hook), followed by a short "no signals" line.
std::string SignalsHtml(const std::vector<health::Signal>& signals, std::string_view id = {});

/// `<time datetime="2026-11-23T12:44:47.397704Z">2026-11-23 12:44:47 UTC</time>`.
std::string MomentHtml(health::TimeUs t);

/// The short note that replaces a section the viewer's role may not see: "Your role does not allow …".
std::string NotAllowedHtml(std::string_view what);

}  // namespace auditrail::query
