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

    /// Checks and counts one attempt of `account` from `address` (FailureLimiter::TakeAttempt): how long they must
    /// wait, with nothing counted, or nothing when the attempt may go ahead. Until Succeeded or NotAFailure says
    /// otherwise, the attempt counts as a failure of both.
    std::optional<std::chrono::seconds> TakeAttempt(const std::string& account, const std::string& address) {
        if (const auto wait = accounts.TakeAttempt(account)) return wait;
        if (const auto wait = addresses.TakeAttempt(address)) {
            accounts.Refund(account);
            return wait;
        }
        return std::nullopt;
    }

    /// The attempt signed in: the account starts afresh, and the address is not charged for it.
    void Succeeded(const std::string& account, const std::string& address) {
        accounts.Reset(account);
        addresses.Refund(address);
    }

    /// The attempt failed for a reason other than its credentials (a bad scope, the database unreachable).
    void NotAFailure(const std::string& account, const std::string& address) {
        accounts.Refund(account);
        addresses.Refund(address);
    }

    IdentitySettings settings;
    FailureLimiter accounts;
    FailureLimiter addresses;
};

using IdentityStatePtr = std::shared_ptr<IdentityState>;

}  // namespace auditrail::query
