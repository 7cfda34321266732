#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace auditrail::common {

/// A bad setting: the message is the one clear line the service prints before it stops.
struct OptionError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// One setting: `--name VALUE` (or `--name=VALUE`) on the command line, else `env` in the environment,
/// else `default_value`.
struct OptionSpec {
    std::string name;
    std::string env;
    std::string default_value;
    std::string help;
};

/// Flags win over environment variables; unknown flags are refused; `--help` lists every setting.
class Options {
public:
    Options(std::string program, std::vector<OptionSpec> specs);

    /// Parses argv. Returns false when `--help` was printed (the caller exits 0).
    /// @throws OptionError for an unknown flag or a flag without its value.
    bool Parse(int argc, char** argv);

    const std::string& Get(const std::string& name) const;
    /// @throws OptionError naming the setting when the value is not an integer in [min, max].
    std::int64_t GetInt(const std::string& name, std::int64_t min, std::int64_t max) const;

    std::string Help() const;

private:
    const OptionSpec& Spec(const std::string& name) const;

    std::string program_;
    std::vector<OptionSpec> specs_;
    std::map<std::string, std::string> values_;
};

}  // namespace auditrail::common
