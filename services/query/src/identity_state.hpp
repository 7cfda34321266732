#pragma once

#include <memory>
#include <optional>
#include <string>

#include "failure_limiter.hpp"
#include "identity_settings.hpp"

namespace auditrail::query {

/// What the identity handlers share: the settings and the failure counters (per account and per address).
struct IdentityState {
    explicit IdentityState(IdentitySettings settings)
        : settings(std::move(settings)),
          accounts(this->settings.account_failures, this->settings.failure_window, this->settings.max_tracked),
          addresses(this->settings.address_failures, this->settings.failure_window, this->settings.max_tracked) {}

    /// How long `account` from `address` must wait, or nothing when it may try now.
    std::optional<std::chrono::seconds> Blocked(const std::string& account, const std::string& address) {
        const auto by_account = accounts.Blocked(account);
        const auto by_address = addresses.Blocked(address);
        if (by_account && by_address) return std::max(*by_account, *by_address);
        return by_account ? by_account : by_address;
    }

    void RecordFailure(const std::string& account, const std::string& address) {
        accounts.RecordFailure(account);
        addresses.RecordFailure(address);
    }

    IdentitySettings settings;
    FailureLimiter accounts;
    FailureLimiter addresses;
};

using IdentityStatePtr = std::shared_ptr<IdentityState>;

}  // namespace auditrail::query
